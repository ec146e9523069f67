package io.vmlock.cli;

import io.vmlock.explore.Explorer;
import picocli.CommandLine.Option;

/** {@code --first}, for the commands whose answer one finding can settle (check, test). */
final class FirstOption {
    @Option(names = "--first", description = "Stop each search at the first finding (breadth-first: a shortest trace); "
            + "other findings may exist. Partial-order reduction is off (it would lengthen traces).")
    boolean first;

    Explorer.Options applyTo(Explorer.Options options) {
        return options.withFirst(first);
    }
}
