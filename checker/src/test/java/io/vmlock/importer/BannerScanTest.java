package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pre-filter finds the banner the line-by-line reading would, at the same input line, under
 * every line break and around false hits (a marker in a line that opens no report).
 */
class BannerScanTest {
    /** The first banner as reading every line finds it: the reference the pre-filter must match. */
    private static Optional<SourceLine> everyLine(String input) {
        return ReportLines.of(input).stream().filter(l -> SplatParser.kindAt(l).isPresent()).findFirst();
    }

    private static Optional<SourceLine> scanned(String input) {
        return BannerScan.first(input, 3).flatMap(e -> ReportLines.of(e.text(), e.firstLine()).stream()
                .filter(l -> SplatParser.kindAt(l).isPresent()).findFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyCorpusReportsBannerIsFoundAtItsLine(String lineBreak) {
        for (Path p : TestFiles.find(TestFiles.repoRoot().resolve("checker/src/test/resources/lockdep"), ".txt")) {
            String text = TestFiles.read(p).replace("\r\n", "\n").replace("\n", lineBreak);
            assertEquals(everyLine(text), scanned(text), p.getFileName().toString());
        }
    }

    /**
     * A line cut like a lock class just before a banner (a garbled "</TASK>" that reads " (/TASK>",
     * found by ImportLockdepInputTest on corpus 78) is not joined with it: the banner BannerScan found
     * on its own line is where the report starts.
     */
    @Test
    void aCutLineBeforeABannerIsNotJoinedWithIt() throws UnreadableReport {
        String input = String.join("\n", " (/TASK>", "INFO: task a:1 blocked for more than 120 seconds.",
                "Call Trace:", " a_wait+0x1/0x2");
        assertEquals(Optional.of(new SourceLine(2, "INFO: task a:1 blocked for more than 120 seconds.")),
                scanned(input));
        assertEquals(everyLine(input), scanned(input));
        assertEquals("a", SplatParser.parse(input).header().task());
    }

    @Test
    void aMarkerInALineThatOpensNoReportIsPassedOver() {
        String input = String.join("\n", "noise",
                "grep 'blocked for more than' /var/log/kern.log",
                "a circular locking dependency is what lockdep finds",
                "[ 1.0] WARNING: possible recursive locking detected",
                "after");
        assertEquals(Optional.of(new SourceLine(4, "WARNING: possible recursive locking detected")), scanned(input));
        BannerScan.Excerpt e = BannerScan.first(input, 1).orElseThrow();
        assertEquals(3, e.firstLine());
        assertEquals(List.of("a circular locking dependency is what lockdep finds",
                "[ 1.0] WARNING: possible recursive locking detected", "after"), e.text().lines().toList());
    }

    @Test
    void aSyslogLineWithEscapedNewlinesOpensTheReportInside() {
        String input = "x\nMar 1 10:00:00 host kernel: #012======#012WARNING: possible circular locking dependency detected\n";
        assertEquals(Optional.of(new SourceLine(2, "WARNING: possible circular locking dependency detected")),
                scanned(input));
    }

    /** A banner whose marker is the input's first character (hung_task's lock list opens with it). */
    @Test
    void aBannerAtTheInputsFirstCharacterIsFound() {
        String input = "Showing all locks held in the system:\n1 lock held by a/1:\n";
        assertEquals(Optional.of(new SourceLine(1, "Showing all locks held in the system:")), scanned(input));
        assertEquals(List.of(1), BannerScan.bannerLines(input, 1));
        assertEquals(List.of(), BannerScan.bannerLines(input, 2));
    }

    @Test
    void noBannerIsNoExcerpt() {
        assertTrue(BannerScan.first("circular locking dependency\nblocked for more than\n", 10).isEmpty());
        assertEquals(2, BannerScan.breaks("a\r\nb\rc", 6));
    }
}
