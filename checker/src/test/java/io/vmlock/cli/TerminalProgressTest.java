package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.explore.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line: when it is shown, what it says, and how it overwrites and erases itself. */
class TerminalProgressTest {

    @Test
    void shownOnATerminalUnlessAskedOtherwise() {
        Map<String, String> xterm = Map.of("TERM", "xterm-256color");
        assertTrue(TerminalProgress.shown(null, true, xterm));
        assertFalse(TerminalProgress.shown(null, false, xterm), "a pipe, a file, a CI log");
        assertFalse(TerminalProgress.shown(null, true, Map.of("TERM", "dumb")), "a terminal that cannot return to the line's start");
        assertTrue(TerminalProgress.shown(null, true, Map.of()));
        assertTrue(TerminalProgress.shown(true, false, xterm), "--progress");
        assertFalse(TerminalProgress.shown(false, true, xterm), "--no-progress");
    }

    @Test
    void theLineGivesStatesRateDepthQueueAndHeap() {
        var s = new Progress.Snapshot(2_500_000, 2_000_000_000L, 17, 123_456, 300L << 20);
        assertEquals(1_250_000, s.statesPerSecond());
        assertEquals("2,500,000 states, 1,250,000 states/s, depth 17, queue 123,456, heap 300 MiB", TerminalProgress.line(s));
        assertEquals(0, new Progress.Snapshot(5, 0, 0, 0, 0).statesPerSecond());
    }

    @Test
    void aShorterLineBlanksTheRestOfTheLongerOneAndTheEndErasesIt() {
        assertEquals("\rabc", TerminalProgress.redraw("abc", 0));
        assertEquals("\rab   ", TerminalProgress.redraw("ab", 5));
        assertEquals("\r     \r", TerminalProgress.erase(5));
        assertEquals("", TerminalProgress.erase(0), "nothing drawn, nothing to erase");
    }

    @Test
    void updatesThenTheEndLeaveAnEmptyLineOnStderr() {
        StringWriter err = new StringWriter();
        TerminalProgress.Options forced = new TerminalProgress.Options();
        forced.asked = true;
        Progress p = forced.on(new PrintWriter(err));
        var wide = new Progress.Snapshot(1_000_000, 1_000_000_000L, 12, 1_000, 100L << 20);
        var narrow = new Progress.Snapshot(10, 1_000_000_000L, 1, 0, 1L << 20);
        p.update(wide);
        p.update(narrow);
        p.end();
        String w = TerminalProgress.line(wide);
        String n = TerminalProgress.line(narrow);
        assertEquals("\r" + w + "\r" + n + " ".repeat(w.length() - n.length()) + "\r" + " ".repeat(w.length()) + "\r",
                err.toString());
    }

    @Test
    void aSearchOutsideATerminalWritesNothingToStderr() {
        Cli r = Cli.run("check", io.vmlock.testing.Scenarios.root()
                .resolve("examples/philosophers/philosophers5.vmlock").toString());
        assertEquals(ExitCodes.FINDINGS, r.code(), r::toString);
        assertEquals("", r.err());
    }
}
