package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.cli.TerminalColour.When;
import io.vmlock.testing.Scenarios;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalColourTest {
    private static final String ABBA = example("classic/abba.vmlock");
    private static final String ESC = "\u001b[";

    private static String example(String name) {
        return Scenarios.root().resolve("examples").resolve(name).toString();
    }

    @Test
    void autoColoursOnlyATerminalWithoutNoColor() {
        assertTrue(TerminalColour.enabled(When.AUTO, Map.of("TERM", "xterm"), true));
        assertFalse(TerminalColour.enabled(When.AUTO, Map.of("TERM", "xterm"), false), "a pipe or file");
        assertFalse(TerminalColour.enabled(When.AUTO, Map.of("NO_COLOR", "1"), true), "https://no-color.org");
        assertTrue(TerminalColour.enabled(When.AUTO, Map.of("NO_COLOR", ""), true), "NO_COLOR set but empty counts as unset");
        assertFalse(TerminalColour.enabled(When.AUTO, Map.of("TERM", "dumb"), true));
        assertTrue(TerminalColour.enabled(When.ALWAYS, Map.of("NO_COLOR", "1"), false));
        assertFalse(TerminalColour.enabled(When.NEVER, Map.of(), true));
    }

    @Test
    void colourOnlyAddsEscapesToTheSameText() {
        Cli plain = Cli.run("check", ABBA);
        Cli coloured = Cli.run("check", "--color", "always", ABBA);
        assertEquals(1, coloured.code(), coloured::toString);
        assertFalse(plain.out().contains(ESC), "in-process output is no terminal: no colour by default");
        assertTrue(coloured.out().contains("\u001b[1;31mdeadlock\u001b[0m"), coloured::toString);
        assertTrue(coloured.out().contains("\u001b[2mat "), "locations recede: " + coloured.out());
        assertEquals(plain.out(), coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void cleanIsGreenAndOnlyTheTextReportIsColoured() {
        Cli clean = Cli.run("check", "--color", "always", example("classic/abba-ordered.vmlock"));
        assertTrue(clean.out().contains(": \u001b[32mclean\u001b[0m"), clean::toString);
        Cli json = Cli.run("check", "--color", "always", "--format", "json", ABBA);
        assertFalse(json.out().contains(ESC), "JSON is for programs");
    }

    @Test
    void anUnknownWhenIsAUsageError() {
        Cli bad = Cli.run("check", "--color", "sometimes", ABBA);
        assertEquals(ExitCodes.INVALID_INPUT, bad.code(), bad::toString);
        assertTrue(bad.err().contains("unknown --color 'sometimes'"), bad::toString);
    }
}
