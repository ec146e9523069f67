package io.vmlock.ast;

/** What a procedure gives back to its caller: nothing ({@code proc}), a bool or an int. */
public enum ResultType {
    VOID("proc"), BOOL("bool"), INT("int");

    private final String keyword;

    ResultType(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword that declares it: {@code proc f()}, {@code bool f()}, {@code int f()}. */
    public String keyword() {
        return keyword;
    }

    public boolean returnsValue() {
        return this != VOID;
    }
}
