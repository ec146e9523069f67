package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** {@code check --first} and {@code test --first} on the command line. */
class FirstOptionTest {
    private static final String NOTE = "note: --first: the search stopped at its first finding; other findings may exist";

    private static String example(String path) {
        return Scenarios.root().resolve(path).toString();
    }

    @Test
    void aFindingExitsOneAndSaysTheSearchStoppedAtIt() {
        Cli r = Cli.run("check", "--first", example("examples/philosophers/philosophers5.vmlock"));
        assertEquals(ExitCodes.FINDINGS, r.code(), r::toString);
        assertTrue(r.out().contains("shortest trace, 5 steps:"), r::toString);
        assertTrue(r.out().contains(NOTE), r::toString);
    }

    @Test
    void aCleanScenarioIsCleanWithoutTheNote() {
        Cli r = Cli.run("check", "--first", example("examples/classic/abba-ordered.vmlock"));
        assertEquals(ExitCodes.CLEAN, r.code(), r::toString);
        assertTrue(r.out().contains("clean"), r::toString);
        assertFalse(r.out().contains(NOTE), r::toString);
    }

    @Test
    void testTakesItToo() {
        Cli r = Cli.run("test", "--first", example("examples/philosophers/philosophers5.vmlock"));
        assertEquals(ExitCodes.CLEAN, r.code(), r::toString);
        assertTrue(r.out().startsWith("PASS "), r::toString);
    }
}
