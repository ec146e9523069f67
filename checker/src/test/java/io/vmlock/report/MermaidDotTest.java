package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.SearchStats;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Mermaid and DOT texts of small findings, compared whole: each line says what the finding
 * says (who takes, releases or waits for what, in which order), so a line lost, reordered or
 * with the wrong arrow is a wrong diagram.
 */
class MermaidDotTest {
    private static HeldLock mutex(String name) {
        return new HeldLock(name, HeldLock.Mode.EXCLUSIVE);
    }

    private static TraceStep step(int n, String thread, String op, List<HeldLock> after) {
        return new TraceStep(n, thread, op, SyntheticReports.at(10 + n, 3), List.of(), after);
    }

    @Test
    void aDeadlockIsTakesNotesAndCrossedWaits() {
        assertEquals("""
                sequenceDiagram
                    participant T0 as writer
                    participant T1 as jbd2
                    participant L2 as page_lock[P0]
                    participant L3 as the journal commit
                    participant L4 as mmap_lock
                    T0 ->> L2: 1. mutex_lock(page_lock[P0])
                    T1 ->> L3: 2. jbd2_journal_lock_updates(journal)
                    Note over T0: 3. copy_from_user(dax_buf): faults -> dax_fault(P0)
                    T0 ->> L4: 4. down_read(mmap_lock)
                    T0 -x L3: waits for the journal commit (blocked)
                    T1 -x L2: waits for page_lock[P0] (blocked)
                """, MermaidReport.diagram(SyntheticReports.deadlock()));
    }

    /** t takes two locks in one step, releases both in the next; then a loop that takes and drops one. */
    private static Finding looping() {
        List<TraceStep> trace = List.of(
                step(1, "t", "take; both", List.of(mutex("a"), mutex("b"))),
                step(2, "t", "drop 100%", List.of()),
                step(3, "u", "think\nhard", List.of()));
        List<TraceStep> loop = List.of(step(4, "u", "lock(c)", List.of(mutex("c"))), step(5, "u", "unlock(c)", List.of()));
        return new Finding(Verdict.HANG, "u spins #forever", List.of(), List.of(), trace, SyntheticReports.at(13, 3),
                List.of(), List.of(), loop);
    }

    @Test
    void takesAndReleasesOfOneStepAreAnArrowEachAndTheLoopIsAMermaidLoop() {
        assertEquals("""
                sequenceDiagram
                    participant T0 as t
                    participant T1 as u
                    participant L2 as a
                    participant L3 as b
                    participant L4 as c
                    T0 ->> L2: 1. take#59; both
                    T0 ->> L3: 1. take#59; both
                    T0 -->> L2: 2. drop 100#37;
                    T0 -->> L3: 2. drop 100#37;
                    Note over T1: 3. think hard
                    loop then round this loop forever, 2 steps back to the state after step 3
                    T1 ->> L4: 4. lock(c)
                    T1 -->> L4: 5. unlock(c)
                    end
                    Note over T1: hang: u spins #35;forever
                """, MermaidReport.diagram(looping()));
    }

    private static Report report(List<ScenarioReport> scenarios) {
        return new Report("check", "0.1.0", scenarios, false, Path.of(""));
    }

    private static ScenarioReport scenario(String file, List<Finding> findings) {
        return ScenarioReport.of(new CheckResult(file, findings, new SearchStats(10, 12, 4, 5, 1 << 20, 80),
                Optional.empty(), List.of()));
    }

    @Test
    void theMarkdownHasAHeadingPerScenarioAndANumberedOnePerFinding() {
        String md = MermaidReport.render(report(List.of(
                scenario("a_b.vmlock", List.of(SyntheticReports.deadlock(), looping())),
                scenario("clean.vmlock", List.of()))));
        assertTrue(md.startsWith("## a\\_b.vmlock: 1 deadlock, 1 hang\n\n### [1] deadlock: writer and jbd2 wait for each other\n\n"
                + "```mermaid\nsequenceDiagram\n"), md);
        assertTrue(md.contains("```\n\n### [2] hang: u spins \\#forever\n\n```mermaid\n"), md);
        assertTrue(md.endsWith("```\n\n## clean.vmlock: clean\n\n"), md);
    }

    @Test
    void aCycleWithoutATraceHasItsThreadsAndTheLocksTheyWaitFor() {
        WaitLink.End m = new WaitLink.Lock("m", "m", false, "m");
        WaitLink.End r = new WaitLink.Lock("r", "r", true, "r");
        Finding f = new Finding(Verdict.DEADLOCK, "two wait", List.of(), List.of(link("a", r, m), link("b", m, r)),
                List.of(), SyntheticReports.at(3, 1));
        assertEquals("""
                sequenceDiagram
                    participant T0 as a
                    participant T1 as b
                    participant L2 as m
                    participant L3 as r
                    T0 -x L2: waits for m (blocked)
                    T1 -x L3: waits for r (blocked)
                """, MermaidReport.diagram(f));
    }

    private static WaitLink link(String thread, WaitLink.End holds, WaitLink.End waitsFor) {
        return new WaitLink(thread, holds, waitsFor, Optional.empty());
    }

    @Test
    void dotNamesSharedHoldsAndWaitsAndQueuePlacesAndNumbersClustersAcrossScenarios() {
        WaitLink.End read = new WaitLink.Lock("r", "r", true, "r");
        WaitLink.End write = new WaitLink.Lock("r", "r", false, "r");
        WaitLink.End place = new WaitLink.QueuePlace("r (queued)", "r", "r");
        WaitLink.End m = new WaitLink.Lock("m", "m", false, "m");
        Finding rw = new Finding(Verdict.DEADLOCK, "three wait", List.of(),
                List.of(link("reader", read, m), link("holder", m, read), link("writer", place, write)),
                List.of(), SyntheticReports.at(3, 1));
        // sorted before the other (same kind, earlier line) and with no cycle to draw: numbered, no cluster
        Finding other = new Finding(Verdict.DEADLOCK, "no cycle", List.of(), List.of(), List.of(), SyntheticReports.at(2, 1));
        GraphSummary graph = new GraphSummary(false, List.of(new GraphSummary.LockClassNode("m", "mutex", 1),
                new GraphSummary.LockClassNode("r", "rwsem", 3)),
                List.of(new GraphSummary.OrderEdge("m", "r", 1, true, SyntheticReports.at(5, 1), "t")), List.of());
        String dot = DotReport.render(report(List.of(scenario("one", List.of(other, rw)),
                scenario("two", List.of()).withGraph(graph))));
        assertEquals("""
                digraph vmlock {
                  graph [rankdir=LR, fontname="Helvetica", labeljust=l];
                  node [fontname="Helvetica"];
                  edge [fontname="Helvetica", fontsize=10];
                  subgraph "cluster_1" {
                    label="one [2] deadlock: three wait";
                    "c1:thread:reader" [shape=box, style=filled, fillcolor="#dbe9f6", label="reader"];
                    "c1:lock:r" [shape=ellipse, label="r"];
                    "c1:thread:holder" [shape=box, style=filled, fillcolor="#dbe9f6", label="holder"];
                    "c1:lock:m" [shape=ellipse, label="m"];
                    "c1:thread:writer" [shape=box, style=filled, fillcolor="#dbe9f6", label="writer"];
                    "c1:lock:r (queued)" [shape=ellipse, label="r (queued)"];
                    "c1:lock:r" -> "c1:thread:reader" [label="held shared by"];
                    "c1:thread:reader" -> "c1:lock:m" [label="waits for", color=red, fontcolor=red, penwidth=2];
                    "c1:lock:m" -> "c1:thread:holder" [label="held by"];
                    "c1:thread:holder" -> "c1:lock:r" [label="waits (shared) for", color=red, fontcolor=red, penwidth=2];
                    "c1:lock:r (queued)" -> "c1:thread:writer" [label="queued first:"];
                    "c1:thread:writer" -> "c1:lock:r" [label="waits for", color=red, fontcolor=red, penwidth=2];
                  }
                  subgraph "cluster_2" {
                    label="lock-order graph of two (incomplete)";
                    "c2:m" [shape=ellipse, label="m\\nmutex"];
                    "c2:r" [shape=ellipse, label="r\\nrwsem x3"];
                    "c2:m" -> "c2:r" [label="1 path"];
                  }
                }
                """, dot);
    }
}
