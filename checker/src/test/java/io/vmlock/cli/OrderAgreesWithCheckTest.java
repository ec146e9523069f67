package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vmlock order} agrees with {@code check}: on every example check calls clean, order finds
 * no cycle that can close and no broken declared order (exit 0), but for the cycles through a
 * lockdep map that check notes lockdep reports (see LOCKDEP_MAP_CYCLE); and names no thread or mapping
 * in a pseudo-lock. Check's verdict is its report's headline as the example's golden holds it
 * (ExamplesTest pins the golden to check's report), where running check again here doubled this
 * class's time.
 */
class OrderAgreesWithCheckTest {
    static List<Path> examples() throws IOException {
        return ExamplesTest.scenarios();
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(new StringWriter()));
        return new Run(exit, out.toString());
    }

    /**
     * Check's note on a cycle through a lockdep map no thread waits on (a work's or an SRCU's):
     * the search can neither close nor refute it, and lockdep reports it, so a clean check keeps
     * it as a note and order, whose ordering is one lockdep accepts, counts it as a cycle.
     */
    private static final Pattern LOCKDEP_MAP_CYCLE = Pattern.compile("goes through lockdep map (\\S+), which no thread waits on");

    @ParameterizedTest
    @MethodSource("examples")
    void orderExitsZeroWhereCheckIsClean(Path example) throws IOException {
        String golden = Files.readString(ExamplesTest.golden(example));
        String headline = golden.lines().findFirst().orElseThrow();
        Run order = run("order", example.toString());
        if (headline.endsWith(": clean")) {
            List<String> maps = LOCKDEP_MAP_CYCLE.matcher(golden.replaceAll("\\s+", " ")).results()
                    .map(m -> m.group(1)).toList();
            if (maps.isEmpty()) {
                assertEquals(ExitCodes.CLEAN, order.exit(), order.out());
            } else {
                assertEquals(ExitCodes.FINDINGS, order.exit(), order.out());
                for (String map : maps) assertTrue(order.out().contains(" " + map + " -> "), map + ":\n" + order.out());
            }
        }
        assertFalse(order.out().contains("fault("), "a fault named by its mapping:\n" + order.out());
    }
}
