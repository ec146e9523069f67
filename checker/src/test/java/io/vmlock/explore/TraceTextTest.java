package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How operations read in traces: with the instances and elements the frame actually used. */
class TraceTextTest {

    private static Finding only(CheckResult r) {
        assertTrue(r.complete(), "search complete");
        assertEquals(1, r.findings().size(), () -> "findings: " + r.findings());
        return r.findings().get(0);
    }

    /* Assignment targets read with the frame's values: parameters and unrolled foreach variables. */
    @Test
    void assignedElementsAreNamedWithTheirIndexValues() {
        Finding f = only(check("""
                set page { P0, P1 };
                bool dirty[page];
                proc set_page_dirty(page p) { dirty[p] = true; }
                thread t { set_page_dirty(P1); foreach (q in page) { dirty[q] = false; } assert(false); }
                """));
        assertEquals(List.of("dirty[P1] = true", "dirty[P0] = false", "dirty[P1] = false", "assert(false)"),
                f.trace().stream().map(TraceStep::operation).toList());
    }
}
