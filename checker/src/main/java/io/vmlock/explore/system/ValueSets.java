package io.vmlock.explore.system;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * The values each field of a transition system can ever hold, found before the search: its
 * initial value, every constant written to it, and for a computed write every value its
 * expression can take when each field it reads holds any value of that field's set, iterated
 * until no set grows. The packing codes a field by the index of its value in its set, so a local
 * that only ever holds a function's two results takes one bit, not the 32 of its declared range.
 *
 * <p>Why it is sound (every reachable state's every field holds a value of its set, or the field is
 * unknown): by induction on the search. The initial state's values are in the sets. A successor is
 * the state with one command's effects applied (and the thread's position moved to the command's
 * target, a constant write); an effect's value is its expression evaluated in the state before,
 * where by induction each field read holds a value of its set, so the value is one of the
 * expression's evaluations over the combinations of those sets, which is what this analysis adds
 * (it evaluates sub-expressions independently and ignores guards, which only over-approximates). An
 * evaluation that fails at run time (an index outside its array, division by zero) yields no value
 * there either, and {@code &&} and {@code ||} skip their right side as at run time. A computed
 * write never leaves a non-open field's declared range: an assignment outside its target's range is
 * compiled to a finding that stops the thread without writing ({@code Translate.between}), the lock
 * and completion rules guard their counts, and the packing has always refused, as an internal
 * error, a value outside the range of a field coded by its range, as every field with a computed
 * write was; so those values are dropped (constants are kept as written, as the packing kept them).
 * What the analysis does not know (a set past {@link #CAP} or grown in more than {@link #ROUNDS}
 * rounds, an operation over more than {@link #COMBINATIONS} operand pairs, an open field with a
 * computed write, whose nesting depth only the program's structure bounds) is unknown, and reading
 * an unknown field gives an unknown value, except that a comparison or logical operator still gives
 * 0 or 1. As the sets hold every value of every reachable state, they hold those of the states the
 * reductions make: symmetry reduction's renamed states are reachable (renaming copies of a thread
 * is an automorphism of the state graph), and partial-order reduction visits some of them.
 */
public final class ValueSets {
    /** A field with more values than this is given up (unknown: coded by its range). */
    public static final int CAP = 4096;
    /** An operation over more pairs of operand values than this gives up its result. */
    static final long COMBINATIONS = 1 << 16;
    /**
     * A field whose set grew in more rounds than this is counting ({@code i = i + 1}): given up
     * at once, rather than a round per value up to the cap or its range (which, at more values
     * than this, code in about as many bits as its values would).
     */
    static final int ROUNDS = 64;
    private static final int[] TRUTHS = {0, 1};

    private final List<Field> fields;
    /** Per field its values, null once unknown. */
    private final List<TreeSet<Integer>> sets = new ArrayList<>();
    /** Per field its current values as a sorted array (what reads see), null when unknown. */
    private final int[][] snapshot;
    /** Per field how many computed writes have grown its set. */
    private final int[] rounds;

    private ValueSets(List<Field> fields, List<Integer> initial) {
        this.fields = List.copyOf(fields);
        this.snapshot = new int[fields.size()][];
        this.rounds = new int[fields.size()];
        for (int f = 0; f < fields.size(); f++) {
            TreeSet<Integer> s = new TreeSet<>();
            s.add(initial.get(f));
            sets.add(s);
            snapshot[f] = new int[] {initial.get(f)};
        }
    }

    /** The sets of a compiled system: its effects and every command's move of its thread's position. */
    public static ValueSets of(TransitionSystem system) {
        List<Command.Effect> writes = new ArrayList<>();
        for (ThreadSystem t : system.threads()) {
            for (List<Command> at : t.commands()) {
                for (Command c : at) {
                    writes.add(new Command.Effect(t.positionField(), Expr.constant(c.to())));
                    writes.addAll(c.effects());
                }
            }
        }
        return of(system.fields(), system.initial(), writes);
    }

    /** The sets for fields with these initial values, written by these effects (in any state, any order). */
    public static ValueSets of(List<Field> fields, List<Integer> initial, List<Command.Effect> writes) {
        ValueSets v = new ValueSets(fields, initial);
        v.solve(writes);
        return v;
    }

    /** The sorted values a field can hold, or null when unknown. */
    public int[] values(int field) {
        return snapshot[field] == null ? null : snapshot[field].clone();
    }

    private void solve(List<Command.Effect> writes) {
        List<List<Command.Effect>> readers = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) readers.add(new ArrayList<>());
        Deque<Command.Effect> work = new ArrayDeque<>();
        for (Command.Effect w : writes) {
            if (w.value() instanceof Expr.Const k) {
                add(w.field(), new int[] {k.value()}, false);
            } else if (fields.get(w.field()).open()) {
                giveUp(w.field()); // a nesting depth: the layout widens it as the search needs
            } else {
                w.value().fields(f -> readers.get(f).add(w));
                work.add(w);
            }
        }
        while (!work.isEmpty()) {
            Command.Effect w = work.poll();
            int f = w.field();
            if (sets.get(f) == null) continue;
            int[] values = eval(w.value());
            boolean grew = values == null ? giveUp(f) : add(f, values, true);
            if (grew && ++rounds[f] > ROUNDS) giveUp(f);
            if (grew) work.addAll(readers.get(f));
        }
    }

    /** Adds values to a field's set, those of a computed write only within a non-open field's range; whether it grew. */
    private boolean add(int field, int[] values, boolean computed) {
        TreeSet<Integer> s = sets.get(field);
        if (s == null) return false;
        Field f = fields.get(field);
        boolean grew = false;
        for (int v : values) {
            if (computed && !f.open() && (v < f.low() || v > f.high())) continue; // a finding, never a value
            grew |= s.add(v);
        }
        if (!grew) return false;
        if (s.size() > CAP) return giveUp(field);
        snapshot[field] = s.stream().mapToInt(Integer::intValue).toArray();
        return true;
    }

    private boolean giveUp(int field) {
        if (sets.get(field) == null) return false;
        sets.set(field, null);
        snapshot[field] = null;
        return true;
    }

    /** The values an expression can take, sorted; null when unknown. */
    private int[] eval(Expr e) {
        return e.accept(new Expr.Visitor<int[]>() {
            public int[] visitConst(Expr.Const x) {
                return new int[] {x.value()};
            }

            public int[] visitRead(Expr.Read x) {
                return snapshot[x.field()];
            }

            public int[] visitReadAt(Expr.ReadAt x) {
                int[] index = eval(x.index());
                TreeSet<Integer> out = new TreeSet<>();
                for (int i = 0; i < x.elements().size(); i++) {
                    if (index != null && java.util.Arrays.binarySearch(index, i) < 0) continue;
                    int[] element = eval(x.elements().get(i));
                    if (element == null) return null;
                    for (int v : element) out.add(v);
                }
                return sorted(out);
            }

            public int[] visitUnary(Expr.Unary x) {
                int[] a = eval(x.operand());
                if (x.op() == UnaryOp.NOT) return a == null ? TRUTHS : map(a, v -> v == 0 ? 1 : 0);
                return a == null ? null : map(a, v -> Expr.apply(UnaryOp.NEG, v));
            }

            public int[] visitBinary(Expr.Binary x) {
                return binary(x.op(), eval(x.left()), eval(x.right()));
            }
        });
    }

    private static int[] binary(BinaryOp op, int[] l, int[] r) {
        if (op.isLogical()) return logical(op, l == null ? TRUTHS : l, r == null ? TRUTHS : r);
        if (l == null || r == null || (long) l.length * r.length > COMBINATIONS) {
            return op.isComparison() ? TRUTHS : null;
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (int a : l) {
            for (int b : r) {
                var v = op.apply(a, b); // the one definition of the operators; Eval's int arithmetic agrees
                if (v.isPresent()) out.add((int) v.getAsLong()); // division by zero: no value at run time either
            }
        }
        return sorted(out);
    }

    /** {@code &&} and {@code ||} as at run time: the right side only where the left does not decide. */
    private static int[] logical(BinaryOp op, int[] l, int[] r) {
        boolean decides = false;
        boolean passes = false;
        for (int a : l) {
            if ((a != 0) == (op == BinaryOp.OR)) decides = true;
            else passes = true;
        }
        TreeSet<Integer> out = new TreeSet<>();
        if (decides) out.add(op == BinaryOp.OR ? 1 : 0);
        if (passes) {
            for (int b : r) out.add(b != 0 ? 1 : 0);
        }
        return sorted(out);
    }

    private static int[] map(int[] a, java.util.function.IntUnaryOperator op) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int v : a) out.add(op.applyAsInt(v));
        return sorted(out);
    }

    private static int[] sorted(TreeSet<Integer> s) {
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
