package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.GraphPassStats;
import io.vmlock.findings.SearchStats;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text report's figures: the search's and the graph pass's, with timings only when asked for. */
class TextTimingsTest {
    private static final CheckResult RESULT = new CheckResult("f.vmlock", List.of(),
            new SearchStats(1200, 3400, 7, 1500, 5L << 20, 3000), Optional.empty(), List.of(),
            Optional.of(new GraphPassStats(2, 1, 3, 0, 0, 0, 0, true, 250)));

    @Test
    void withStatsTheTextGivesTimeMemoryAndBytesPerState() {
        String text = TextReport.render(RESULT, true);
        assertTrue(text.contains("\nstates: 1,200 stored, 3,400 transitions, max depth 7\n"), text);
        assertTrue(text.contains("time: 1.50 s, peak memory: 5 MiB, state bytes: 3,000 (2.5 per state)\n"), text);
        assertTrue(text.contains("graph pass (run first): 2 lock classes, 1 edge from 3 acquisition paths, 0 cycles"
                + " (0 feasible, 0 dismissed), 0 declared-order violations, 0.25 s\n"), text);
    }

    /** A report is the same on every machine: a German default locale must not make it "1,50 s" or "3.000". */
    @Test
    void figuresDoNotFollowTheMachinesLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String text = TextReport.render(RESULT, true);
            assertTrue(text.contains("time: 1.50 s, peak memory: 5 MiB, state bytes: 3,000 (2.5 per state)\n"), text);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void withoutStatsNoTimings() {
        String text = TextReport.render(RESULT, false);
        assertFalse(text.contains("time:") || text.contains(" s\n"), text);
    }

    @Test
    void noStatesNoBytesPerState() {
        CheckResult empty = new CheckResult("f.vmlock", List.of(), new SearchStats(0, 0, 0, 0, 0, 0), Optional.empty(),
                List.of());
        assertTrue(TextReport.render(empty, true).contains("state bytes: 0 (0.0 per state)"));
    }
}
