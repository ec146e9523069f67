package io.vmlock.importer;

import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the {@code .vmlock} skeleton of a report: the report quoted at the top, what was dropped
 * and guessed, the library imports and local declarations, threads that replay it, and the
 * verdict the report implies. One method per kind of report; the circular one is {@link ChainThreads}.
 */
public final class SkeletonWriter {
    private SkeletonWriter() {
    }

    public static String write(Splat splat, String source) {
        return build(splat, source).text();
    }

    /** A skeleton's text and the name it gives each lockdep class of the report. */
    public record Skeleton(String text, Map<String, String> classNames) {
        public Skeleton {
            classNames = Map.copyOf(classNames);
        }
    }

    public static Skeleton build(Splat splat, String source) {
        Scenario s = new Scenario(seqlocks(splat));
        List<String> notes = new ArrayList<>();
        switch (splat.kind()) {
            case CIRCULAR -> ChainThreads.write((Splat.Circular) splat, s, notes);
            case RECURSIVE -> recursive((Splat.Recursive) splat, s);
            case INCONSISTENT -> IrqThreads.inconsistent((Splat.Inconsistent) splat, s, notes);
            case IRQ_INVERSION -> IrqThreads.inversion((Splat.IrqInversion) splat, s, notes);
            case SLEEP_IN_ATOMIC -> sleeping((Splat.SleepInAtomic) splat, s, notes);
            case HUNG_TASK -> hung((Splat.HungTask) splat, s, notes);
        }
        return new Skeleton(s.render(header(splat, source, notes)), s.classNames());
    }

    /** The seqlock_ts whose seqcount class ({@code (NAME.seqcount)}) any line of the report prints. */
    static java.util.Set<String> seqlocks(Splat splat) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (SourceLine l : splat.quoted()) {
            java.util.regex.Matcher m = LockClass.PRINTED.matcher(l.text());
            while (m.find()) new LockClass(m.group(1), m.group(2), Optional.empty()).seqlock().ifPresent(names::add);
        }
        return names;
    }

    private static List<String> header(Splat splat, String source, List<String> notes) {
        List<String> h = new ArrayList<>();
        h.add("Imported by `vmlock import lockdep` from " + source + ", line " + splat.header().bannerLine() + ": "
                + splat.kind().title() + (splat.header().task().isEmpty() ? "" : " (" + splat.header().task() + ")")
                + ".");
        h.add("A skeleton: threads replay the report's lock orders; refine them into the real code paths.");
        h.add("");
        h.add("The report as read (log prefixes stripped):");
        for (SourceLine l : splat.quoted()) h.add("  | " + printable(l.text()));
        h.add("");
        if (splat.header().dropped().isEmpty()) {
            h.add("Dropped: nothing.");
        } else {
            h.add("Dropped (not in the input, or not readable):");
            splat.header().dropped().forEach(d -> h.add("  - " + d));
        }
        notes.forEach(n -> h.add(n));
        return h;
    }

    /** Comment-safe: tabs as spaces, other control characters as '?'. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.replace("\t", "    ").codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? "?" : Character.toString(c)));
        return b.toString().stripTrailing();
    }

    static String stackComment(String indent, List<Frame> stack) {
        StringBuilder b = new StringBuilder();
        for (Frame f : stack) {
            String mark = LibraryNames.MODELLED.contains(f.function()) ? "   <- modelled in the library" : "";
            b.append(indent).append("// ").append(printable(f.text())).append(mark).append('\n');
        }
        return b.toString();
    }

    static String threadName(Scenario s, String task, String fallback) {
        String base = task.replaceAll("/\\d+$", "");
        String id = Scenario.identifier(base);
        return s.fresh(id.isEmpty() ? fallback : id);
    }

    private static void recursive(Splat.Recursive r, Scenario s) {
        // one class: the call trace, the second acquisition's (down_write_nested(), say), shows its kind
        KindGuess kind = KindGuess.of(r.acquiring(), r.stack(), r.acquiringAt());
        Scenario.Lock held = s.lock(r.holding(), kind);
        boolean heldShared = KindGuess.shared(r.holding(), List.of(), r.holdingAt());
        Scenario.Lock again = s.lock(r.acquiring(), kind);
        boolean againShared = KindGuess.shared(r.acquiring(), r.stack(), r.acquiringAt());
        String name = threadName(s, r.header().task(), "task");
        StringBuilder b = new StringBuilder("// " + r.header().task() + ": takes " + r.holding().name() + " in "
                + orUnknown(r.holdingAt()) + ", then again in " + orUnknown(r.acquiringAt()) + "\n");
        b.append("thread ").append(name).append(" {\n");
        b.append("    ").append(held.acquire(heldShared)).append('\n');
        b.append("    ").append(again.acquire(againShared)).append('\n');
        b.append("    ").append(again.release(againShared)).append('\n');
        b.append("    ").append(held.release(heldShared)).append('\n');
        b.append("}\n");
        s.block(b.toString());
        if (heldShared && againShared && held.kind().shareable()) {
            // two read holds deadlock only behind a queued writer, which lockdep assumes may come
            s.block(ChainThreads.writer(s, held));
            s.expect(Verdict.DEADLOCK.id());
        } else {
            s.expect(Verdict.RECURSIVE_LOCK.id());
        }
    }

    private static void sleeping(Splat.SleepInAtomic r, Scenario s, List<String> notes) {
        String name = threadName(s, r.header().task(), "task");
        List<String> body = new ArrayList<>();
        List<String> undo = new ArrayList<>();
        boolean spinning = false;
        for (HeldLocks list : r.held()) spinning |= takeHeld(list, s, body, undo);
        if (r.irqsDisabled().orElse(false)) {
            body.add("local_irq_disable();  // irqs_disabled(): 1");
            undo.add(0, "local_irq_enable();");
        }
        if (r.inAtomic().orElse(true) && !spinning && !r.irqsDisabled().orElse(false)) {
            String atomic = s.fresh("atomic_context");
            s.declare("spinlock " + atomic + ";  // stands for what made in_atomic() true: the report names no "
                    + "spinlock (preempt_disable(), a bit spinlock, ...)");
            body.add("spin_lock(" + atomic + ");");
            undo.add(0, "spin_unlock(" + atomic + ");");
        }
        body.add("might_sleep();  // " + printable(r.at()));
        body.addAll(undo);
        StringBuilder b = new StringBuilder();
        b.append(stackComment("", r.stack()));
        b.append("thread ").append(name).append(" {\n");
        body.forEach(line -> b.append("    ").append(line).append('\n'));
        b.append("}\n");
        s.block(b.toString());
        s.expect(Verdict.SLEEP_IN_ATOMIC.id());
    }

    private static void hung(Splat.HungTask r, Scenario s, List<String> notes) {
        String task = r.header().task();
        String name = threadName(s, task, "blocked_task");
        String event = s.fresh("blocked_task_event");
        s.declare("completion " + event + ";  // what the blocked task waits for: the report does not say, "
                + "so nothing completes it");
        StringBuilder others = new StringBuilder();
        List<String> body = new ArrayList<>();
        List<String> undo = new ArrayList<>();
        for (HeldLocks list : r.held()) {
            boolean mine = !task.isEmpty() && list.task().startsWith(task + "/");
            if (!mine) {
                others.append("// ").append(list.task()).append(" holds: ")
                        .append(list.locks().stream().map(h -> h.lock().name()).toList()).append('\n');
                continue;
            }
            takeHeld(list, s, body, undo);
        }
        String blockedIn = callBlockedIn(r.stack(), s, body);
        body.add("wait_for_completion(" + event + ");  // blocked for more than " + r.seconds() + " seconds"
                + blockedIn);
        body.addAll(undo);
        StringBuilder b = new StringBuilder(others);
        b.append(stackComment("", r.stack()));
        b.append("thread ").append(name).append(" {\n");
        body.forEach(line -> b.append("    ").append(line).append('\n'));
        b.append("}\n");
        s.block(b.toString());
        s.expect(Verdict.HANG.id());
    }

    /**
     * Calls the outermost library procedure the blocked task's stack names, unless the task holds
     * what it takes (it would take it again); returns where the wait stands, for its comment.
     */
    private static String callBlockedIn(List<Frame> stack, Scenario s, List<String> body) {
        Optional<LibraryNames.ModelProcedure> call = LibraryNames.outermost(LibraryNames.BLOCKED_TASK_CALLS, stack);
        if (call.isEmpty()) return "";
        LibraryNames.ModelProcedure p = call.get();
        if (s.declares(p.takes())) {
            body.add("// " + p.function() + "() on the stack is not called: it takes " + p.takes() + ", held above");
            return "";
        }
        s.use(p.model());
        if (!p.setup().isEmpty()) body.add(p.setup());
        body.add(p.call() + "  // the stack's " + p.function() + "(), as the library models it");
        return ": in " + p.function() + "(), at what the model leaves out";
    }

    /** Takes a held-locks list in order (releases in reverse into {@code undo}); true if a spinlock is among them. */
    private static boolean takeHeld(HeldLocks list, Scenario s, List<String> body, List<String> undo) {
        boolean spinning = false;
        java.util.Set<Scenario.Lock> taken = new java.util.HashSet<>();
        for (HeldLock h : list.locks()) {
            if (LibraryNames.notALock(h.lock())) {
                body.add("// " + h.lock().name() + " is a lockdep map, not a lock: left out");
                continue;
            }
            Scenario.Lock l = s.lock(h.lock(), KindGuess.of(h.lock(), List.of(), h.at()));
            if (l.kind() == LockKind.SEQLOCK && !taken.add(l)) {
                body.add("// #" + h.index() + ": " + h.lock().name() + ", the write_seqlock() above's seqcount");
                continue;
            }
            boolean shared = KindGuess.shared(h.lock(), List.of(), h.at());
            body.add(l.acquire(shared) + "  // #" + h.index() + ", at " + orUnknown(h.at()));
            undo.add(0, l.release(shared));
            spinning |= l.kind() == LockKind.SPINLOCK;
        }
        return spinning;
    }

    static String orUnknown(String at) {
        return at.isEmpty() ? "(unknown)" : at + "()";
    }
}
