package io.vmlock.cli;

/** Exit codes, fixed for the whole project and listed in --help and the README. */
public final class ExitCodes {
    public static final int CLEAN = 0;
    public static final int FINDINGS = 1;
    public static final int INVALID_INPUT = 2;
    public static final int INCOMPLETE = 3;
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }

    /** The table shown at the end of --help. */
    public static final String HELP_TABLE = """
            Exit codes:
              0   clean: no findings (for test: every expectation met)
              1   findings, or an unmet expect clause
              2   invalid input or usage (diagnostics on stderr)
              3   incomplete: a limit (states, --max-seconds, --max-memory, the heap) or a signal
                  stopped a check before it finished, or --preemptions bounded it; never reported
                  as clean
              70  internal error (a bug in vmlock: please report it)
            """;
}
