package io.vmlock.findings;

import io.vmlock.ast.SourceSpan;
import io.vmlock.verdict.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finding with its counterexample, as every report format reads it. {@code cycle} is the
 * wait-for cycle of a deadlock (empty otherwise); {@code details} are further lines of explanation
 * (what a hung thread waits for, where a spinlock was taken, the values that break an assertion).
 * {@code callStack} is the call stack of the finding's thread at {@code location}, as in
 * {@link TraceStep#callStack}: baselines name sites by procedure, so a moved line keeps them.
 * {@code blocked} lists, for a deadlock or a hang, every thread the trace's last state leaves
 * blocked, with the operation it blocks in (empty for other findings). {@code loop}, for a run that
 * goes on forever without progress, is what repeats after the trace: steps that leave its last
 * state and come back to it (empty for other findings). {@code locks} are the locks the finding is
 * about, as {@link HeldLock#lock} (or, for one mode, {@link HeldLock#text}) names them: the lock
 * a recursive acquisition takes again, the spinlocks held where a thread may sleep, the locks
 * held at exit (empty when a finding names none). {@code retake}, for a recursive lock, is the
 * acquisition that takes the lock again: the lock as {@code locks} names it, in the mode it asks
 * for ({@code down_read} a read, {@code down_write} a write), which the held locks of the trace
 * never show since the thread stops there (empty for other findings).
 */
public record Finding(Verdict verdict, String headline, List<String> details, List<WaitLink> cycle,
                      List<TraceStep> trace, SourceSpan location, List<String> callStack,
                      List<BlockedAt> blocked, List<TraceStep> loop, List<String> locks,
                      Optional<HeldLock> retake) {
    public Finding {
        Objects.requireNonNull(verdict);
        Objects.requireNonNull(headline);
        details = List.copyOf(details);
        cycle = List.copyOf(cycle);
        trace = List.copyOf(trace);
        Objects.requireNonNull(location);
        callStack = List.copyOf(callStack);
        blocked = List.copyOf(blocked);
        loop = List.copyOf(loop);
        locks = List.copyOf(locks);
        Objects.requireNonNull(retake);
    }

    /** A finding that takes no lock again. */
    public Finding(Verdict verdict, String headline, List<String> details, List<WaitLink> cycle,
                   List<TraceStep> trace, SourceSpan location, List<String> callStack,
                   List<BlockedAt> blocked, List<TraceStep> loop, List<String> locks) {
        this(verdict, headline, details, cycle, trace, location, callStack, blocked, loop, locks, Optional.empty());
    }

    /** A finding that names no lock of its own. */
    public Finding(Verdict verdict, String headline, List<String> details, List<WaitLink> cycle,
                   List<TraceStep> trace, SourceSpan location, List<String> callStack,
                   List<BlockedAt> blocked, List<TraceStep> loop) {
        this(verdict, headline, details, cycle, trace, location, callStack, blocked, loop, List.of());
    }

    /** A finding that does not go round a loop. */
    public Finding(Verdict verdict, String headline, List<String> details, List<WaitLink> cycle,
                   List<TraceStep> trace, SourceSpan location, List<String> callStack, List<BlockedAt> blocked) {
        this(verdict, headline, details, cycle, trace, location, callStack, blocked, List.of());
    }

    /** A finding that leaves no thread blocked (or does not say). */
    public Finding(Verdict verdict, String headline, List<String> details, List<WaitLink> cycle,
                   List<TraceStep> trace, SourceSpan location, List<String> callStack) {
        this(verdict, headline, details, cycle, trace, location, callStack, List.of());
    }

    /** A finding with no call stack at its location (one not in a thread, such as an invariant). */
    public Finding(Verdict verdict, String headline, List<String> details, List<WaitLink> cycle,
                   List<TraceStep> trace, SourceSpan location) {
        this(verdict, headline, details, cycle, trace, location, List.of(), List.of());
    }

    /** Reports list findings by kind, then position, then text: never in discovery order. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::verdict)
            .thenComparing(Finding::location).thenComparing(Finding::headline);
}
