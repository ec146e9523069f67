package io.vmlock.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a developer's machine and fails it in CI. */
class ExternalToolsTest {
    @Test
    void aMissingToolFailsUnderCiAndSkipsElsewhere() {
        AssertionFailedError ci = assertThrows(AssertionFailedError.class,
                () -> ExternalTools.require(false, "spin", "apt-get install spin", true));
        assertTrue(ci.getMessage().contains("spin is not installed (apt-get install spin): CI=true"), ci.getMessage());
        TestAbortedException local = assertThrows(TestAbortedException.class,
                () -> ExternalTools.require(false, "spin", "apt-get install spin", false));
        assertTrue(local.getMessage().contains("skipped here"), local.getMessage());
        ExternalTools.require(true, "spin", "apt-get install spin", true);
    }

    @Test
    void programsAreFoundOnThePath() {
        assertTrue(ExternalTools.onPath("java") || System.getenv("PATH") == null, "java runs these tests");
        assertTrue(!ExternalTools.onPath("no-such-program-vmlock"));
    }
}
