package io.vmlock.explore.system;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Removes commands that can never run and simplifies the others, from what each thread knows of
 * itself where it stands: the values of fields only it writes (its locals, flags, read and handle
 * depths) and whether it holds each lock. The compiler emits a "recursive lock" and an "unlock of
 * a lock not held" command for every lock step; a thread that provably does (not) hold the lock
 * there never runs them. Facts are found by a forward data-flow over the thread's positions.
 */
final class Pruning {
    /**
     * Whether a lock's owner word names the thread, or not: {@code NOT_MINE}, or {@code MINE - c}
     * for its token in context c (task, hard interrupt, softirq: {@link OwnerWords#context}).
     */
    private static final int NOT_MINE = -1;
    private static final int MINE = -2;

    private final TransitionSystem system;
    private final int threads;
    private final BitSet owners;
    private final BitSet[] only;

    private Pruning(TransitionSystem system, BitSet ownerCandidates) {
        this.system = system;
        this.threads = system.threads().size();
        this.owners = OwnerWords.of(system, ownerCandidates);
        this.only = new BitSet[threads];
        int[] writer = new int[system.fields().size()];
        java.util.Arrays.fill(writer, -1);
        for (ThreadSystem t : system.threads()) {
            for (List<Command> at : t.commands()) {
                for (Command c : at) {
                    for (Command.Effect e : c.effects()) {
                        writer[e.field()] = writer[e.field()] == -1 || writer[e.field()] == c.thread() ? c.thread() : -2;
                    }
                }
            }
        }
        for (int t = 0; t < threads; t++) {
            only[t] = new BitSet();
            for (int f = 0; f < writer.length; f++) {
                if (writer[f] == t) only[t].set(f);
            }
        }
    }

    /** The system without its dead commands, repeated until nothing more goes. */
    static TransitionSystem prune(TransitionSystem system, BitSet ownerCandidates, Budget budget) {
        BitSet owners = OwnerWords.of(system, ownerCandidates);
        TransitionSystem current = system;
        for (int round = 0; round < 8; round++) {
            budget.check(Phase.COMPILE);
            TransitionSystem next = new Pruning(current, ownerCandidates).run();
            if (next.commandCount() == current.commandCount()) return next.withOwnerWords(owners);
            current = next;
        }
        return current.withOwnerWords(owners);
    }

    private TransitionSystem run() {
        List<ThreadSystem> threadSystems = new ArrayList<>();
        int[] id = {0};
        for (ThreadSystem t : system.threads()) threadSystems.add(thread(t, id));
        return system.withThreads(threadSystems);
    }

    private ThreadSystem thread(ThreadSystem t, int[] id) {
        List<Map<Integer, Integer>> facts = facts(t);
        List<List<Command>> commands = new ArrayList<>();
        for (int p = 0; p < t.positions().size(); p++) {
            List<Command> kept = new ArrayList<>();
            Map<Integer, Integer> at = facts.get(p);
            if (at != null) {
                for (Command c : t.at(p)) {
                    Command s = simplify(t, c, at, id[0]);
                    if (s != null) {
                        kept.add(s);
                        id[0]++;
                    }
                }
            }
            commands.add(kept);
        }
        return new ThreadSystem(t.thread(), t.positionField(), t.positions(), commands, t.holdsAny());
    }

    /** The facts holding wherever the thread stands at each position (null: it never gets there). */
    private List<Map<Integer, Integer>> facts(ThreadSystem t) {
        List<Map<Integer, Integer>> in = new ArrayList<>();
        for (int p = 0; p < t.positions().size(); p++) in.add(null);
        Map<Integer, Integer> start = new HashMap<>();
        for (int f = 0; f < system.fields().size(); f++) {
            int v = system.initial().get(f);
            if (only[t.thread()].get(f)) start.put(f, v);
            else if (owners.get(f)) start.put(f, category(v, t.thread()));
        }
        int initial = system.initial().get(t.positionField());
        in.set(initial, start);
        Deque<Integer> todo = new ArrayDeque<>(List.of(initial));
        while (!todo.isEmpty()) {
            int p = todo.poll();
            for (Command c : t.at(p)) {
                Map<Integer, Integer> after = after(t.thread(), c, in.get(p));
                if (after == null) continue;
                Map<Integer, Integer> old = in.get(c.to());
                Map<Integer, Integer> joined = old == null ? after : join(old, after);
                if (!joined.equals(old)) {
                    in.set(c.to(), joined);
                    todo.add(c.to());
                }
            }
        }
        return in;
    }

    private int category(int value, int thread) {
        return OwnerWords.names(value, thread, threads) ? MINE - OwnerWords.context(value, threads) : NOT_MINE;
    }

    private static Map<Integer, Integer> join(Map<Integer, Integer> a, Map<Integer, Integer> b) {
        Map<Integer, Integer> j = new HashMap<>();
        for (var e : a.entrySet()) {
            if (Objects.equals(b.get(e.getKey()), e.getValue())) j.put(e.getKey(), e.getValue());
        }
        return j;
    }

    /** The facts after the command runs; null if it never can. */
    private Map<Integer, Integer> after(int thread, Command c, Map<Integer, Integer> before) {
        for (Expr g : c.guard()) {
            if (Expr.isFalse(substitute(g, before, thread))) return null;
        }
        Map<Integer, Integer> known = refined(thread, c, before);
        Map<Integer, Integer> after = new HashMap<>(known);
        for (Command.Effect e : c.effects()) {
            Expr v = substitute(e.value(), known, thread);
            after.remove(e.field());
            if (v instanceof Expr.Const k) {
                if (only[thread].get(e.field())) after.put(e.field(), k.value());
                else if (owners.get(e.field())) after.put(e.field(), category(k.value(), thread));
            }
        }
        return after;
    }

    /** The facts plus what the guard's {@code field == constant} conjuncts say once it held. */
    private Map<Integer, Integer> refined(int thread, Command c, Map<Integer, Integer> before) {
        Map<Integer, Integer> known = new HashMap<>(before);
        for (Expr g : c.guard()) {
            if (g instanceof Expr.Binary b && b.op() == BinaryOp.EQ && b.left() instanceof Expr.Read r
                    && b.right() instanceof Expr.Const k) {
                if (only[thread].get(r.field())) known.put(r.field(), k.value());
                else if (owners.get(r.field())) known.put(r.field(), category(k.value(), thread));
            }
        }
        return known;
    }

    private Command simplify(ThreadSystem t, Command c, Map<Integer, Integer> at, int id) {
        List<Expr> guard = new ArrayList<>();
        for (Expr g : c.guard()) guard.add(substitute(g, at, t.thread()));
        var simple = Simplify.guard(guard);
        if (simple.isEmpty()) return null;
        Map<Integer, Integer> known = refined(t.thread(), c, at);
        List<Command.Effect> effects = new ArrayList<>();
        for (Command.Effect e : c.effects()) effects.add(new Command.Effect(e.field(), substitute(e.value(), known, t.thread())));
        Command.Kind kind = c.kind();
        if (kind == Command.Kind.EXIT) {
            Map<Integer, Integer> after = after(t.thread(), c, at);
            if (after != null && Expr.isFalse(substitute(t.holdsAny(), after, t.thread()))) kind = Command.Kind.STEP;
        }
        return new Command(id, c.thread(), c.from(), simple.get(), effects, c.to(), kind, c.span(), c.text());
    }

    /** The expression with the thread's known field values in, and atoms about its own holdings decided. */
    private Expr substitute(Expr e, Map<Integer, Integer> known, int thread) {
        return e.accept(new Expr.Visitor<Expr>() {
            public Expr visitConst(Expr.Const x) {
                return x;
            }

            public Expr visitRead(Expr.Read x) {
                Integer v = only[thread].get(x.field()) ? known.get(x.field()) : null;
                return v != null ? Expr.constant(v) : x;
            }

            public Expr visitReadAt(Expr.ReadAt x) {
                List<Expr> elements = x.elements().stream().map(el -> el.accept(this)).toList();
                Expr index = x.index().accept(this);
                if (index instanceof Expr.Const c && c.value() >= 0 && c.value() < elements.size()) return elements.get(c.value());
                return new Expr.ReadAt(elements, index);
            }

            public Expr visitUnary(Expr.Unary x) {
                return Expr.unary(x.op(), x.operand().accept(this));
            }

            public Expr visitBinary(Expr.Binary x) {
                Expr decided = ownership(x, known, thread);
                if (decided != null) return decided;
                return Expr.binary(x.op(), x.left().accept(this), x.right().accept(this));
            }
        });
    }

    /** {@code owner == k} / {@code owner != k} decided by what the thread knows of its own holding, else null. */
    private Expr ownership(Expr.Binary x, Map<Integer, Integer> known, int thread) {
        if ((x.op() != BinaryOp.EQ && x.op() != BinaryOp.NE) || !(x.left() instanceof Expr.Read r)
                || !(x.right() instanceof Expr.Const k) || !owners.get(r.field()) || only[thread].get(r.field())) {
            return null;
        }
        Integer category = known.get(r.field());
        if (category == null) return null;
        Boolean equal = null;
        if (category == NOT_MINE && OwnerWords.names(k.value(), thread, threads)) equal = false;
        if (category <= MINE) equal = k.value() == thread + 1 + (MINE - category) * threads;
        if (equal == null) return null;
        return Expr.constant(equal == (x.op() == BinaryOp.EQ) ? 1 : 0);
    }
}
