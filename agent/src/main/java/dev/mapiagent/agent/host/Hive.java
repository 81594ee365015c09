package dev.mapiagent.agent.host;

/** The registry roots the agent reads, named as regedit exports them. */
public enum Hive {
    HKEY_CURRENT_USER("HKCU"),
    HKEY_LOCAL_MACHINE("HKLM");

    private final String shortName;

    Hive(String shortName) {
        this.shortName = shortName;
    }

    public String shortName() {
        return shortName;
    }

    /** "HKCU\Software\Microsoft\Exchange", the form evidence is written in. */
    public String display(String keyPath) {
        return shortName + "\\" + keyPath;
    }
}
