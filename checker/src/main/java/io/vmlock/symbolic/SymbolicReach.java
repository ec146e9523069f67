package io.vmlock.symbolic;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.explore.system.TransitionSystem;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The states a compiled scenario reaches, as a list decision diagram, its relations learned on the
 * fly from the guarded commands (LTSmin's PINS symbolic backend, over {@link Ldd}). The state graph
 * is the explicit search's without reductions: every enabled command of every thread moves, a
 * state breaking an invariant is reached but not left. A spike: no findings, only the count.
 */
public final class SymbolicReach {
    /** One group per command, per thread and position (the commands leaving it), or per thread. */
    public enum Grouping { COMMAND, POSITION, THREAD }

    /**
     * Breadth-first (one level per iteration); chaining: each group's successors feed the next
     * group's at once; local: chaining, each group applied until it adds nothing (a thread's group
     * runs the thread as far as it goes alone); saturation ({@link Saturation}).
     */
    public enum Strategy { BFS, CHAINING, LOCAL, SATURATION }

    /**
     * {@code maxSeconds}: stop (incomplete) after that long, 0 for no limit; {@code log} hears one
     * line per iteration (with the set's size, which costs a count), or null; {@code staticRelations}:
     * build a group's relation whole from its commands when that is cheap ({@link StaticRelation}),
     * learning only the others.
     */
    public record Options(Grouping grouping, VariableOrder.Kind order, Strategy strategy, long maxSeconds,
                          Consumer<String> log, boolean staticRelations) {
        public Options {
            Objects.requireNonNull(grouping);
            Objects.requireNonNull(order);
            Objects.requireNonNull(strategy);
        }

        /** Static relations where cheap. */
        public Options(Grouping grouping, VariableOrder.Kind order, Strategy strategy, long maxSeconds, Consumer<String> log) {
            this(grouping, order, strategy, maxSeconds, log, true);
        }

        public static Options defaults() {
            // the fastest on the 7-thread kitchen sink (2026-12-06, 502 million states: 103 s and 1.9 GB;
            // saturation with the threads order 147 s and 11.3 GB, with force out of 12 GB at 190 s)
            return new Options(Grouping.THREAD, VariableOrder.Kind.FORCE, Strategy.LOCAL, 0, null);
        }
    }

    /**
     * {@code states}: reachable states (those reached when incomplete); {@code iterations}: rounds
     * of the fixpoint (under BFS, the depth plus one); {@code nodes}: the most nodes alive at once; {@code setNodes}: the final set's own size as a diagram;
     * {@code staticGroups}: the groups whose relation was built whole; {@code millis}: building them and the fixpoint; {@code tuples}: those the others learned;
     * {@code stuck}: the reachable states no command of any thread leaves (every thread ended,
     * blocked, or an invariant broken: the state graph's sinks), -1 when incomplete.
     */
    public record Result(int fields, int groups, int staticGroups, long states, int iterations, int nodes, int setNodes,
                         long tuples, long millis, boolean complete, long stuck) {
    }

    private final TransitionSystem system;
    private final Options options;
    private final Ldd ldd;
    private final VariableOrder order;
    private final List<Group> groups = new ArrayList<>();
    private final int[] scratch;
    private final List<Expr> invariants;

    public SymbolicReach(TransitionSystem system, Options options) {
        this(system, options, new Ldd(1 << 20, Integer.getInteger("vmlock.lddCache", 1 << 22)));
    }

    SymbolicReach(TransitionSystem system, Options options, Ldd ldd) {
        this.system = system;
        this.options = options;
        this.ldd = ldd;
        this.order = VariableOrder.of(system, options.order());
        this.scratch = new int[system.fields().size()];
        this.invariants = system.invariants();
        BitSet invariantReads = new BitSet();
        for (Expr inv : invariants) inv.fields(invariantReads::set);
        for (ThreadSystem t : system.threads()) {
            if (options.grouping() == Grouping.THREAD) {
                List<Command> all = t.commands().stream().flatMap(List::stream).toList();
                if (!all.isEmpty()) groups.add(new Group(ldd, all, t.positionField(), order.levelOf, invariantReads));
                continue;
            }
            for (List<Command> at : t.commands()) {
                if (at.isEmpty()) continue;
                if (options.grouping() == Grouping.POSITION) {
                    groups.add(new Group(ldd, at, t.positionField(), order.levelOf, invariantReads));
                } else {
                    for (Command c : at) {
                        groups.add(new Group(ldd, List.of(c), t.positionField(), order.levelOf, invariantReads));
                    }
                }
            }
        }
        long built = System.nanoTime();
        if (options.staticRelations()) {
            for (Group g : groups) {
                StaticRelation.of(ldd, g, system.fields(), order.fieldAt, invariants, STATIC_BUDGET)
                        .ifPresent(rel -> g.fix(ldd, rel));
            }
        }
        this.staticNanos = System.nanoTime() - built;
    }

    /** The time building static relations took: part of a result's time. */
    private final long staticNanos;

    /** Steps of work a static relation may take before its group learns instead (a few milliseconds). */
    static final int STATIC_BUDGET = 1 << 16;

    List<Group> groups() {
        return groups;
    }

    /** A variable order by its name (system, threads, force): the kinds stay package-private. */
    public static VariableOrder.Kind orderNamed(String name) {
        return VariableOrder.Kind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Runs the fixpoint on a thread with a deep enough stack. */
    public static Result run(TransitionSystem system, Options options) {
        return run(system, options, 1 << 22);
    }

    /** The same, collecting unused nodes first once {@code collectAt} are alive (tests make it small). */
    static Result run(TransitionSystem system, Options options, int collectAt) {
        return Ldd.onBigStack(() -> {
            SymbolicReach r = new SymbolicReach(system, options);
            r.collectAt = collectAt;
            return r.reach();
        });
    }

    Ldd ldd() {
        return ldd;
    }

    /** The reachable set's vectors are in level order: the field at each level. */
    int[] fieldAt() {
        return order.fieldAt;
    }

    /** The reachable set found by the last {@link #reach}. */
    int reached = Ldd.FALSE;

    /** The sets the fixpoint works on: kept here so that {@link #collect} can renumber them. */
    private int visited;
    private int next;
    private int current;
    private int from;
    /** Nodes alive at which to collect next: twice as many as the last collection kept. */
    private int collectAt = 1 << 22;

    /** Frees the nodes no set of the fixpoint nor any group's relation needs, when there are many. */
    private void collect() {
        if (ldd.nodes() < collectAt) return;
        int[] roots = new int[4 + 3 * groups.size()];
        roots[0] = visited;
        roots[1] = next;
        roots[2] = current;
        roots[3] = from;
        for (int i = 0; i < groups.size(); i++) {
            roots[4 + 3 * i] = groups.get(i).learned;
            roots[5 + 3 * i] = groups.get(i).relation;
            roots[6 + 3 * i] = groups.get(i).enabled;
        }
        ldd.collect(roots);
        visited = roots[0];
        next = roots[1];
        current = roots[2];
        from = roots[3];
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).learned = roots[4 + 3 * i];
            groups.get(i).relation = roots[5 + 3 * i];
            groups.get(i).enabled = roots[6 + 3 * i];
        }
        collectAt = Math.max(collectAt, 2 * ldd.nodes());
    }

    Result reach() {
        long start = System.nanoTime();
        long deadline = options.maxSeconds() > 0 ? start + options.maxSeconds() * 1_000_000_000L : Long.MAX_VALUE;
        int[] init = new int[scratch.length];
        for (int f = 0; f < init.length; f++) init[order.levelOf[f]] = system.initial().get(f);
        visited = ldd.singleton(init);
        if (options.strategy() == Strategy.SATURATION) return saturate(start, deadline);
        int frontier = visited;
        int iterations = 0;
        boolean complete = true;
        rounds:
        while (frontier != Ldd.FALSE) {
            iterations++;
            next = Ldd.FALSE;
            current = frontier;
            for (Group g : groups) {
                // checked per group, not per round: one round of the 9-thread kitchen sink outlasts any limit
                if (System.nanoTime() > deadline) {
                    complete = false;
                    break rounds;
                }
                from = current;
                do {
                    g.learn(ldd, from, order.fieldAt, scratch, invariants);
                    int fresh = ldd.minus(g.next(ldd, from), visited);
                    if (fresh == Ldd.FALSE) break;
                    visited = ldd.union(visited, fresh);
                    next = ldd.union(next, fresh);
                    if (options.strategy() != Strategy.BFS) current = ldd.union(current, fresh);
                    from = fresh; // LOCAL: only the new states can lead to more under this group
                    collect();
                } while (options.strategy() == Strategy.LOCAL);
            }
            frontier = next;
            if (options.log() != null) {
                options.log().accept(String.format(java.util.Locale.ROOT, "iteration %d: %,d states, %,d new, %,d nodes, %.1f s",
                        iterations, ldd.count(visited), ldd.count(frontier), ldd.peakNodes(),
                        (System.nanoTime() - start) / 1e9));
            }
        }
        return result(iterations, start, complete);
    }

    private Result result(int iterations, long start, boolean complete) {
        reached = visited;
        long tuples = groups.stream().mapToLong(g -> g.tuples).sum();
        long millis = (System.nanoTime() - start + staticNanos) / 1_000_000;
        int fixed = (int) groups.stream().filter(g -> g.fixed).count();
        return new Result(scratch.length, groups.size(), fixed, ldd.count(visited), iterations, ldd.peakNodes(),
                ldd.nodeCount(visited), tuples, millis, complete, complete ? ldd.count(stuck()) : -1);
    }

    /**
     * The reachable states no group leaves. A group's relation holds tuples only for projections
     * some command left, so its enabled states are those whose projection is among them: every
     * projection of the finished set was learned, a state without a tuple has no move.
     */
    private int stuck() {
        int moving = Ldd.FALSE;
        for (Group g : groups) moving = ldd.union(moving, g.enabledIn(ldd, visited));
        return ldd.minus(visited, moving);
    }

    /** Saturation passes until one neither changes the set nor learns a tuple; iterations are passes. */
    private Result saturate(long start, long deadline) {
        Saturation saturation = new Saturation(ldd, groups, order.fieldAt, scratch, invariants, deadline, options.log());
        int passes = 0;
        while (true) {
            passes++;
            long learned = groups.stream().mapToLong(g -> g.tuples).sum();
            int s;
            try {
                s = saturation.pass(visited);
            } catch (Saturation.OutOfTime e) {
                return result(passes, start, false);
            }
            boolean same = s == visited && learned == groups.stream().mapToLong(g -> g.tuples).sum();
            visited = s;
            next = current = from = Ldd.FALSE;
            collect();
            if (options.log() != null) {
                options.log().accept(String.format(java.util.Locale.ROOT,
                        "pass %d: %,d states, %,d nodes, %,d saturations, %,d images, %,d tuples learned, %.1f s",
                        passes, ldd.count(visited), ldd.peakNodes(), saturation.saturations, saturation.imageCount,
                        groups.stream().mapToLong(g -> g.tuples).sum(), (System.nanoTime() - start) / 1e9));
            }
            if (same) return result(passes, start, true);
        }
    }
}
