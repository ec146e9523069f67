package io.vmlock.report;

import io.vmlock.ast.ObjectKind;
import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.StepContext;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pieces every lockdep report is made of (kernel/locking/lockdep.c): a lock as print_lock
 * prints it, {@code (class){usage}, at: site}; a call chain, innermost first, seven spaces in;
 * lockdep_print_held_locks' list; lines wrapped to lockdep's 80 columns. A site is the operation
 * and its {@code file:line:col}, where the kernel prints {@code function+offset file:line}.
 * Addresses, pids and timestamps, which a model has none of, are left out.
 */
final class LockdepText {
    static final int WIDTH = 80;
    static final String CHAIN_INDENT = "       ";
    private static final String JBD2_HANDLE = "(jbd2_handle)";

    private final Finding finding;
    private final StringBuilder out;
    private final LockdepUsage usage;
    private final Map<String, ObjectKind> objectKinds;
    private boolean waitTypesPrinted = true;

    LockdepText(Finding finding, StringBuilder out, Map<String, ObjectKind> objectKinds) {
        this.finding = finding;
        this.out = out;
        this.objectKinds = objectKinds;
        this.usage = new LockdepUsage(finding == null ? List.of() : finding.trace(), this::acquisitions);
    }

    StringBuilder out() {
        return out;
    }

    Finding finding() {
        return finding;
    }

    /** A line, wrapped at spaces to {@link #WIDTH} columns, continuations indented as {@code indent}. */
    void line(String text, String indent) {
        String rest = text;
        String prefix = "";
        while ((prefix + rest).length() > WIDTH) {
            int room = WIDTH - prefix.length();
            // never inside the text's own indentation (a table column): a first word too long
            // for the line overruns it instead
            int indented = rest.length() - rest.stripLeading().length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= indented) cut = rest.indexOf(' ', Math.max(room, indented));
            if (cut <= 0) break;
            out.append(prefix).append(rest, 0, cut).append('\n');
            rest = rest.substring(cut + 1);
            prefix = indent;
        }
        out.append(prefix).append(rest).append('\n');
    }

    void line(String text) {
        line(text, "    ");
    }

    void blank() {
        out.append('\n');
    }

    /** The ====/WARNING/---- banner, both rules as long as the warning line. */
    void banner(String warning) {
        String title = "WARNING: " + warning;
        out.append("=".repeat(title.length())).append('\n').append(title).append('\n')
                .append("-".repeat(title.length())).append('\n');
    }

    /** The class lockdep would name a held lock by: a cycle's own name for it, else the trace's. */
    String className(String lock) {
        for (WaitLink l : finding.cycle()) {
            if (l.holds().name().equals(lock)) return l.holds().lockdepClass();
            if (l.waitsFor().name().equals(lock)) return l.waitsFor().lockdepClass();
        }
        return heldAnywhere().filter(h -> h.lock().equals(lock)).findFirst().map(LockdepText::className).orElse(lock);
    }

    /**
     * A journal's handle and commit are one lockdep map, {@code (jbd2_handle)j} as the wait-for
     * cycle names it (start_this_handle's j_trans_commit_map); any other lock is its own class.
     */
    static String className(HeldLock h) {
        return switch (h.mode()) {
            case HANDLE, COMMIT -> JBD2_HANDLE + h.object();
            case EXCLUSIVE, READ, WRITE, UNSTATED -> h.lock();
        };
    }

    private java.util.stream.Stream<HeldLock> heldAnywhere() {
        return java.util.stream.Stream.concat(finding.trace().stream().flatMap(s -> s.heldAfter().stream()),
                finding.blocked().stream().flatMap(b -> b.held().stream()));
    }

    /** A recursive lock's retake, taken in context {@code c}: see {@link LockdepUsage#markTaken}. */
    void justTaken(HeldLock retake, StepContext c) {
        boolean read = LockdepUsage.isRead(retake.mode());
        justTaken(wantedClass(className(retake.lock()), read), read, c);
    }

    /** The acquisition a recursive-locking report is about, of {@code lockdepClass}: see {@link LockdepUsage#markTaken}. */
    void justTaken(String lockdepClass, boolean read, StepContext c) {
        boolean readerAccess = kindOf(lockdepClass).map(k -> LockdepSeqlock.readerAccess(k, read)).orElse(false);
        usage.markTaken(lockdepClass, read, c, readerAccess);
    }

    /** What lockdep acquires for a held lock: its class, or a seqlock's two ({@link LockdepSeqlock}). */
    List<LockdepSeqlock.Acquisition> acquisitions(HeldLock h) {
        String lockdepClass = className(h.lock());
        boolean read = LockdepUsage.isRead(h.mode());
        return kindOf(lockdepClass).map(k -> LockdepSeqlock.of(lockdepClass, k, read))
                .orElse(List.of(new LockdepSeqlock.Acquisition(lockdepClass, read, false)));
    }

    /** The class a wait for {@code lockdepClass} waits on: a seqlock reader's is its seqcount. */
    String wantedClass(String lockdepClass, boolean read) {
        return kindOf(lockdepClass).map(k -> LockdepSeqlock.wanted(lockdepClass, k, read)).orElse(lockdepClass);
    }

    /** The class a holder of {@code lockdepClass} took last of it: a seqlock writer's seqcount. */
    String holdingClass(String lockdepClass) {
        return kindOf(lockdepClass).map(k -> LockdepSeqlock.holding(lockdepClass, k)).orElse(lockdepClass);
    }

    /** The report's lock just taken in {@code state}: see {@link LockdepUsage#markUsedIn}. */
    void justUsedIn(String lockdepClass, LockdepUsage.State state, boolean read) {
        usage.markUsedIn(lockdepClass, state, read);
    }

    /**
     * The usage a lock's new {@code IN-<state>} bit conflicts with, as mark_lock_irq checks it:
     * {@code <state>-ON-W} first, {@code -ON-R} only for a write taken in the handler where the
     * class was held with interrupts on for read only (a read in the handler conflicts with a write).
     */
    String registeredUsage(String lockdepClass, LockdepUsage.State state, boolean readInHandler) {
        boolean onRead = !readInHandler && usage.enabledForReadOnly(lockdepClass, state);
        return state.name() + (onRead ? "-ON-R" : "-ON-W");
    }

    /** See {@link LockdepUsage#markEnabled}. */
    void registeredBeforeTheTrace(String lockdepClass, LockdepUsage.State state) {
        usage.markEnabled(lockdepClass, state);
    }

    boolean readOnlyEnabled(String lockdepClass, LockdepUsage.State state) {
        return usage.enabledForReadOnly(lockdepClass, state);
    }

    /** A place in a thread where a lock is taken or waited for: what a call chain prints. */
    record Site(String thread, String operation, io.vmlock.ast.SourceSpan span, List<String> callStack) {
        static Site of(TraceStep s) {
            return new Site(s.thread(), s.operation(), s.span(), s.callStack());
        }

        static Site of(BlockedAt b) {
            return new Site(b.thread(), b.operation(), b.span(), b.callStack());
        }

        String at() {
            return ", at: " + site(operation, span);
        }
    }

    void callChain(Site s) {
        callChain(s.thread(), s.operation(), s.span(), s.callStack());
    }

    /** print_lock_name: {@code (inode_a){+.+.}-{4:4}}, the wait types where the class's kind states them. */
    String lockName(String lock, String lockdepClass) {
        return "(" + lockdepClass + ")" + usage.of(lockdepClass) + waitTypes(lockdepClass);
    }

    /**
     * The class's wait types ({@link LockdepWaitTypes}) from the kind of the object it names: an
     * instance {@code page_lock[P0]} is its class {@code page_lock}, {@code (jbd2_handle)j} the
     * journal {@code j}; an event ({@code (complete)c}) names no object and prints none.
     */
    private String waitTypes(String lockdepClass) {
        if (!waitTypesPrinted) return "";
        if (lockdepClass.equals(LockdepUsage.FS_RECLAIM)) return LockdepWaitTypes.fsReclaim();
        return kindOf(lockdepClass).flatMap(LockdepWaitTypes::of).orElse("");
    }

    /**
     * The kind of the object a class names: an instance {@code page_lock[P0]} is its class
     * {@code page_lock}, {@code (jbd2_handle)j} the journal {@code j}, a seqlock's {@code q.seqcount}
     * a seqcount; an event ({@code (complete)c}) names no object.
     */
    private Optional<ObjectKind> kindOf(String lockdepClass) {
        String named = lockdepClass.startsWith(JBD2_HANDLE) ? lockdepClass.substring(JBD2_HANDLE.length()) : lockdepClass;
        String seqlock = LockdepSeqlock.seqlockOf(named);
        ObjectKind kind = objectKinds.get(seqlock.replaceFirst("\\[.*\\]$", ""));
        if (!seqlock.equals(named)) return kind == ObjectKind.SEQLOCK ? Optional.of(ObjectKind.SEQCOUNT) : Optional.empty();
        return Optional.ofNullable(kind);
    }

    /** A report in a form older than 5.7 (4.14's cross-release), whose lockdep printed no wait types. */
    void beforeWaitTypes() {
        waitTypesPrinted = false;
    }

    /** {@code mutex_lock(inode_a) abba.vmlock:5:20}: an operation where the kernel prints a symbol. */
    static String site(String operation, io.vmlock.ast.SourceSpan span) {
        return operation + " " + span.position();
    }

    /** The last step of {@code thread} that took {@code lock} (held after it, not before). */
    Optional<TraceStep> takenAt(String thread, String lock) {
        TraceStep taken = null;
        boolean before = false;
        for (TraceStep s : finding.trace()) {
            if (!s.thread().equals(thread)) continue;
            boolean now = s.heldAfter().stream().anyMatch(h -> h.lock().equals(lock) || h.text().equals(lock));
            if (now && !before) taken = s;
            before = now;
        }
        return Optional.ofNullable(taken);
    }

    /** print_lock: {@code  (class){usage}, at: site}, the site where the thread took it. */
    void heldLock(String prefix, String thread, String lock, String lockdepClass) {
        String at = takenAt(thread, lock).map(s -> ", at: " + site(s.operation(), s.span())).orElse("");
        line(prefix + lockName(lock, lockdepClass) + at, prefix.isEmpty() ? "    " : " ".repeat(prefix.length() + 4));
    }

    /** A dependency's call chain: the operation and where it stands, its callers, the thread's body. */
    void callChain(String thread, String operation, io.vmlock.ast.SourceSpan span, List<String> callStack) {
        callChain(CHAIN_INDENT, thread, operation, span, callStack);
    }

    /** A call chain at {@code indent}: seven spaces in a dependency chain, one in a stack dump. */
    void callChain(String indent, String thread, String operation, io.vmlock.ast.SourceSpan span,
                   List<String> callStack) {
        line(indent + site(operation, span), indent + "    ");
        for (String call : callStack) line(indent + call, indent + "    ");
        out.append(indent).append("thread ").append(thread).append('\n');
    }

    /** dump_stack's call trace, one space in. */
    void stackDump(String thread, String operation, io.vmlock.ast.SourceSpan span, List<String> callStack) {
        callChain(" ", thread, operation, span, callStack);
    }

    Optional<BlockedAt> blocked(String thread) {
        return finding.blocked().stream().filter(b -> b.thread().equals(thread)).findFirst();
    }

    /** The thread's held locks at the trace's end, in the order it took them (lockdep's #0 first). */
    List<HeldLock> heldInOrder(String thread, List<HeldLock> held) {
        List<HeldLock> sorted = new ArrayList<>(held);
        sorted.sort(Comparator.comparingInt(h -> takenAt(thread, h.lock()).map(TraceStep::number).orElse(0)));
        return sorted;
    }

    /** lockdep_print_held_locks: {@code 2 locks held by writer:} and one {@code  #i:} line a lock. */
    void heldLocks(String thread, List<HeldLock> held) {
        heldLocks(thread, held, Optional.empty());
    }

    /**
     * The same, with the {@code fs_reclaim} map a reclaim path holds from the allocation that
     * entered it ({@code reclaimEntry}) on: __perform_reclaim's fs_reclaim_acquire, in the order taken.
     */
    void heldLocks(String thread, List<HeldLock> held, Optional<TraceStep> reclaimEntry) {
        int count = (int) held.stream().flatMap(h -> acquisitions(h).stream()).filter(LockdepSeqlock.Acquisition::held)
                .count() + (reclaimEntry.isPresent() ? 1 : 0);
        if (count == 0) {
            out.append("no locks held by ").append(thread).append(".\n");
            return;
        }
        out.append(count).append(count == 1 ? " lock" : " locks").append(" held by ").append(thread).append(":\n");
        Optional<TraceStep> map = reclaimEntry;
        int i = 0;
        for (HeldLock h : heldInOrder(thread, held)) {
            int taken = takenAt(thread, h.lock()).map(TraceStep::number).orElse(0);
            if (map.isPresent() && taken > map.get().number()) {
                reclaimMap(" #" + i++ + ": ", map.get());
                map = Optional.empty();
            }
            for (LockdepSeqlock.Acquisition a : acquisitions(h)) {
                if (a.held()) heldLock(" #" + i++ + ": ", thread, h.lock(), a.lockdepClass());
            }
        }
        int last = i;
        map.ifPresent(entry -> reclaimMap(" #" + last + ": ", entry));
    }

    private void reclaimMap(String prefix, TraceStep entry) {
        String name = LockdepUsage.FS_RECLAIM;
        line(prefix + lockName(name, name) + Site.of(entry).at(), " ".repeat(prefix.length() + 4));
    }

    /** The finding's own step: the last of the trace at its location, else the last of all. */
    Optional<TraceStep> findingStep() {
        List<TraceStep> trace = finding.trace();
        for (int i = trace.size() - 1; i >= 0; i--) {
            if (trace.get(i).span().equals(finding.location())) return Optional.of(trace.get(i));
        }
        return trace.isEmpty() ? Optional.empty() : Optional.of(trace.get(trace.size() - 1));
    }

    /** What the thread held just before {@code step}. */
    List<HeldLock> heldBefore(TraceStep step) {
        List<HeldLock> held = List.of();
        for (TraceStep s : finding.trace()) {
            if (s.number() >= step.number()) break;
            if (s.thread().equals(step.thread())) held = s.heldAfter();
        }
        return held;
    }
}
