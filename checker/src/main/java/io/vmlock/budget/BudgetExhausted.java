package io.vmlock.budget;

/**
 * Thrown where a phase finds its file's budget spent, from as deep as the check sits (a path
 * walk, a store about to grow), and caught where the phase's result is made incomplete.
 */
public final class BudgetExhausted extends RuntimeException {
    public BudgetExhausted(String reason) {
        super(reason, null, false, false);
    }

    /** Why: {@code --max-seconds 5 reached in the search}. */
    public String reason() {
        return getMessage();
    }
}
