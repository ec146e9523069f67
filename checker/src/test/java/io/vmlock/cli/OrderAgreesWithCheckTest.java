package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vmlock order} agrees with {@code check}: on every example check calls clean, order finds
 * no cycle that can close and no broken declared order (exit 0), and names no thread or mapping
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

    @ParameterizedTest
    @MethodSource("examples")
    void orderExitsZeroWhereCheckIsClean(Path example) throws IOException {
        String headline = Files.readString(ExamplesTest.golden(example)).lines().findFirst().orElseThrow();
        Run order = run("order", example.toString());
        if (headline.endsWith(": clean")) assertEquals(ExitCodes.CLEAN, order.exit(), order.out());
        assertFalse(order.out().contains("fault("), "a fault named by its mapping:\n" + order.out());
    }
}
