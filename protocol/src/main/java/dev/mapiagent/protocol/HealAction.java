package dev.mapiagent.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The self-heal actions, named as on the command line, in policy and in commands. */
public enum HealAction {
    ENABLE_MAPIHTTP("enable-mapihttp"),
    CLEAR_OFFICE_CREDENTIALS("clear-office-credentials"),
    RESET_AUTODISCOVER_CACHE("reset-autodiscover-cache"),
    RESTART_OUTLOOK("restart-outlook");

    private final String id;

    HealAction(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<HealAction> byId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equalsIgnoreCase(id)).findFirst();
    }

    @JsonCreator
    static HealAction fromJson(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("unknown heal action: " + id));
    }
}
