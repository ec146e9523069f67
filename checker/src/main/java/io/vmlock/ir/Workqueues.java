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
import io.vmlock.ast.Ident;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;

/**
 * Workqueues lowered to what every engine already knows: a work item's state is a variable
 * ({@link WorkState}), a worker a daemon thread, a flush a {@code wait_event}, lockdep's
 * pseudo-locks lockdep_maps (kernel/workqueue.c, as stored at 009bb421b6ce: process_one_work,
 * __flush_work / start_flush_work, __cancel_work_timer, flush_workqueue). A concurrency-managed
 * workqueue gives every item a worker of its own; an ordered one has one worker for its items, run
 * in queueing order. No item ever runs beside itself. A workqueue or work item declared per set
 * member is one of these per member ({@code wq_of[S0]}, {@code w_of[I0]}).
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

    /**
     * Declares every workqueue's map and every item's state, in declaration order; a declaration
     * per set member, member by member, each as a single one (INIT_WORK's one class aside).
     */
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
                Queue queue = queue(q, name, placedOn(workDecls, decl, m, sets, constant), awaited, sets, workMaps,
                        allocator);
                result.queues.put(name, queue);
                queue.items().forEach(item -> result.items.put(item.name(), item));
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

    /** One workqueue (or member of one) named {@code name}, with the items placed on it. */
    private static Queue queue(Decl.Workqueue q, String name, List<Placed> on, AwaitedWorks awaited,
                               Map<String, InstanceSet> sets, Map<String, ObjectClass> workMaps, Allocator allocator) {
        // wq_init_lockdep(): "(wq_completion)" and the name, a key registered per workqueue
        ObjectClass map = allocator.pseudoLock("(wq_completion)" + name, Optional.empty(), q.span());
        Optional<GlobalVar> shared = q.ordered() && !on.isEmpty()
                ? Optional.of(allocator.variable(name + ".queue", WorkState.Ordered.high(on.size()), q.span()))
                : Optional.empty();
        List<Item> queued = new ArrayList<>();
        for (int i = 0; i < on.size(); i++) {
            Decl.Work w = on.get(i).work();
            Optional<Member> member = on.get(i).member();
            String itemName = member.map(x -> w.name().name() + "[" + x.name() + "]").orElse(w.name().name());
            boolean counted = awaited.awaited(w.name().name(), q.name().name());
            WorkState state = shared.isPresent() ? new WorkState.Ordered(shared.get(), i + 1, on.size(), counted)
                    : new WorkState.Own(allocator.variable(itemName + ".state", WorkState.Own.high(), w.span()), counted);
            // INIT_WORK(): a static key per call site, so one class for every member
            ObjectClass workMap = workMaps.computeIfAbsent(w.name().name(), k -> allocator.pseudoLock(
                    "(work_completion)" + k, w.set().map(set -> sets.get(set.name())), w.span()));
            ObjectRef ref = new ObjectRef.Named(workMap, constant(member.map(Member::index).orElse(0)));
            queued.add(new Item(itemName, name, state, ref, w.target().name(), w.args(), member, w.span()));
        }
        return new Queue(name, q.ordered(), map, List.copyOf(queued), q.span());
    }

    /** A work item (one member of it, for an item per member) placed on a workqueue. */
    private record Placed(Decl.Work work, Optional<Member> member) {
    }

    /** The items on member {@code m} of workqueue {@code decl} (0 when it has none), in declaration order. */
    private static List<Placed> placedOn(List<Decl.Work> workDecls, String decl, int m, Map<String, InstanceSet> sets,
                                         ToIntFunction<Expr> constant) {
        List<Placed> on = new ArrayList<>();
        for (Decl.Work w : workDecls.stream().filter(w -> w.workqueue().name().equals(decl)).toList()) {
            Optional<String> set = w.set().map(Ident::name);
            List<String> members = set.map(s -> sets.get(s).members()).orElse(List.of(""));
            for (int k = 0; k < members.size(); k++) {
                if (w.workqueueMember(k, e -> OptionalLong.of(constant.applyAsInt(e))).getAsInt() != m) continue;
                int index = k;
                on.add(new Placed(w, set.map(s -> new Member(s, index, members.get(index)))));
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
                result.add(new WorkqueueWorker(q, firstId + result.size(), procIds, exprs).ordered());
                continue;
            }
            for (Item w : q.items()) result.add(new WorkqueueWorker(q, firstId + result.size(), procIds, exprs).own(w));
        }
        return result;
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

    static int acquire(ObjectClass map, int next, SourceSpan span, ToIntFunction<Op> add) {
        return acquire(ref(map), next, span, add);
    }

    static int release(ObjectClass map, int next, SourceSpan span, ToIntFunction<Op> add) {
        return release(ref(map), next, span, add);
    }

    static int acquire(ObjectRef map, int next, SourceSpan span, ToIntFunction<Op> add) {
        return add.applyAsInt(new Op.Acquire(BuiltinOp.LOCK_MAP_ACQUIRE, map, LockMode.LOCK_MAP, next, span));
    }

    static int release(ObjectRef map, int next, SourceSpan span, ToIntFunction<Op> add) {
        return add.applyAsInt(new Op.Release(BuiltinOp.LOCK_MAP_RELEASE, map, LockMode.LOCK_MAP, next, span));
    }

    static ObjectRef ref(ObjectClass c) {
        return new ObjectRef.Named(c, constant(0));
    }

    static ObjectClass map(int id, String name, Optional<InstanceSet> set, int instance, SourceSpan span) {
        return new ObjectClass(id, name, ObjectKind.LOCKDEP_MAP, set, instance, span);
    }
}
