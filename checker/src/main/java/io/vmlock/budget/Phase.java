package io.vmlock.budget;

/** The phases of checking a file, and where each is, as a message naming the one that ran out says it. */
public enum Phase {
    PARSE("while parsing the scenario"),
    COMPILE("while compiling the scenario for the search"),
    GRAPH_PASS("in the lock-order graph pass"),
    SEARCH("in the search"),
    TARGETED_SEARCH("in a targeted search of a lock-order cycle's threads"),
    REPORT("while building the report");

    private final String where;

    Phase(String where) {
        this.where = where;
    }

    /** {@code in the search}: follows {@code --max-seconds 5 reached}. */
    public String where() {
        return where;
    }
}
