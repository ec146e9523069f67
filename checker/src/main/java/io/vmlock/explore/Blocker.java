package io.vmlock.explore;

import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.WaitLink;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a thread cannot move: the resource it waits for and the threads that hold it (for the
 * wait-for graph), or, for events and conditions, what would wake it and a sentence saying what
 * keeps it asleep. Which threads could wake an event waiter is for {@link WaitFor} to say: it
 * knows which threads are stuck.
 */
final class Blocker {
    /**
     * A resource of the wait-for graph: a lock instance, a journal's commit or its handles, or an
     * event one thread waits for, "held" by the stuck threads that could bring it about.
     * {@code lockClass} is the class of the lock, empty for an event; {@code key} names the
     * resource for telling findings apart (no run-time values); {@code lockdep} is the name
     * lockdep prints for it. {@code queued}: those of the holders that do not hold the lock but
     * are queued ahead of the waiter on a FIFO-fair lock (a writer waiting on an rwsem blocks the
     * readers that come after it). {@code bitLockClass}: for an event that is a bit lock's clearing,
     * the bit lock's class, so that a wait-for cycle through it matches the lock-order cycle.
     */
    record Resource(String id, String heldAs, String waitedAs, List<Integer> holders, List<Integer> sharedHolders,
                    Optional<String> lockClass, String key, String lockdep, List<Integer> queued,
                    Optional<String> bitLockClass) {
        Resource {
            holders = List.copyOf(holders);
            sharedHolders = List.copyOf(sharedHolders);
            queued = List.copyOf(queued);
        }

        Resource(String id, String heldAs, String waitedAs, List<Integer> holders, List<Integer> sharedHolders,
                 Optional<String> lockClass, String key, String lockdep) {
            this(id, heldAs, waitedAs, holders, sharedHolders, lockClass, key, lockdep, List.of(), Optional.empty());
        }

        /** An event one thread waits for, "held" by {@code makers}, the stuck threads that could bring it about. */
        static Resource event(String id, String what, List<Integer> makers, Event e) {
            return new Resource(id, what, what, makers, List.of(), Optional.empty(), e.key(), e.lockdep(), List.of(),
                    e.bitLockClass());
        }

        static Resource lock(String id, String name, String lockClass, List<Integer> holders,
                             List<Integer> sharedHolders, List<Integer> queued, String lockdep) {
            List<Integer> all = new ArrayList<>(holders);
            for (int q : queued) {
                if (!all.contains(q)) all.add(q);
            }
            return new Resource(id, name, name, all, sharedHolders, Optional.of(lockClass), name, lockdep, queued,
                    Optional.empty());
        }

        boolean event() {
            return lockClass.isEmpty();
        }

        /** This resource as thread {@code t} of a wait-for cycle holds it, or is queued ahead on it. */
        WaitLink.End heldBy(int t) {
            if (queued.contains(t)) return new WaitLink.QueuePlace(heldAs, lockClass.orElseThrow(), lockdep);
            return end(heldAs, sharedHolders.contains(t));
        }

        /** This resource as the blocked thread {@code w} waits for it. */
        WaitLink.End waitedBy(Wait w) {
            return end(waitedAs, w.sharedWait());
        }

        private WaitLink.End end(String name, boolean shared) {
            return lockClass.<WaitLink.End>map(c -> new WaitLink.Lock(name, c, shared, lockdep))
                    .orElseGet(() -> new WaitLink.Event(name, lockdep, bitLockClass));
        }
    }

    /**
     * An event a thread sleeps on: a {@code wait_event} condition, a completion or a bit lock's
     * clearing (then {@code bitLockClass} is its class). {@code what} names it in sentences,
     * {@code key} without run-time values.
     */
    record Event(EventWriters.Need need, boolean completion, String what, String key, String lockdep,
                 Optional<String> bitLockClass) {
        Event(EventWriters.Need need, boolean completion, String what, String key, String lockdep) {
            this(need, completion, what, key, lockdep, Optional.empty());
        }
    }

    /**
     * One blocked thread: the resources it waits for (maybe none), a sentence, the event it
     * sleeps on if any, the interrupt handler it waits in if any, and where it is blocked.
     */
    record Wait(int thread, List<Resource> resources, String waitsFor, boolean sharedWait, SourceSpan at,
                Optional<Event> event, Optional<String> interrupt, BlockedAt blocked) {
        Wait {
            resources = List.copyOf(resources);
        }

        Wait withResource(Resource r) {
            List<Resource> more = new ArrayList<>(resources);
            more.add(r);
            return new Wait(thread, more, waitsFor, sharedWait, at, event, interrupt, blocked);
        }
    }

    private final IrProgram program;
    private final Layout layout;
    private final Names names;
    private final Problems problems;

    Blocker(IrProgram program, Layout layout, Names names, Problems problems) {
        this.program = program;
        this.layout = layout;
        this.names = names;
        this.problems = problems;
    }

    /** What a blocked thread waits for, from the first position its control resolves to. */
    Wait of(State s, int thread, List<ControlFlow.Resolved> positions) {
        for (ControlFlow.Resolved r : positions) {
            if (r.stop() == ControlFlow.Stop.SPINS) {
                Frame f = r.thread().top();
                SourceSpan span = program.procedure(f.proc).node(f.pc).span();
                return new Wait(thread, List.of(), "nothing: it loops forever without an operation", false, span,
                        Optional.empty(), interrupt(r.thread()),
                        blocked(s, thread, "a loop without an operation", span, r.thread()));
            }
            if (r.stop() != ControlFlow.Stop.STEP) continue;
            Frame f = r.thread().top();
            Op op = program.procedure(f.proc).node(f.pc);
            return waitAt(s, thread, op, r.thread());
        }
        ThreadState t = s.threads[thread];
        SourceSpan span = program.procedure(t.top().proc).node(t.top().pc).span();
        return new Wait(thread, List.of(), "nothing it can reach", false, span, Optional.empty(), interrupt(t),
                blocked(s, thread, "nothing it can reach", span, t));
    }

    private Wait waitAt(State s, int thread, Op op, ThreadState at) {
        Frame frame = at.top();
        FrameValues values = FrameValues.of(at, s);
        Optional<String> irq = interrupt(at);
        BlockedAt blocked = blocked(s, thread, names.op(op, at, s), op.span(), at);
        if (op instanceof Op.Acquire a && a.mode().kind().ownerless()) {
            return bitWait(s, thread, a.lock().instance(values), op, irq, blocked);
        }
        if (op instanceof Op.Acquire a) {
            int lock = a.lock().instance(values);
            Resource r = acquireResource(s, thread, lock, a.mode());
            return new Wait(thread, List.of(r), r.waitedAs(), a.mode().shared(), op.span(), Optional.empty(), irq,
                    blocked);
        }
        if (op instanceof Op.JournalDrain d) {
            Resource r = drainResource(s, d.journal().instance(values));
            return new Wait(thread, List.of(r), r.waitedAs(), false, op.span(), Optional.empty(), irq, blocked);
        }
        if (op instanceof Op.WaitCompletion w) {
            int c = w.completion().instance(values);
            String what = "completion " + names.instance(c) + " (not completed)";
            Event e = new Event(EventWriters.Need.completion(c), true, what, "completion " + names.instance(c),
                    "(complete)" + names.instance(c));
            return new Wait(thread, List.of(), what, false, op.span(), Optional.of(e), irq, blocked);
        }
        if (op instanceof Op.WaitEvent e) {
            String cond = e.condition().text();
            String with = problems.describe(e.condition(), values).map(d -> ", false with " + d).orElse(", false");
            String what = e.label().isEmpty() ? "the condition " + cond + with : e.label();
            Event ev = new Event(EventWriters.condition(e.condition(), values), false, what,
                    "condition " + cond + " @" + op.span().position(), "(wait_event)" + (e.label().isEmpty() ? cond : e.label()));
            return new Wait(thread, List.of(), what, false, op.span(), Optional.of(ev), irq, blocked);
        }
        return new Wait(thread, List.of(), names.op(op, at, s), false, op.span(), Optional.empty(), irq, blocked);
    }

    /**
     * A wait for a bit lock to clear is a wait for an event, not for a holder: whoever set the bit
     * may be gone (a submitter whose read completes elsewhere), and any thread that may clear it
     * (clear_bit_unlock, folio_unlock, folio_end_writeback) before it needs it clear itself can
     * wake the waiter ({@link EventWriters}).
     */
    private Wait bitWait(State s, int thread, int lock, Op op, Optional<String> irq, BlockedAt blocked) {
        int setter = layout.holder(s.objects[layout.owner(lock)]);
        String by = setter >= 0 ? " (set by " + names.thread(setter) + ")" : "";
        String what = names.instance(lock) + " to be cleared" + by;
        Event e = new Event(EventWriters.Need.bitClear(lock), false, what, "bit " + names.instance(lock),
                "(bit)" + names.instance(lock), Optional.of(lockClassOf(lock)));
        return new Wait(thread, List.of(), what, false, op.span(), Optional.of(e), irq, blocked);
    }

    private BlockedAt blocked(State s, int thread, String operation, SourceSpan span, ThreadState at) {
        return new BlockedAt(names.thread(thread), operation, span, names.callStack(at), names.held(s, thread),
                at.context(!at.irqDisabled, at.bhDepth == 0, false));
    }

    /** The interrupt handler a thread is running, if it is in one: the innermost (a hard interrupt in a softirq). */
    private Optional<String> interrupt(ThreadState t) {
        for (int i = t.frames.length - 1; i >= 0; i--) {
            Frame f = t.frames[i];
            if (f.kind == Frame.INTERRUPT || f.kind == Frame.SOFTIRQ) return Optional.of(program.procedure(f.proc).name());
        }
        return Optional.empty();
    }

    /** lockdep's class of an instance, as the lock-order graph names it: its lockdep_set_class key's, else its declaration's. */
    private String lockClassOf(int lock) {
        return program.classKey(lock).orElse(program.classOf(lock).name());
    }

    private Resource acquireResource(State s, int thread, int lock, LockMode mode) {
        String lockClass = lockClassOf(lock);
        int owner = layout.holder(s.objects[layout.owner(lock)]);
        List<Integer> holders = new ArrayList<>();
        if (owner >= 0) holders.add(owner);
        String name = names.instance(lock);
        List<Integer> queued = queuedAhead(s, thread, lock);
        // a FIFO-fair lock blocks each waiter on its own holders and queue: its own vertex
        String id = "lock:" + lock + (layout.kind(lock).fifoFair() ? "@" + thread : "");
        // lockdep names an instance by its own name here, or by the key lockdep_set_class gave it
        String lockdep = program.classKey(lock).orElse(name);
        return switch (layout.kind(lock).modes()) {
            case EXCLUSIVE -> Resource.lock(id, name, lockClass, holders, List.of(), queued, lockdep);
            case READ_WRITE -> {
                List<Integer> readers = s.readers(layout, lock);
                if (!mode.shared() && layout.kind(lock).readersBlockWriters()) holders.addAll(readers);
                yield Resource.lock(id, name, lockClass, holders, readers, queued, lockdep);
            }
            case HANDLE_COMMIT -> Resource.lock("commit:" + lock, names.commit(lock), lockClass, holders, List.of(),
                    List.of(), names.jbd2Handle(lock));
            // only blk_queue_enter waits on the acquire: for every freezer to unfreeze
            case REF_FREEZE -> Resource.lock(id, name, lockClass, s.freezers(layout, lock), List.of(), List.of(), lockdep);
            case NONE -> throw new IllegalArgumentException(name + " is not a lock");
        };
    }

    /**
     * A barrier's second half waits for the shared holds: a journal's handles, a percpu rwsem's
     * readers, a frozen queue's references.
     */
    private Resource drainResource(State s, int lock) {
        List<Integer> holders = s.handleHolders(layout, lock);
        String name = names.instance(lock);
        String lockClass = lockClassOf(lock);
        return switch (layout.kind(lock).modes()) {
            case HANDLE_COMMIT -> {
                String what = "every handle on " + name + " to stop";
                yield new Resource("handles:" + lock, names.handle(lock), what, holders, holders,
                        Optional.of(lockClass), what, names.jbd2Handle(lock));
            }
            case READ_WRITE -> {
                String what = "every reader of " + name + " to leave";
                yield new Resource("readers:" + lock, name, what, holders, holders, Optional.of(lockClass), what, name);
            }
            case REF_FREEZE -> {
                String what = "every reference to " + name + " to be put";
                yield new Resource("refs:" + lock, name, what, holders, holders, Optional.of(lockClass), what, name);
            }
            case EXCLUSIVE, NONE -> throw new IllegalArgumentException(name + " has no shared holds to drain");
        };
    }

    /** Of a FIFO-fair lock, the writers queued ahead of this thread: only they block it in the queue. */
    private List<Integer> queuedAhead(State s, int thread, int lock) {
        if (!layout.kind(lock).fifoFair()) return List.of();
        List<Integer> ahead = new ArrayList<>();
        for (int q : s.queued(layout, lock)) {
            if (q == thread) break;
            ahead.add(q);
        }
        return ahead;
    }
}
