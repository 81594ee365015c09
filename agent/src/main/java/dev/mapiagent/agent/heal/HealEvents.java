package dev.mapiagent.agent.heal;

/** Event IDs of the MapiAgent event source, documented for administrators in installer/README.md. */
public final class HealEvents {

    public static final int HEAL_STARTED = 1000;
    public static final int ACTION_APPLIED = 1001;
    public static final int ACTION_FAILED = 1002;
    public static final int HEAL_FINISHED = 1003;
    public static final int UNDO = 1010;
    public static final int REMOTE_COMMAND_REFUSED = 1020;
    /** A report or result the collector kept failing on was set aside so that the others flow. */
    public static final int SPOOL_ITEM_SET_ASIDE = 1030;

    private HealEvents() {
    }
}
