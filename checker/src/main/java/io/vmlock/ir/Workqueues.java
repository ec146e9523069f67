package io.vmlock.ir;

import static io.vmlock.ir.WorkExprs.constant;
import static io.vmlock.ir.WorkExprs.eq;
import static io.vmlock.ir.WorkExprs.ge;
import static io.vmlock.ir.WorkExprs.minus;
import static io.vmlock.ir.WorkExprs.mod;
import static io.vmlock.ir.WorkExprs.plus;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
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
 * Workqueues lowered to what every engine already knows: a work item's state is a variable
 * ({@link WorkState}), a worker a daemon thread, a flush a {@code wait_event}, lockdep's
 * pseudo-locks lockdep_maps (kernel/workqueue.c, as stored at 009bb421b6ce: process_one_work,
 * __flush_work / start_flush_work, __cancel_work_timer, flush_workqueue). A concurrency-managed
 * workqueue gives every item a worker of its own; an ordered one has one worker for its items, run
 * in queueing order. No item ever runs beside itself.
 *
 * <p>A flush counts the runs it waits for (the pending one and the running one, at most two) and
 * waits until that many more have finished; the count is kept modulo {@link WorkState#RUNS}, so a
 * flusher that sleeps through four further runs of the same item would miss its wake-up. Only the
 * runs of an item some statement waits on are counted ({@link AwaitedWorks}): nothing else reads them.
 */
final class Workqueues {
    /** The state variables and lockdep maps, made by the lowering that owns ids and slots. */
    interface Allocator {
        /** A lockdep map: one instance, or one per member of {@code set} (one class either way). */
        ObjectClass pseudoLock(String name, Optional<InstanceSet> set, SourceSpan span);

        GlobalVar variable(String name, int high, SourceSpan span);
    }

    /** Frame slots for a flush's snapshot, one pair per call site. */
    interface Locals {
        LocalSlot slot(String name, int low, int high);
    }

    /** A workqueue, or one member of a workqueue per member ({@code wq_of[S0]}, a lockdep class of its own). */
    record Queue(String name, boolean ordered, ObjectClass map, List<Item> items, SourceSpan span) {
    }

    /**
     * A work item, or one member's ({@code w_of[I0]}): its map is that member's instance of the
     * declaration's one class; {@code member} binds the set's name in {@code args}.
     */
    record Item(String name, String queue, WorkState state, ObjectRef map, String target, List<Expr> args,
                Optional<Member> member, SourceSpan span) {
    }

    /** The set name a work item per member binds, and the member (its index and name). */
    record Member(String set, int index, String name) {
    }

    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Item> items = new LinkedHashMap<>();
    /** A declaration's queues or items, in member order (one, unindexed). */
    private final Map<String, List<String>> queueMembers = new LinkedHashMap<>();
    private final Map<String, List<String>> workMembers = new LinkedHashMap<>();

    /** Declares every workqueue's map and every item's state, in declaration order. */
    static Workqueues declare(List<Decl.Workqueue> queueDecls, List<Decl.Work> workDecls, AwaitedWorks awaited,
                              Map<String, InstanceSet> sets, ToIntFunction<Expr> constant, Allocator allocator) {
        Workqueues result = new Workqueues();
        Map<String, ObjectClass> workMaps = new LinkedHashMap<>();
        for (Decl.Workqueue q : queueDecls) {
            String decl = q.name().name();
            List<String> members = q.set().map(set -> sets.get(set.name()).members()).orElse(List.of(""));
            List<String> names = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                String name = q.set().isPresent() ? decl + "[" + members.get(m) + "]" : decl;
                List<Placed> on = placedOn(workDecls, decl, m, sets, constant);
                // wq_init_lockdep(): "(wq_completion)" and the name, a key per workqueue
                ObjectClass map = allocator.pseudoLock("(wq_completion)" + name, Optional.empty(), q.span());
                Optional<GlobalVar> shared = q.ordered() && !on.isEmpty()
                        ? Optional.of(allocator.variable(name + ".queue", WorkState.Ordered.high(on.size()), q.span()))
                        : Optional.empty();
                List<Item> queued = new ArrayList<>();
                for (int i = 0; i < on.size(); i++) {
                    Placed p = on.get(i);
                    Decl.Work w = p.work();
                    String itemName = p.member().map(x -> w.name().name() + "[" + x.name() + "]").orElse(w.name().name());
                    boolean counted = awaited.awaited(w.name().name(), decl);
                    WorkState state = shared.isPresent() ? new WorkState.Ordered(shared.get(), i + 1, on.size(), counted)
                            : new WorkState.Own(allocator.variable(itemName + ".state", WorkState.Own.high(), w.span()),
                                    counted);
                    // INIT_WORK(): a static key per call site, so one class for every member
                    ObjectClass workMap = workMaps.computeIfAbsent(w.name().name(), k -> allocator.pseudoLock(
                            "(work_completion)" + k, w.set().map(set -> sets.get(set.name())), w.span()));
                    ObjectRef ref = new ObjectRef.Named(workMap, constant(p.member().map(Member::index).orElse(0)));
                    queued.add(new Item(itemName, name, state, ref, w.target().name(), w.args(), p.member(), w.span()));
                }
                result.queues.put(name, new Queue(name, q.ordered(), map, List.copyOf(queued), q.span()));
                queued.forEach(item -> result.items.put(item.name(), item));
                names.add(name);
            }
            result.queueMembers.put(decl, List.copyOf(names));
        }
        for (Decl.Work w : workDecls) {
            String decl = w.name().name();
            result.workMembers.put(decl, w.set().map(set -> sets.get(set.name()).members().stream()
                    .map(m -> decl + "[" + m + "]").toList()).orElse(List.of(decl)));
        }
        return result;
    }

    /** A work item (one member of it, for an item per member) placed on a workqueue. */
    private record Placed(Decl.Work work, Optional<Member> member) {
    }

    /** The items on member {@code m} of workqueue {@code decl} (0 when it has none), in declaration order. */
    private static List<Placed> placedOn(List<Decl.Work> workDecls, String decl, int m, Map<String, InstanceSet> sets,
                                         ToIntFunction<Expr> constant) {
        List<Placed> on = new ArrayList<>();
        for (Decl.Work w : workDecls) {
            if (!w.workqueue().name().equals(decl)) continue;
            if (w.set().isEmpty()) {
                int at = w.workqueueIndex().map(constant::applyAsInt).orElse(0);
                if (at == m) on.add(new Placed(w, Optional.empty()));
                continue;
            }
            String set = w.set().get().name();
            List<String> members = sets.get(set).members();
            for (int k = 0; k < members.size(); k++) {
                int at = w.indexedByMember() ? k : w.workqueueIndex().map(constant::applyAsInt).orElse(0);
                if (at == m) on.add(new Placed(w, Optional.of(new Member(set, k, members.get(k)))));
            }
        }
        return on;
    }

    /** The queues (or items) of a declaration, member by member: one, for an unindexed one. */
    List<String> queueMembers(String declaration) {
        return queueMembers.get(declaration);
    }

    List<String> workMembers(String declaration) {
        return workMembers.get(declaration);
    }

    /** The queue an item is on. */
    String queueOf(String work) {
        return items.get(work).queue();
    }

    List<Queue> queues() {
        return List.copyOf(queues.values());
    }

    // ---- the operations -----------------------------------------------------------------

    int queueWork(String workqueue, String work, SourceSpan span, int next, ToIntFunction<Op> add) {
        return items.get(work).state().queue(next, span, "queue_work(" + workqueue + ", " + work + ")", add);
    }

    /**
     * __flush_work(work, false): the work's map, acquired and released; start_flush_work() finds
     * what is pending or running, touches an ordered workqueue's map when there is something to
     * wait for (saved_max_active == 1), and the flusher waits until those runs have finished.
     */
    int flushWork(String work, SourceSpan span, int next, Locals locals, ToIntFunction<Op> add) {
        Item w = items.get(work);
        WorkState s = w.state();
        Wait wait = waitRuns(w, plus(s.pending(), s.running()), queues.get(w.queue()).ordered(), span, next, locals,
                "flush_work(" + work + ")", add);
        int release = release(w.map(), wait.entry(), span, add);
        return acquire(w.map(), wait.snapshot(release, add), span, add);
    }

    /** __cancel_work_timer: PENDING taken away (try_to_grab_pending), then __flush_work(work, true): no map. */
    int cancelWorkSync(String work, SourceSpan span, int next, Locals locals, ToIntFunction<Op> add) {
        Item w = items.get(work);
        String text = "cancel_work_sync(" + work + ")";
        Wait wait = waitRuns(w, w.state().running(), false, span, next, locals, text, add);
        return wait.snapshot(w.state().grab(wait.entry(), span, text, add), add);
    }

    /** flush_workqueue: the workqueue's map acquired and released, then a wait for each item pending or running. */
    int flushWorkqueue(String workqueue, SourceSpan span, int next, Locals locals, ToIntFunction<Op> add) {
        Queue q = queues.get(workqueue);
        int after = next;
        List<Wait> waits = new ArrayList<>();
        for (Item w : q.items()) {
            WorkState s = w.state();
            Wait wait = waitRuns(w, plus(s.pending(), s.running()), false, span, after, locals,
                    "flush_workqueue(" + workqueue + ") for " + w.name(), add);
            waits.add(wait);
            after = wait.entry();
        }
        int release = release(q.map(), after, span, add);
        for (Wait wait : waits) release = wait.snapshot(release, add);
        return acquire(q.map(), release, span, add);
    }

    // ---- workers --------------------------------------------------------------------------

    /** The workers' bodies, one per item of a concurrency-managed workqueue, one per ordered workqueue. */
    List<Procedure> workers(int firstId, Map<String, Integer> procIds, ExprLowering exprs) {
        List<Procedure> result = new ArrayList<>();
        for (Queue q : queues.values()) {
            if (q.ordered() && !q.items().isEmpty()) {
                result.add(new Worker(q, firstId + result.size(), procIds, exprs).ordered());
                continue;
            }
            for (Item w : q.items()) result.add(new Worker(q, firstId + result.size(), procIds, exprs).own(w));
        }
        return result;
    }

    /**
     * worker_thread and process_one_work: wait for something pending, take it, run it inside the
     * workqueue's map and the work's map, count the run finished, go round again.
     */
    private static final class Worker {
        private final Queue queue;
        private final int id;
        private final Map<String, Integer> procIds;
        private final ExprLowering exprs;
        private final List<Op> nodes = new ArrayList<>();
        private final ToIntFunction<Op> add = op -> {
            nodes.add(op);
            return nodes.size() - 1;
        };

        Worker(Queue queue, int id, Map<String, Integer> procIds, ExprLowering exprs) {
            this.queue = queue;
            this.id = id;
            this.procIds = procIds;
            this.exprs = exprs;
        }

        Procedure own(Item w) {
            WorkState.Own s = (WorkState.Own) w.state();
            int head = add.applyAsInt(new Op.Return(w.span())); // the loop head, replaced below
            int done = s.assign(s.done(), head, w.span(), w.name() + " finished", add);
            int run = run(w, release(queue.map(), done, w.span(), add));
            int take = s.assign(s.taken(), acquire(queue.map(), run, w.span(), add), w.span(),
                    "process_one_work(" + w.name() + ")", add);
            // a cancel may take PENDING between the wake-up and the take
            int test = add.applyAsInt(new Op.Branch(eq(s.pending(), 1), take, head, w.span()));
            close(head, eq(s.pending(), 1), test, "worker_thread(" + w.name() + ")", w.span());
            return procedure("kworker(" + w.name() + ")", head, w.span());
        }

        Procedure ordered() {
            WorkState.Ordered any = (WorkState.Ordered) queue.items().get(0).state();
            SourceSpan span = queue.span();
            int head = add.applyAsInt(new Op.Return(span));
            int dispatch = add.applyAsInt(new Op.Return(span)); // unreachable: the running item is one of these
            for (int i = queue.items().size() - 1; i >= 0; i--) {
                Item w = queue.items().get(i);
                WorkState.Ordered s = (WorkState.Ordered) w.state();
                int done = s.assign(s.done(), head, w.span(), w.name() + " finished", add);
                int run = run(w, release(queue.map(), done, w.span(), add));
                dispatch = add.applyAsInt(new Op.Branch(s.running(), run, dispatch, span));
            }
            int take = any.assign(any.taken(), acquire(queue.map(), dispatch, span, add), span,
                    "process_one_work(" + queue.name() + ")", add);
            int test = add.applyAsInt(new Op.Branch(eq(any.slot(0), 0), head, take, span));
            close(head, eq(eq(any.slot(0), 0), 0), test, "worker_thread(" + queue.name() + ")", span);
            return procedure("kworker(" + queue.name() + ")", head, span);
        }

        /** The work's map around the call of its function, then {@code next}. */
        private int run(Item w, int next) {
            int releaseWork = release(w.map(), next, w.span(), add);
            Scope scope = w.member().map(m -> Scope.empty().with(m.set(),
                    Scope.Binding.of(new IrExpr.Const(m.index(), m.name())))).orElse(Scope.empty());
            List<IrExpr> args = w.args().stream().map(a -> exprs.lower(a, scope)).toList();
            int call = add.applyAsInt(new Op.Call(procIds.get(w.target()), args, Optional.empty(), releaseWork, w.span()));
            return acquire(w.map(), call, w.span(), add);
        }

        /** The loop head: sleep until {@code ready}, then the test that takes the item. */
        private void close(int head, IrExpr ready, int test, String label, SourceSpan span) {
            int sleep = add.applyAsInt(new Op.WaitEvent(BuiltinOp.WAIT_EVENT, ready, test, span, label));
            nodes.set(head, new Op.Branch(constant(1), sleep, sleep, span));
        }

        private Procedure procedure(String name, int entry, SourceSpan span) {
            return new Procedure(id, name, Procedure.Kind.THREAD, List.of(), 0, nodes, entry, span);
        }
    }

    // ---- waits for runs to finish -------------------------------------------------------

    /** A wait lowered back to front: {@code entry} first; the snapshot is set by an earlier step. */
    private record Wait(int entry, VarRef.LocalVar runs, VarRef.LocalVar seen, IrExpr runsNow, IrExpr seenNow,
                        SourceSpan span) {
        /** Sets the snapshot's slots as control ahead of {@code step}: they read the state that step runs in. */
        int snapshot(int step, ToIntFunction<Op> add) {
            int second = add.applyAsInt(new Op.Init(seen, seenNow, step, span));
            return add.applyAsInt(new Op.Init(runs, runsNow, second, span));
        }
    }

    /** Waits until {@code runsNow}'s runs (read at the snapshot) have finished; none: no wait, no map. */
    private Wait waitRuns(Item w, IrExpr runsNow, boolean touchQueueMap, SourceSpan span, int next, Locals locals,
                          String text, ToIntFunction<Op> add) {
        LocalSlot runs = locals.slot(text + ": runs of " + w.name(), 0, 2);
        LocalSlot seen = locals.slot(text + ": finished runs of " + w.name(), 0, WorkState.RUNS - 1);
        IrExpr runsLeft = new IrExpr.Local(runs.index(), runs.name());
        IrExpr seenBefore = new IrExpr.Local(seen.index(), seen.name());
        IrExpr since = mod(plus(minus(w.state().finished(), seenBefore), constant(WorkState.RUNS)), WorkState.RUNS);
        int sleep = add.applyAsInt(new Op.WaitEvent(BuiltinOp.WAIT_EVENT, ge(since, runsLeft), next, span,
                text));
        if (touchQueueMap) {
            ObjectClass map = queues.get(w.queue()).map();
            sleep = acquire(map, release(map, sleep, span, add), span, add);
        }
        int test = add.applyAsInt(new Op.Branch(eq(runsLeft, 0), next, sleep, span));
        return new Wait(test, local(runs), local(seen), runsNow, w.state().finished(), span);
    }

    private static VarRef.LocalVar local(LocalSlot s) {
        return new VarRef.LocalVar(s, constant(0));
    }

    private static int acquire(ObjectClass map, int next, SourceSpan span, ToIntFunction<Op> add) {
        return acquire(ref(map), next, span, add);
    }

    private static int release(ObjectClass map, int next, SourceSpan span, ToIntFunction<Op> add) {
        return release(ref(map), next, span, add);
    }

    private static int acquire(ObjectRef map, int next, SourceSpan span, ToIntFunction<Op> add) {
        return add.applyAsInt(new Op.Acquire(BuiltinOp.LOCK_MAP_ACQUIRE, map, LockMode.LOCK_MAP, next, span));
    }

    private static int release(ObjectRef map, int next, SourceSpan span, ToIntFunction<Op> add) {
        return add.applyAsInt(new Op.Release(BuiltinOp.LOCK_MAP_RELEASE, map, LockMode.LOCK_MAP, next, span));
    }

    private static ObjectRef ref(ObjectClass c) {
        return new ObjectRef.Named(c, constant(0));
    }

    static ObjectClass map(int id, String name, Optional<InstanceSet> set, int instance, SourceSpan span) {
        return new ObjectClass(id, name, ObjectKind.LOCKDEP_MAP, set, instance, span);
    }
}
