package io.vmlock.report;

import io.vmlock.diag.SourceFiles;
import static io.vmlock.testing.Scenarios.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default report, whole: counts per kind, the cycle, call stacks, what is blocked and the loops. */
class TextReportTest {
    @Test
    void aDeadlockAndAHangWithCallStacksAndBlockedThreads() {
        String deadlock = """
                t.vmlock: 1 deadlock, 1 hang

                [1] deadlock: a and b wait for each other
                    at t.vmlock:5:21
                    a holds m and waits for r;
                    b holds r and waits for m
                    shortest trace, 2 steps:
                      1. a: mutex_lock(m)
                         at t.vmlock:4:22
                         in take(m)
                         holds m
                      2. b: down_write(r)
                         at t.vmlock:6:12
                         holds r (write)
                    blocked after the last step:
                      a blocks in down_read(r)
                         at t.vmlock:5:21
                         holds m
                      b blocks in mutex_lock(m)
                         at t.vmlock:4:22
                         in take(m)
                         holds r (write)
                      spinner blocks in a loop without an operation
                         at t.vmlock:7:18
                         holds nothing

                [2] hang: spinner waits forever
                    at t.vmlock:7:18
                    spinner waits for nothing: it loops forever without an operation, which no thread can bring
                        about
                    shortest trace, 8 steps:
                """;
        String report = TextReport.render(check("""
                mutex m;
                rwsem r;
                bool stop;
                proc take(mutex l) { mutex_lock(l); }
                thread a { take(m); down_read(r); up_read(r); mutex_unlock(m); }
                thread b { down_write(r); take(m); mutex_unlock(m); up_write(r); }
                thread spinner { while (!stop) { } }
                """), false);
        assertEquals(deadlock, report.substring(0, deadlock.length()));
        assertEquals("""
                      8. b: up_write(r)
                         at t.vmlock:6:53
                         holds nothing
                    blocked after the last step:
                      spinner blocks in a loop without an operation
                         at t.vmlock:7:18
                         holds nothing
                """, report.substring(report.indexOf("      8. b:")));
    }

    @Test
    void aLoopAfterOneStepAndALoopFromTheStart() {
        assertEquals("""
                t.vmlock: 1 hang

                [1] hang: w never finishes: the scenario can only run in circles from here
                    at t.vmlock:2:1
                    shortest trace, 1 step:
                      1. r: thread ends
                         at t.vmlock:3:33
                         holds nothing
                    then round this loop forever, 2 steps back to the state after step 1:
                      2. w: seq = 1
                         at t.vmlock:2:27
                         holds nothing
                      3. w: seq = 0
                         at t.vmlock:2:36
                         holds nothing
                """, TextReport.render(check("""
                int(0..1) seq;
                thread w { while (true) { seq = 1; seq = 0; } }
                thread r { while (seq != 0) { } }
                """), false));
        String fromTheStart = TextReport.render(check("int(0..1) seq;\nthread w { while (true) { seq = 1; seq = 0; } }\n"),
                false);
        assertTrue(fromTheStart.contains("""
                    shortest trace, 0 steps:
                    then round this loop forever, 2 steps back to the state it starts in:
                      1. w: seq = 1
                """), fromTheStart);
    }

    /* A thread's call stack is printed at its first step in a procedure, not again while it stays there. */
    @Test
    void aCallStackIsPrintedOnlyWhenItChanges() {
        String report = TextReport.render(check("""
                mutex m;
                mutex n;
                bool flag;
                proc both() { mutex_lock(m); flag = true; mutex_lock(n); mutex_unlock(n); mutex_unlock(m); }
                thread a { both(); }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                """), false);
        String trace = report.substring(0, report.indexOf("blocked after the last step:"));
        assertTrue(trace.contains("a: flag = true"), report);
        assertEquals(1, trace.lines().filter(l -> l.strip().equals("in both()")).count(), report);
        assertTrue(report.lines().allMatch(l -> l.length() <= TextReport.WIDTH), report);
    }

    @Test
    void aCleanScenarioIsOneLine() {
        assertEquals("t.vmlock: clean\n", TextReport.render(check("mutex m;\nthread t { mutex_lock(m); mutex_unlock(m); }\n"),
                false));
    }

    /** Each step quotes its line of the scenario, trimmed, under its location; a long line wraps within the width. */
    @Test
    void eachStepQuotesItsSourceLine() {
        String comment = "// " + "the comment of a long line ".repeat(4);
        String scenario = "mutex a;\nmutex b;\n"
                + "thread t {\n    mutex_lock(a);   " + comment + "\n    mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }\n"
                + "thread u { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }\n";
        SourceFiles sources = new SourceFiles();
        sources.put("t.vmlock", scenario);
        String report = TextReport.render(check(scenario), false, sources);
        assertTrue(report.contains("""
                         at t.vmlock:4:5
                         | mutex_lock(a);   // the comment of a long line the comment of a long line the comment of
                         |   a long line the comment of a long line
                """), report);
        assertTrue(report.contains("""
                         at t.vmlock:6:12
                         | thread u { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """), report);
        assertTrue(report.lines().allMatch(l -> l.length() <= TextReport.WIDTH), report);
        assertEquals(report.lines().filter(l -> l.strip().startsWith("at t.vmlock:") && !l.contains("blocks")).count()
                - report.substring(report.indexOf("blocked after")).lines().filter(l -> l.strip().startsWith("at ")).count(),
                report.lines().filter(l -> l.strip().startsWith("| ")).count(), "one source line per step");
        assertEquals(TextReport.render(check(scenario), false), report.replaceAll("(?m)^ +\\|.*\n", ""),
                "without the sources, the same report less its quoted lines");
    }
}
