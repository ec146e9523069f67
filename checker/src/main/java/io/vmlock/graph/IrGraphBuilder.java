package io.vmlock.graph;

import io.vmlock.budget.Budget;
import io.vmlock.ir.GlobalVar;
import io.vmlock.ir.Invocation;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.MappingDef;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;
import io.vmlock.ir.ReclaimPath;
import io.vmlock.ir.ThreadDef;
import io.vmlock.ir.VarRef;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the lock-order graph of a lowered program by walking every path of every thread body
 * and interrupt handler, then of every context those paths enter: the fault handlers of the
 * mappings they copy from and the reclaim paths their allocations may run. A context is walked
 * once, holding its pseudo-lock, for all the threads that can enter it (lockdep's way: linear
 * in the program, and the copier's locks reach the handler's through the pseudo-lock).
 */
public final class IrGraphBuilder {
    public static final int DEFAULT_MAX_STATES = 1_000_000;

    private final IrProgram program;
    private final WalkEnv env;
    private final LockGraphBuilder builder = new LockGraphBuilder();
    private final Map<LockClass, Set<String>> entered = new LinkedHashMap<>();
    private final int maxStatesPerRoot;
    private final Budget budget;
    private long states;
    private int cutPaths;
    private boolean complete = true;
    private int fresh;

    private IrGraphBuilder(IrProgram program, int maxStatesPerRoot, Budget budget) {
        this.program = program;
        this.env = new WalkEnv(program, stableVariables(program));
        this.maxStatesPerRoot = maxStatesPerRoot;
        this.budget = budget;
    }

    /** The graph without a deadline (exports, {@code order}): the walk's state bound and the heap bound it. */
    public static GraphBuild build(IrProgram program) {
        return build(program, DEFAULT_MAX_STATES);
    }

    public static GraphBuild build(IrProgram program, int maxStatesPerRoot) {
        return build(program, maxStatesPerRoot, Budget.heapOnly());
    }

    /** Throws {@link io.vmlock.budget.BudgetExhausted} when the file's budget runs out during the walks. */
    public static GraphBuild build(IrProgram program, Budget budget) {
        return build(program, DEFAULT_MAX_STATES, budget);
    }

    private static GraphBuild build(IrProgram program, int maxStatesPerRoot, Budget budget) {
        long start = System.nanoTime();
        IrGraphBuilder b = new IrGraphBuilder(program, maxStatesPerRoot, budget);
        b.run();
        return new GraphBuild(b.builder.build(), b.states, b.cutPaths, b.complete,
                (System.nanoTime() - start) / 1_000_000);
    }

    private void run() {
        env.vertices().forEach(builder::addClass);
        Sink direct = new Sink(false);
        for (WalkRoot root : threadRoots()) walk(root, direct);
        for (WalkRoot root : interruptRoots()) walk(root, direct);
        new ContextWalks().run();
    }

    private void walk(WalkRoot root, Sink sink) {
        budget.check(io.vmlock.budget.Phase.GRAPH_PASS);
        var context = new WalkContext(env, root, sink, new SlotValueEvaluator(() -> fresh++, env.stableVariables));
        PathWalker walker = new PathWalker(context, maxStatesPerRoot, budget);
        complete &= walker.walk();
        states += walker.states();
        cutPaths += walker.cutPaths();
    }

    /** One root per thread body: the copies of a replicated thread are its actors. */
    private List<WalkRoot> threadRoots() {
        Map<Integer, List<String>> byBody = new LinkedHashMap<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        for (ThreadDef t : program.threads()) {
            byBody.computeIfAbsent(t.body(), k -> new ArrayList<>()).add(t.name());
            names.put(t.body(), t.baseName());
        }
        List<WalkRoot> roots = new ArrayList<>();
        byBody.forEach((body, actors) -> roots.add(new WalkRoot("thread " + names.get(body), actors,
                WalkFrame.enter(program.procedure(body), List.of(), Optional.empty()), List.of(),
                false, false, false, InterruptContext.TASK, threadStart())));
        return roots;
    }

    /** A thread starts with its per-thread variables at their declared values. */
    private List<SlotValue> threadStart() {
        return java.util.Arrays.stream(program.perThreadStart()).<SlotValue>mapToObj(SlotValue.Known::new).toList();
    }

    /** A handler runs on some thread, whose per-thread variables the walk does not know. */
    private List<SlotValue> unknownCurrent() {
        List<SlotValue> current = new ArrayList<>();
        for (int i = 0; i < program.perThreadSlotCount(); i++) current.add(new SlotValue.Unknown(fresh++));
        return current;
    }

    /**
     * A handler runs holding its interrupt context, on the threads it may interrupt: a hard
     * interrupt handler with interrupts off, a softirq with them on and bottom halves disabled.
     */
    private List<WalkRoot> interruptRoots() {
        List<WalkRoot> roots = new ArrayList<>();
        for (var i : program.interrupts()) {
            List<String> on = i.threads().stream().map(t -> program.threads().get(t).name()).toList();
            if (on.isEmpty()) continue;
            InterruptContext kind = WalkEnv.contextOf(i);
            String context = kind.keyword() + " " + i.name();
            Held irq = new Held(kind.pseudoLock(), Instance.SINGLE, Access.EXCLUSIVE, new Site(i.span(), context, List.of()));
            roots.add(new WalkRoot(context, on, WalkFrame.enter(program.procedure(i.body()), List.of(), Optional.empty()),
                    List.of(irq), kind == InterruptContext.HARDIRQ, false, false, kind, unknownCurrent()));
        }
        return roots;
    }

    /** Contexts are walked until the threads that can enter them stop growing (contexts enter contexts). */
    private final class ContextWalks {
        private final Map<LockClass, Set<String>> walkedWith = new LinkedHashMap<>();
        private final Map<LockClass, Sink> results = new LinkedHashMap<>();

        void run() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (LockClass context : new ArrayList<>(entered.keySet())) {
                    Set<String> actors = new TreeSet<>(entered.get(context));
                    if (actors.equals(walkedWith.get(context))) continue;
                    walkedWith.put(context, actors);
                    Sink sink = new Sink(true);
                    for (WalkRoot root : contextRoots(context, actors)) walk(root, sink);
                    results.put(context, sink);
                    changed = true;
                }
            }
            results.values().forEach(s -> s.dependencies.forEach(builder::add));
        }
    }

    private List<WalkRoot> contextRoots(LockClass context, Set<String> actors) {
        List<WalkRoot> roots = new ArrayList<>();
        for (ReclaimPath r : program.reclaimPaths()) {
            if (WalkEnv.reclaimClass(r.needs()).equals(context)) {
                roots.add(contextRoot("reclaim " + context.name(), context, r.invocation(), actors, true, false));
            }
        }
        for (MappingDef m : program.mappings()) {
            if (m.fault().isPresent() && env.faults.get(m.id()).equals(context)) {
                roots.add(contextRoot("fault on " + m.name(), context, m.fault().get(), actors, false, true));
            }
        }
        return roots;
    }

    private WalkRoot contextRoot(String label, LockClass context, Invocation call, Set<String> actors,
                                 boolean reclaim, boolean fault) {
        List<SlotValue> args = new ArrayList<>();
        SlotValueEvaluator eval = new SlotValueEvaluator(() -> fresh++, env.stableVariables);
        WalkFrame none = WalkFrame.enter(program.procedure(call.procedure()), List.of(), Optional.empty());
        for (IrExpr a : call.args()) args.add(eval.eval(a, none));
        Held held = new Held(context, Instance.SINGLE, Access.EXCLUSIVE, new Site(call.span(), label, List.of()));
        WalkFrame entry = WalkFrame.enter(program.procedure(call.procedure()), args, Optional.of(call.span()));
        return new WalkRoot(label, new ArrayList<>(actors), entry, List.of(held), false, reclaim, fault,
                InterruptContext.TASK, unknownCurrent());
    }

    /** Collects one walk's output; context walks keep theirs until the last walk of that context. */
    private final class Sink implements WalkSink {
        private final boolean deferred;
        private final List<Dependency> dependencies = new ArrayList<>();

        Sink(boolean deferred) {
            this.deferred = deferred;
        }

        public void dependency(Dependency d) {
            if (deferred) dependencies.add(d);
            else builder.add(d);
        }

        public void enter(LockClass pseudoLock, Collection<String> actors) {
            entered.computeIfAbsent(pseudoLock, k -> new TreeSet<>()).addAll(actors);
        }

        public void writer(LockClass c) {
            builder.noteWriter(c);
        }
    }

    /**
     * The global variables no statement of a run assigns: every thread sees their initial value,
     * so the walk computes conditions on them (a branch that cannot be taken is not walked). An
     * assignment in a procedure no run enters (a model's path the scenario does not call) does not
     * count, or it would keep every condition on that variable open (corpus 98's final unmap,
     * which frees a VMA lock, left the library for that reason).
     */
    static Set<String> stableVariables(IrProgram program) {
        Set<String> assigned = new HashSet<>();
        BitSet reachable = program.reachableProcedures();
        for (Procedure p : program.procedures()) {
            if (!reachable.get(p.id())) continue;
            for (Op op : p.nodes()) {
                if (op instanceof Op.Assign a && a.target() instanceof VarRef.GlobalElement g) assigned.add(g.variable().name());
            }
        }
        Set<String> stable = new TreeSet<>();
        for (GlobalVar g : program.globals()) {
            if (!assigned.contains(g.name())) stable.add(g.name());
        }
        return stable;
    }
}
