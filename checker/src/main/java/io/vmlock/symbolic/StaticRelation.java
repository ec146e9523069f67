package io.vmlock.symbolic;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A group's whole relation built once from its commands, without learning: for each command, the
 * (before, after) tuples of every projection in the box of the fields' ranges ({@link Field#low}
 * to {@link Field#high}; the thread's position pinned to the command's, a field a conjunct
 * {@code f == k} pins to k) on which the group's learning would find it enabled, invariants
 * included. The box holds every reachable projection, so on the reachable states the relation is
 * the learned one; tuples of unreachable projections are never met.
 *
 * <p>Built as a diagram level by level, not tuple by tuple: a conjunct is checked at its last
 * field's level, an after value computed at its field's; the diagram below a level depends only on
 * the values above it that a later conjunct or right-hand side reads, so it is made once per such
 * assignment (a field no later check reads costs one chain of its range, shared by every path).
 *
 * <p>Gives up (the group learns instead) on an {@code open} field not pinned (its range is no
 * bound), a right-hand side reading a field below its target, a conjunct that fails to evaluate
 * out of its guard's order, or more than {@code budget} steps of work.
 */
final class StaticRelation {
    private final Ldd ldd;
    private final Group group;
    private final List<Field> fields;
    private final int[] fieldAt;
    private final int[] scratch;
    private final Expr.Values values;
    private final int budget;
    private long work;

    /** Thrown to give up: learning will do. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            this("?");
        }
        GiveUp(String why) {
            super(why, null, false, false);
        }
    }

    private StaticRelation(Ldd ldd, Group group, List<Field> fields, int[] fieldAt, int budget) {
        this.ldd = ldd;
        this.group = group;
        this.fields = fields;
        this.fieldAt = fieldAt;
        this.scratch = new int[fields.size() + group.touchedLevels.length];
        this.values = f -> scratch[f];
        this.budget = budget;
    }

    /** The group's relation (metadata {@link Group#relationMeta}), or empty when it must be learned. */
    static OptionalInt of(Ldd ldd, Group group, List<Field> fields, int[] fieldAt, List<Expr> invariants, int budget) {
        StaticRelation s = new StaticRelation(ldd, group, fields, fieldAt, budget);
        int relation = Ldd.FALSE;
        try {
            for (Command c : group.commands) relation = ldd.union(relation, s.command(c, invariants));
        } catch (GiveUp e) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(relation);
    }

    /** One command's part of the relation. */
    private int command(Command c, List<Expr> invariants) {
        int[] levels = group.touchedLevels;
        int[] kinds = group.touchedKinds;
        int n = levels.length;
        int fieldCount = fields.size();
        // [field] -> its position among the touched levels, -1 if untouched; then, from fieldCount on,
        // one stand-in field per level for its value after, when its right-hand side reads levels below it
        int[] index = new int[fieldCount + n];
        Arrays.fill(index, -1);
        for (int i = 0; i < n; i++) {
            index[fieldAt[levels[i]]] = i;
            index[fieldCount + i] = i;
        }
        // the conjuncts (the guard's, then the invariants, as learning checks them) by the level that completes them
        List<List<Expr>> checks = new ArrayList<>();
        for (int i = 0; i < n; i++) checks.add(new ArrayList<>());
        List<Expr> conjuncts = new ArrayList<>(c.guard());
        conjuncts.addAll(invariants);
        int[][] domain = new int[n][];
        // the right-hand side of each written level, unless it reads a level below (then a check there)
        Expr[] after = new Expr[n];
        int[][] afterRange = new int[n][];
        for (Command.Effect e : c.effects()) {
            int i = index[e.field()];
            if (last(e.value(), index) <= i) {
                after[i] = e.value();
                continue;
            }
            // the value after ranges over the field's range; the level completing the right-hand side keeps the one it makes
            Field target = fields.get(e.field());
            if (target.open()) throw new GiveUp("open " + target.name());
            afterRange[i] = range(target);
            conjuncts.add(Expr.eq(e.value(), Expr.read(fieldCount + i)));
        }
        for (Expr e : conjuncts) {
            int l = last(e, index);
            if (l < 0) { // constant: learning would evaluate it the same on every tuple
                if (eval(e) == 0) return Ldd.FALSE;
                continue;
            }
            checks.get(l).add(e);
            pinned(e).ifPresent(p -> {
                if (p[0] < fieldCount) domain[index[p[0]]] = new int[] {p[1]};
            });
        }
        for (int i = 0; i < n; i++) {
            int f = fieldAt[levels[i]];
            if (kinds[i] == Ldd.WRITE) continue;
            if (f == group.positionField) {
                domain[i] = new int[] {c.from()};
            } else if (domain[i] == null) {
                Field field = fields.get(f);
                if (field.open()) throw new GiveUp("open " + field.name());
                domain[i] = range(field);
            }
        }
        // [i] -> the fields above level i that some check or right-hand side at i or below reads
        int[][] live = new int[n + 1][];
        java.util.BitSet needed = new java.util.BitSet();
        live[n] = new int[0];
        for (int i = n - 1; i >= 0; i--) {
            for (Expr e : checks.get(i)) e.fields(needed::set);
            if (after[i] != null) after[i].fields(needed::set);
            needed.clear(fieldAt[levels[i]]);
            needed.clear(fieldCount + i);
            live[i] = needed.stream().toArray();
        }
        return new Build(c, domain, checks, after, afterRange, live).level(0);
    }

    /** The last touched level among the fields {@code e} reads, -1 for none. */
    private static int last(Expr e, int[] index) {
        int[] last = {-1};
        e.fields(f -> last[0] = Math.max(last[0], index[f]));
        return last[0];
    }

    private int[] range(Field field) {
        spend((long) field.high() - field.low() + 1);
        return java.util.stream.IntStream.rangeClosed(field.low(), field.high()).toArray();
    }

    /** One command's diagram, level by level, made once per assignment of the live fields above. */
    private final class Build {
        private final Command c;
        private final int[][] domain;
        private final List<List<Expr>> checks;
        private final Expr[] after;
        private final int[][] afterRange;
        private final int[][] live;
        private final Map<Key, Integer> memo = new HashMap<>();

        Build(Command c, int[][] domain, List<List<Expr>> checks, Expr[] after, int[][] afterRange, int[][] live) {
            this.c = c;
            this.domain = domain;
            this.checks = checks;
            this.after = after;
            this.afterRange = afterRange;
            this.live = live;
        }

        int level(int i) {
            if (i == domain.length) return Ldd.TRUE;
            int[] liveValues = new int[live[i].length];
            for (int k = 0; k < liveValues.length; k++) liveValues[k] = scratch[live[i][k]];
            Key key = new Key(i, liveValues);
            Integer known = memo.get(key);
            if (known != null) return known;
            spend(1);
            int f = fieldAt[group.touchedLevels[i]];
            int kind = group.touchedKinds[i];
            int r;
            if (kind == Ldd.WRITE) {
                r = afterChain(i, f);
            } else {
                r = Ldd.FALSE;
                int[] vs = domain[i];
                for (int k = vs.length - 1; k >= 0; k--) { // a chain is made from its largest value
                    spend(1);
                    scratch[f] = vs[k];
                    int down;
                    if (kind == Ldd.READ_WRITE) {
                        down = afterChain(i, f);
                    } else {
                        down = holds(checks.get(i)) ? level(i + 1) : Ldd.FALSE;
                    }
                    r = ldd.node(vs[k], down, r);
                }
            }
            memo.put(key, r);
            return r;
        }

        /** The values after of level {@code i} (its value before set), each followed by the levels below. */
        private int afterChain(int i, int f) {
            int virtual = fields.size() + i;
            if (afterRange[i] == null) {
                if (!holds(checks.get(i))) return Ldd.FALSE;
                int a = afterValue(c, f, after[i]);
                return ldd.node(a, level(i + 1), Ldd.FALSE);
            }
            int r = Ldd.FALSE;
            int before = scratch[f];
            for (int k = afterRange[i].length - 1; k >= 0; k--) {
                spend(1);
                scratch[f] = before;
                scratch[virtual] = afterRange[i][k];
                if (!holds(checks.get(i))) continue;
                r = ldd.node(afterRange[i][k], level(i + 1), r);
            }
            return r;
        }
    }

    /** The value after {@code c} of field {@code f}: its right-hand side, the position moved, or the value kept. */
    private int afterValue(Command c, int f, Expr rhs) {
        if (f == group.positionField) return c.to();
        return rhs != null ? eval(rhs) : scratch[f];
    }

    private boolean holds(List<Expr> conjuncts) {
        for (Expr e : conjuncts) {
            if (eval(e) == 0) return false;
        }
        return true;
    }

    /** A conjunct evaluated before the conjuncts the guard puts ahead of it may fail (an index out of range): give up then. */
    private int eval(Expr e) {
        try {
            return e.eval(values);
        } catch (RuntimeException failed) {
            throw new GiveUp("eval " + failed);
        }
    }

    private void spend(long steps) {
        work += steps;
        if (work > budget) throw new GiveUp("budget");
    }

    /** {field, value} of a conjunct {@code field == value} (either way round). */
    private static java.util.Optional<int[]> pinned(Expr e) {
        // compared with the equality the factory makes: the operators are the syntax tree's, which this package does not read
        if (!(e instanceof Expr.Binary b)) return java.util.Optional.empty();
        if (b.left() instanceof Expr.Read r && b.right() instanceof Expr.Const k && e.equals(Expr.eq(r, k))) {
            return java.util.Optional.of(new int[] {r.field(), k.value()});
        }
        if (b.right() instanceof Expr.Read r && b.left() instanceof Expr.Const k && e.equals(Expr.eq(k, r))) {
            return java.util.Optional.of(new int[] {r.field(), k.value()});
        }
        return java.util.Optional.empty();
    }

    private record Key(int level, int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.level == level && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * level + Arrays.hashCode(values);
        }
    }
}
