package dev.mapiagent.protocol;

import dev.mapiagent.protocol.AutodiscoverSection.AutodiscoverFile;
import dev.mapiagent.protocol.CredentialsSection.CredentialEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Reports drawn from a seeded {@link Random}: any value a component can hold, nulls wherever one is allowed. */
final class RandomReports {

    /** Text JSON must escape or may carry as is: quotes, backslashes, controls, line separators, surrogate pairs. */
    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f",
        "\u0000", "\u001f", "\u007f", "\u0080", "é", "ß", "中文", "\u2028", "\u2029", "😀", "\uFEFF", "<", ">", "&",
        "'", "HKCU\\Software\\Microsoft\\Exchange", "ann@contoso.com", "https://outlook.office365.com/mapi/emsmdb/"};

    private final Random random;

    RandomReports(long seed) {
        this.random = new Random(seed);
    }

    Report next() {
        return new Report(random.nextInt(), text(), text(), text(), text(), instant(), text(),
                orNull(() -> pick(Verdict.values())), orNull(() -> pick(MapiProtocol.values())),
                list(this::finding), orNull(this::outlook), orNull(this::mapiHttp), orNull(this::autodiscover),
                orNull(this::credentials), orNull(this::connectionStatus));
    }

    private Finding finding() {
        return new Finding(required(), pick(Severity.values()), required(), text(), text());
    }

    private OutlookSection outlook() {
        return new OutlookSection(random.nextBoolean(), text(), text(), text(), text(), text(), random.nextBoolean(),
                text());
    }

    private MapiHttpSection mapiHttp() {
        return new MapiHttpSection(text(), orNull(this::number), text(), orNull(this::number));
    }

    private AutodiscoverSection autodiscover() {
        return new AutodiscoverSection(list(() -> new AutodiscoverFile(text(), text(), random.nextBoolean(),
                list(this::text), list(this::text), text())), orNull(random::nextBoolean));
    }

    private CredentialsSection credentials() {
        return new CredentialsSection(list(() -> new CredentialEntry(text(), text(), text(), text())));
    }

    private ConnectionStatusSection connectionStatus() {
        return new ConnectionStatusSection(text(), text(), orNull(() -> pick(MapiProtocol.values())),
                list(() -> new ConnectionRow(random.nextInt(), text(), text(), text(), text(),
                        orNull(() -> pick(MapiProtocol.values())), text(), orNull(random::nextBoolean),
                        orNull(random::nextInt), orNull(random::nextInt), text())),
                list(() -> new UnreadableLine(random.nextInt(), text(), text())));
    }

    private Long number() {
        return switch (random.nextInt(4)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    private Instant instant() {
        return orNull(() -> Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE) * 2L,
                random.nextBoolean() ? 0 : random.nextInt(1_000_000_000)));
    }

    private String text() {
        return orNull(this::required);
    }

    private String required() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append(pick(PIECES));
        }
        return text.toString();
    }

    /** Null now and then, an empty list now and then, and now and then a null element. */
    private <T> List<T> list(Supplier<T> element) {
        return orNull(() -> {
            List<T> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(random.nextInt(8) == 0 ? null : element.get());
            }
            return list;
        });
    }

    private <T> T orNull(Supplier<T> value) {
        return random.nextInt(5) == 0 ? null : value.get();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
