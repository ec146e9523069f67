package io.vmlock.ir;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Expr;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Workqueues lowered to what every engine already knows: a work item is one variable, its
 * worker a daemon thread, its waits {@code wait_event}s and lockdep's pseudo-locks lockdep_maps
 * (kernel/workqueue.c, as stored at 009bb421b6ce: process_one_work, __flush_work /
 * start_flush_work, __cancel_work_timer, flush_workqueue). Each workqueue is concurrency managed:
 * every work item has a worker of its own and never runs beside itself.
 *
 * <p>A work item's variable packs PENDING (bit 0), running (bit 1) and how many runs have
 * finished, modulo 4 (from bit 2), so every transition is one assignment, under the branch that
 * tests it: control resolves with the step it leads to, so test and update are one atomic step,
 * as pool->lock makes them. A flush counts the runs it waits for (the pending one and the running
 * one, at most two) and waits until that many more have finished; the count is kept modulo 4, so
 * a flusher that sleeps through four further runs of the same item would miss its wake-up.
 */
final class Workqueues {
    private static final int RUNS = 4;

    /** A work item: its variable, its lockdep map, its workqueue's map and the call its worker makes. */
    record Item(String name, GlobalVar state, ObjectClass map, ObjectClass queueMap, String workqueue,
                String target, List<Expr> args, SourceSpan span) {
    }

    private final Map<String, ObjectClass> queueMaps = new LinkedHashMap<>();
    private final Map<String, Item> items = new LinkedHashMap<>();

    void workqueue(String name, ObjectClass map) {
        queueMaps.put(name, map);
    }

    ObjectClass queueMap(String name) {
        return queueMaps.get(name);
    }

    void item(Item item) {
        items.put(item.name(), item);
    }

    List<Item> items() {
        return List.copyOf(items.values());
    }

    static ObjectClass map(int id, String name, int instance, SourceSpan span) {
        return new ObjectClass(id, name, ObjectKind.LOCKDEP_MAP, Optional.empty(), instance, span);
    }

    static GlobalVar stateVariable(String work, int slot, SourceSpan span) {
        return new GlobalVar(work + ".state", false, 0, 2 * 2 * RUNS - 1, Optional.empty(), slot, List.of(0), span);
    }

    // ---- the operations -----------------------------------------------------------------

    /** queue_work: sets PENDING unless it is set (then it does nothing, and returns false). */
    int queueWork(String workqueue, String work, SourceSpan span, int next, ToIntFunction<Op> add) {
        Item w = items.get(work);
        String text = "queue_work(" + workqueue + ", " + work + ")";
        int queued = add.applyAsInt(new Op.Assign(target(w), plus(state(w), 1), next, span, text));
        int already = add.applyAsInt(new Op.Assign(target(w), state(w), next, span, text + ": already pending"));
        return add.applyAsInt(new Op.Branch(eq(pending(w), 0), queued, already, span));
    }

    /**
     * __flush_work(work, false): the work's map, acquired and released; start_flush_work() sees
     * what is pending or running, and the flusher waits until those runs have finished.
     */
    int flushWork(String work, SourceSpan span, int next, Locals locals, ToIntFunction<Op> add) {
        Item w = items.get(work);
        ObjectRef map = ref(w.map());
        Wait wait = waitFor(w, span, next, locals, "flush_work(" + work + ")", add);
        int release = add.applyAsInt(new Op.Release(BuiltinOp.LOCK_MAP_RELEASE, map, LockMode.LOCK_MAP, wait.next, span));
        int snapshot = wait.snapshot(release, add);
        return add.applyAsInt(new Op.Acquire(BuiltinOp.LOCK_MAP_ACQUIRE, map, LockMode.LOCK_MAP, snapshot, span));
    }

    /** __cancel_work_timer: takes PENDING away (try_to_grab_pending), then waits for a running one. */
    int cancelWorkSync(String work, SourceSpan span, int next, Locals locals, ToIntFunction<Op> add) {
        Item w = items.get(work);
        Wait wait = waitForRunning(w, span, next, locals, "cancel_work_sync(" + work + ")", add);
        int grab = add.applyAsInt(new Op.Assign(target(w), minus(state(w), pending(w)), wait.next, span,
                "cancel_work_sync(" + work + ")"));
        return wait.snapshot(grab, add);
    }

    /** flush_workqueue: the workqueue's map acquired and released, then a wait for each item queued on it. */
    int flushWorkqueue(String workqueue, SourceSpan span, int next, Locals locals, ToIntFunction<Op> add) {
        ObjectRef map = ref(queueMaps.get(workqueue));
        int after = next;
        List<Wait> waits = new ArrayList<>();
        for (Item w : items.values()) {
            if (!w.workqueue().equals(workqueue)) continue;
            Wait wait = waitFor(w, span, after, locals, "flush_workqueue(" + workqueue + ")", add);
            waits.add(wait);
            after = wait.next;
        }
        int release = add.applyAsInt(new Op.Release(BuiltinOp.LOCK_MAP_RELEASE, map, LockMode.LOCK_MAP, after, span));
        for (Wait wait : waits) release = wait.snapshot(release, add);
        return add.applyAsInt(new Op.Acquire(BuiltinOp.LOCK_MAP_ACQUIRE, map, LockMode.LOCK_MAP, release, span));
    }

    /**
     * A worker (worker_thread, process_one_work): waits for PENDING, clears it and runs the item
     * inside the workqueue's map and the work's map, then counts the run finished.
     */
    Procedure worker(int id, Item w, int procedure, List<IrExpr> args) {
        List<Op> nodes = new ArrayList<>();
        ToIntFunction<Op> add = op -> {
            nodes.add(op);
            return nodes.size() - 1;
        };
        SourceSpan span = w.span();
        int head = add.applyAsInt(new Op.Return(span)); // placeholder for the loop head, replaced below
        ObjectRef queueMap = ref(w.queueMap());
        ObjectRef map = ref(w.map());
        IrExpr finished = plus(mod(state(w), 2), times(mod(plus(div(state(w), 4), 1), RUNS), 4));
        int done = add.applyAsInt(new Op.Assign(target(w), finished, head, span, w.name() + " finished"));
        int releaseQueue = add.applyAsInt(new Op.Release(BuiltinOp.LOCK_MAP_RELEASE, queueMap, LockMode.LOCK_MAP, done, span));
        int releaseWork = add.applyAsInt(new Op.Release(BuiltinOp.LOCK_MAP_RELEASE, map, LockMode.LOCK_MAP, releaseQueue, span));
        int call = add.applyAsInt(new Op.Call(procedure, args, Optional.empty(), releaseWork, span));
        int acquireWork = add.applyAsInt(new Op.Acquire(BuiltinOp.LOCK_MAP_ACQUIRE, map, LockMode.LOCK_MAP, call, span));
        int acquireQueue = add.applyAsInt(new Op.Acquire(BuiltinOp.LOCK_MAP_ACQUIRE, queueMap, LockMode.LOCK_MAP, acquireWork, span));
        // PENDING off, running on: +1 (a cancel may have taken PENDING between the wake-up and this step)
        int take = add.applyAsInt(new Op.Assign(target(w), plus(state(w), 1), acquireQueue, span,
                "process_one_work(" + w.name() + ")"));
        int test = add.applyAsInt(new Op.Branch(eq(pending(w), 1), take, head, span));
        int sleep = add.applyAsInt(new Op.WaitEvent(BuiltinOp.WAIT_EVENT, eq(pending(w), 1), test, span,
                "worker_thread: " + w.name() + " is pending"));
        nodes.set(head, new Op.Branch(new IrExpr.Const(1, "true"), sleep, sleep, span));
        return new Procedure(id, "kworker(" + w.name() + ")", Procedure.Kind.THREAD, List.of(), 0, nodes, head, span);
    }

    // ---- waits for runs to finish -------------------------------------------------------

    /** Frame slots for a flush's snapshot, one pair per call site. */
    interface Locals {
        LocalSlot slot(String name, int low, int high);
    }

    /** A wait lowered back to front: {@code next} is its entry; the snapshot is taken by an earlier step. */
    private record Wait(int next, VarRef.LocalVar runs, VarRef.LocalVar seen, IrExpr runsNow, IrExpr seenNow,
                        SourceSpan span) {
        /** Sets the snapshot's slots as control ahead of {@code step}: they read the state that step runs in. */
        int snapshot(int step, ToIntFunction<Op> add) {
            int second = add.applyAsInt(new Op.Init(seen, seenNow, step, span));
            return add.applyAsInt(new Op.Init(runs, runsNow, second, span));
        }
    }

    private Wait waitFor(Item w, SourceSpan span, int next, Locals locals, String text, ToIntFunction<Op> add) {
        return waitRuns(w, span, next, locals, text, plus(pending(w), running(w)), add);
    }

    private Wait waitForRunning(Item w, SourceSpan span, int next, Locals locals, String text, ToIntFunction<Op> add) {
        return waitRuns(w, span, next, locals, text, running(w), add);
    }

    private Wait waitRuns(Item w, SourceSpan span, int next, Locals locals, String text, IrExpr runsNow,
                          ToIntFunction<Op> add) {
        LocalSlot runs = locals.slot(text + ": runs of " + w.name(), 0, 2);
        LocalSlot seen = locals.slot(text + ": finished runs of " + w.name(), 0, RUNS - 1);
        IrExpr runsLeft = new IrExpr.Local(runs.index(), runs.name());
        IrExpr seenBefore = new IrExpr.Local(seen.index(), seen.name());
        IrExpr since = mod(plus(minus(div(state(w), 4), seenBefore), RUNS), RUNS);
        int sleep = add.applyAsInt(new Op.WaitEvent(BuiltinOp.WAIT_EVENT, ge(since, runsLeft), next, span,
                text + ": " + w.name() + " to finish"));
        int test = add.applyAsInt(new Op.Branch(eq(runsLeft, 0), next, sleep, span));
        return new Wait(test, local(runs), local(seen), runsNow, div(state(w), 4), span);
    }

    // ---- expressions over a work item's variable ----------------------------------------

    private static VarRef.LocalVar local(LocalSlot s) {
        return new VarRef.LocalVar(s, new IrExpr.Const(0, ""));
    }

    private static ObjectRef ref(ObjectClass c) {
        return new ObjectRef.Named(c, new IrExpr.Const(0, ""));
    }

    private static VarRef target(Item w) {
        return new VarRef.GlobalElement(w.state(), new IrExpr.Const(0, ""));
    }

    private static IrExpr state(Item w) {
        return new IrExpr.Global(w.state(), new IrExpr.Const(0, ""));
    }

    private static IrExpr pending(Item w) {
        return mod(state(w), 2);
    }

    private static IrExpr running(Item w) {
        return mod(div(state(w), 2), 2);
    }

    private static IrExpr constant(int v) {
        return new IrExpr.Const(v, Integer.toString(v));
    }

    private static IrExpr binary(Expr.BinaryOp op, IrExpr l, IrExpr r) {
        return new IrExpr.Binary(op, l, r);
    }

    private static IrExpr plus(IrExpr l, int r) {
        return binary(Expr.BinaryOp.ADD, l, constant(r));
    }

    private static IrExpr plus(IrExpr l, IrExpr r) {
        return binary(Expr.BinaryOp.ADD, l, r);
    }

    private static IrExpr minus(IrExpr l, IrExpr r) {
        return binary(Expr.BinaryOp.SUB, l, r);
    }

    private static IrExpr times(IrExpr l, int r) {
        return binary(Expr.BinaryOp.MUL, l, constant(r));
    }

    private static IrExpr div(IrExpr l, int r) {
        return binary(Expr.BinaryOp.DIV, l, constant(r));
    }

    private static IrExpr mod(IrExpr l, int r) {
        return binary(Expr.BinaryOp.MOD, l, constant(r));
    }

    private static IrExpr eq(IrExpr l, int r) {
        return binary(Expr.BinaryOp.EQ, l, constant(r));
    }

    private static IrExpr ge(IrExpr l, IrExpr r) {
        return binary(Expr.BinaryOp.GE, l, r);
    }
}
