package io.vmlock.explore;

import io.vmlock.ast.SourceSpan;
import io.vmlock.ir.Op;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sleep-in-atomic rule: an operation that may sleep, reached in atomic context. */
final class Atomic {
    private final Layout layout;
    private final Names names;

    Atomic(Layout layout, Names names) {
        this.layout = layout;
        this.names = names;
    }

    /** Whether the operation may sleep; a nested journal start and every trylock never do. */
    boolean maySleep(Op op, State s, int thread, FrameValues values) {
        if (op instanceof Op.Acquire a) {
            boolean nested = a.mode().nests() && s.objects[layout.sharedDepth(a.lock().instance(values), thread)] > 0;
            return a.mode().sleeps() && !nested;
        }
        if (op instanceof Op.Alloc a) return a.gfp().mayReclaim();
        return op instanceof Op.JournalDrain || op instanceof Op.WaitCompletion || op instanceof Op.WaitEvent
                || op instanceof Op.UserCopy || op instanceof Op.MightSleep;
    }

    /** The problem when the thread is in atomic context, else empty. */
    Optional<Problem> check(Op op, String opText, State s, int thread) {
        ThreadState t = s.threads[thread];
        List<Integer> spinlocks = s.spinlocksHeld(layout, thread);
        // softirqs masked count too (not on PREEMPT_RT): local_bh_disable() raises preempt_count by
        // SOFTIRQ_DISABLE_OFFSET (kernel/softirq.c __local_bh_disable_ip), and might_sleep()'s
        // __might_resched() (kernel/sched/core.c, resched_offsets_ok() since 5.17) reports a sleep
        // whenever preempt_count() is not the caller's expected offset, 0 for might_sleep()
        if (spinlocks.isEmpty() && !t.irqDisabled && !t.inInterrupt() && t.bhDepth <= 0) return Optional.empty();
        List<String> held = new ArrayList<>();
        // "spinlock a, b and bit_spinlock c": the held spinning locks by kind, as declared
        java.util.Map<io.vmlock.ast.ObjectKind, List<String>> byKind = new java.util.LinkedHashMap<>();
        for (int i : spinlocks) {
            held.add(names.instance(i));
            byKind.computeIfAbsent(layout.kind(i), k -> new ArrayList<>()).add(names.instance(i));
        }
        String why;
        if (!held.isEmpty()) {
            why = "while holding " + byKind.entrySet().stream()
                    .map(e -> e.getKey().keyword() + " " + String.join(", ", e.getValue()))
                    .collect(java.util.stream.Collectors.joining(" and "));
        } else if (t.inInterrupt()) {
            why = "in interrupt context";
        } else if (t.irqDisabled) {
            why = "with interrupts disabled";
        } else {
            why = "with softirqs disabled";
        }
        SourceSpan span = op.span();
        ProblemKey key = ProblemKey.AtOperation.of(Verdict.SLEEP_IN_ATOMIC, span, why);
        String headline = names.thread(thread) + " may sleep in " + opText + " " + why;
        return Optional.of(new Problem(Verdict.SLEEP_IN_ATOMIC, key, headline, List.of(), span, thread, held,
                List.of()));
    }
}
