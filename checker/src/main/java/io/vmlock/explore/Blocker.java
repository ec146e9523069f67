package io.vmlock.explore;

import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a thread cannot move: the resource it waits for and the threads that hold it (for the
 * wait-for graph), or, for events and conditions, a sentence saying what keeps it false.
 */
final class Blocker {
    /** A resource of the wait-for graph: a lock instance, a journal's commit or its handles. */
    record Resource(String id, String heldAs, String waitedAs, List<Integer> holders, List<Integer> sharedHolders) {
        Resource {
            holders = List.copyOf(holders);
            sharedHolders = List.copyOf(sharedHolders);
        }
    }

    /** One blocked thread: the resources it waits for (maybe none) and a sentence. */
    record Wait(int thread, List<Resource> resources, String waitsFor, boolean sharedWait, SourceSpan at) {
        Wait {
            resources = List.copyOf(resources);
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
                return new Wait(thread, List.of(), "nothing: it loops forever without an operation", false,
                        program.procedure(f.proc).node(f.pc).span());
            }
            if (r.stop() != ControlFlow.Stop.STEP) continue;
            Frame f = r.thread().top();
            Op op = program.procedure(f.proc).node(f.pc);
            return waitAt(s, thread, op, f);
        }
        Frame top = s.threads[thread].top();
        return new Wait(thread, List.of(), "nothing it can reach", false, program.procedure(top.proc).node(top.pc).span());
    }

    private Wait waitAt(State s, int thread, Op op, Frame frame) {
        FrameValues values = FrameValues.of(frame, s);
        if (op instanceof Op.Acquire a) {
            int lock = a.lock().instance(values);
            Resource r = acquireResource(s, thread, lock, a.mode());
            return new Wait(thread, List.of(r), r.waitedAs(), a.mode().shared(), op.span());
        }
        if (op instanceof Op.JournalDrain d) {
            int j = d.journal().instance(values);
            List<Integer> holders = s.handleHolders(layout, j);
            Resource r = new Resource("handles:" + j, names.handle(j), "every handle on " + names.instance(j)
                    + " to stop", holders, holders);
            return new Wait(thread, List.of(r), r.waitedAs(), false, op.span());
        }
        if (op instanceof Op.WaitCompletion w) {
            int c = w.completion().instance(values);
            return new Wait(thread, List.of(), "completion " + names.instance(c) + " (not completed)", false, op.span());
        }
        if (op instanceof Op.WaitEvent e) {
            String with = problems.describe(e.condition(), values).map(d -> ", false with " + d).orElse(", false");
            return new Wait(thread, List.of(), "the condition " + e.condition().text() + with, false, op.span());
        }
        return new Wait(thread, List.of(), names.op(op, frame, s), false, op.span());
    }

    private Resource acquireResource(State s, int thread, int lock, LockMode mode) {
        ObjectKind kind = layout.kind(lock);
        int owner = layout.holder(s.objects[layout.owner(lock)]);
        List<Integer> holders = new ArrayList<>();
        if (owner >= 0) holders.add(owner);
        if (kind == ObjectKind.JOURNAL) {
            return new Resource("commit:" + lock, names.commit(lock), names.commit(lock), holders, List.of());
        }
        if (kind == ObjectKind.RWSEM) {
            List<Integer> readers = s.readers(layout, lock);
            if (mode == LockMode.WRITE) holders.addAll(readers);
            for (int q : s.queued(layout, lock)) {
                if (q == thread) break; // only writers queued ahead block this one
                if (!holders.contains(q)) holders.add(q);
            }
            String name = names.instance(lock);
            return new Resource("lock:" + lock, name, name, holders, readers);
        }
        return new Resource("lock:" + lock, names.instance(lock), names.instance(lock), holders, List.of());
    }
}
