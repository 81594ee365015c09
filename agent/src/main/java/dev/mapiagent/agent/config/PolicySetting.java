package dev.mapiagent.agent.config;

/**
 * Every setting the agent reads from Group Policy: the single list that the configuration loader
 * reads and that {@code config/policy/MapiAgent.admx} must match (a test holds both ways).
 *
 * <p>Precedence, highest first: {@link #POLICY_KEY} under HKLM, the same key under HKCU (only for
 * settings whose {@link #scope()} allows users), the config file, the machine settings that the
 * MSI writes under {@link #MACHINE_SETTINGS_KEY} (HKLM), then {@link #defaultValue()}.
 *
 * <p>Kept free of JNA and of other agent packages so that both the loader and the template tests
 * can use it on any OS.
 */
public enum PolicySetting {
    /** HTTPS URL of the collector; http only for a loopback address. */
    COLLECTOR_URL("CollectorUrl", Kind.TEXT, Scope.MACHINE, "collectorUrl", ""),
    /** Shared secret the agent presents once to enroll with the collector. */
    ENROLL_SECRET("EnrollSecret", Kind.TEXT, Scope.MACHINE, "enrollSecret", ""),
    /** Path of a PEM file; when set, only this CA is trusted for the collector's TLS certificate. */
    COLLECTOR_CA_CERTIFICATE("CollectorCaCertificate", Kind.TEXT, Scope.MACHINE, "collectorCaCertificate", ""),
    /** Comma-separated heal action ids the agent applies by itself at logon; empty = none. */
    AUTO_HEAL_ACTIONS("AutoHealActions", Kind.TEXT, Scope.MACHINE_AND_USER, "autoHealActions", ""),
    /** Comma-separated heal action ids the helpdesk may trigger remotely. */
    ALLOWED_REMOTE_ACTIONS("AllowedRemoteActions", Kind.TEXT, Scope.MACHINE, "allowedRemoteActions",
            "enable-mapihttp,clear-office-credentials,reset-autodiscover-cache"),
    /** Upper bound of the random wait after logon before the first diagnosis. */
    START_DELAY_MAX_SECONDS("StartDelayMaxSeconds", Kind.NUMBER, Scope.MACHINE_AND_USER, "startDelayMaxSeconds",
            0, 3600, 120),
    /** Longest wait of one long-poll for commands at the collector (values above 50 act as 50). */
    POLL_INTERVAL_SECONDS("PollIntervalSeconds", Kind.NUMBER, Scope.MACHINE_AND_USER, "pollIntervalSeconds",
            30, 86400, 300),
    /**
     * 1 = keep running and poll for commands while the user is logged on; 0 = exit after the report. Not set, it is
     * 0 on a multi-session host (Remote Desktop Session Host, Windows Enterprise multi-session), where every
     * session would hold a resident JVM.
     */
    STAY_RESIDENT("StayResident", Kind.SWITCH, Scope.MACHINE_AND_USER, "stayResident", 0, 1, 1),
    /** 1 = also send test requests to the Exchange MAPI and Autodiscover endpoints during diagnosis. */
    PROBE_ENDPOINTS("ProbeEndpoints", Kind.SWITCH, Scope.MACHINE_AND_USER, "probeEndpoints", 0, 1, 0);

    /** Policy key, read under HKLM first (wins), then under HKCU. Also the ADMX {@code key}. */
    public static final String POLICY_KEY = "SOFTWARE\\Policies\\MapiAgent";
    /** Machine settings written by the MSI (HKLM only); an empty value counts as not set. */
    public static final String MACHINE_SETTINGS_KEY = "SOFTWARE\\MapiAgent";

    /** How a value is stored and edited. */
    public enum Kind {
        /** REG_SZ, a text box in the template. */
        TEXT(RegistryType.REG_SZ),
        /** REG_DWORD within [min, max], a number box in the template. */
        NUMBER(RegistryType.REG_DWORD),
        /** REG_DWORD 1 (enabled) or 0 (disabled), the policy's own Enabled/Disabled switch. */
        SWITCH(RegistryType.REG_DWORD);

        private final RegistryType registryType;

        Kind(RegistryType registryType) {
            this.registryType = registryType;
        }

        public RegistryType registryType() {
            return registryType;
        }
    }

    /** The registry value types a policy setting may have. */
    public enum RegistryType { REG_SZ, REG_DWORD }

    /** Where the setting may be set by policy. */
    public enum Scope {
        /** HKLM only: decided for the device (where reports go, what may be done to it remotely). */
        MACHINE,
        /** HKLM, or HKCU when HKLM does not set it. */
        MACHINE_AND_USER
    }

    private final String valueName;
    private final Kind kind;
    private final Scope scope;
    private final String configName;
    private final long min;
    private final long max;
    private final String defaultValue;

    PolicySetting(String valueName, Kind kind, Scope scope, String configName, String defaultValue) {
        this(valueName, kind, scope, configName, 0, 0, defaultValue);
    }

    PolicySetting(String valueName, Kind kind, Scope scope, String configName, long min, long max,
                  long defaultValue) {
        this(valueName, kind, scope, configName, min, max, Long.toString(defaultValue));
    }

    private PolicySetting(String valueName, Kind kind, Scope scope, String configName, long min, long max,
                          String defaultValue) {
        this.valueName = valueName;
        this.kind = kind;
        this.scope = scope;
        this.configName = configName;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
    }

    /** Registry value name under {@link #POLICY_KEY}. */
    public String valueName() {
        return valueName;
    }

    public Kind kind() {
        return kind;
    }

    public RegistryType registryType() {
        return kind.registryType();
    }

    public Scope scope() {
        return scope;
    }

    /** Name of the same setting in the JSON config file (camelCase). */
    public String configName() {
        return configName;
    }

    /** Smallest accepted value of a {@link RegistryType#REG_DWORD} setting. */
    public long min() {
        requireNumeric();
        return min;
    }

    /** Largest accepted value of a {@link RegistryType#REG_DWORD} setting. */
    public long max() {
        requireNumeric();
        return max;
    }

    /** The value when nothing sets it, as text ("" for an unset text, digits for a number). */
    public String defaultValue() {
        return defaultValue;
    }

    /** The value when nothing sets it on a multi-session host: the same as {@link #defaultValue()} but StayResident's. */
    public String multiSessionDefault() {
        return this == STAY_RESIDENT ? "0" : defaultValue;
    }

    /** Whether a REG_DWORD value is within this setting's range. */
    public boolean accepts(long value) {
        requireNumeric();
        return value >= min && value <= max;
    }

    private void requireNumeric() {
        if (kind.registryType() != RegistryType.REG_DWORD) {
            throw new IllegalStateException(valueName + " is a text setting and has no numeric range");
        }
    }
}
