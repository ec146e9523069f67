package io.vmlock.symbolic;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.Field;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.explore.system.TransitionSystem;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The order of the fields as levels of the diagram, which decides its size: fields that change
 * together belong near each other, so that a relation touches a short stretch of levels and the
 * states' dependencies stay local.
 */
public final class VariableOrder {
    public enum Kind {
        /** The transition system's own order (globals, objects, then each thread's fields). */
        SYSTEM,
        /**
         * Each thread's own fields together, in thread order; a shared field where the threads that
         * touch it are, on average (weighted by how many of their commands read or write it).
         */
        THREADS,
        /**
         * {@link #THREADS}, then FORCE (Aloul, Markov, Sakallah 2003): a few rounds of moving each
         * field to the mean centre of the commands that touch it, which shortens their spans.
         */
        FORCE
    }

    /** [field] -> level, and [level] -> field. */
    final int[] levelOf;
    final int[] fieldAt;

    private VariableOrder(int[] fieldAt) {
        this.fieldAt = fieldAt;
        this.levelOf = new int[fieldAt.length];
        for (int l = 0; l < fieldAt.length; l++) levelOf[fieldAt[l]] = l;
    }

    static VariableOrder of(TransitionSystem system, Kind kind) {
        int n = system.fields().size();
        if (kind == Kind.SYSTEM) return new VariableOrder(java.util.stream.IntStream.range(0, n).toArray());
        List<int[]> touches = touches(system);
        double[] key = new double[n];
        double[] sum = new double[n];
        int[] count = new int[n];
        int threads = system.threads().size();
        for (ThreadSystem t : system.threads()) {
            for (List<Command> at : t.commands()) {
                for (Command c : at) {
                    for (int f : touched(c, t.positionField())) {
                        sum[f] += t.thread();
                        count[f]++;
                    }
                }
            }
        }
        for (Field f : system.fields()) {
            if (f.threadLocal() && f.thread() >= 0) {
                key[f.id()] = f.thread();
            } else {
                key[f.id()] = count[f.id()] == 0 ? threads : sum[f.id()] / count[f.id()];
            }
        }
        int[] order = sortedBy(key);
        if (kind == Kind.FORCE) order = force(order, touches);
        return new VariableOrder(order);
    }

    /** The fields of {@code key} from smallest key to largest, ties in field order. */
    private static int[] sortedBy(double[] key) {
        return java.util.stream.IntStream.range(0, key.length).boxed()
                .sorted(java.util.Comparator.comparingDouble((Integer f) -> key[f]).thenComparingInt(f -> f))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Rounds of FORCE from {@code order}: each field to the mean of the centres of the commands touching it. */
    private static int[] force(int[] order, List<int[]> touches) {
        int n = order.length;
        int[] best = order.clone();
        long bestSpan = span(best, touches);
        int[] current = order.clone();
        for (int round = 0; round < 50; round++) {
            int[] level = new int[n];
            for (int l = 0; l < n; l++) level[current[l]] = l;
            double[] sum = new double[n];
            int[] count = new int[n];
            for (int[] edge : touches) {
                double centre = 0;
                for (int f : edge) centre += level[f];
                centre /= edge.length;
                for (int f : edge) {
                    sum[f] += centre;
                    count[f]++;
                }
            }
            double[] key = new double[n];
            for (int f = 0; f < n; f++) key[f] = count[f] == 0 ? level[f] : sum[f] / count[f];
            current = sortedBy(key);
            long s = span(current, touches);
            if (s < bestSpan) {
                bestSpan = s;
                best = current.clone();
            }
        }
        return best;
    }

    /** The sum over commands of the levels between the first and last field each touches. */
    static long span(int[] order, List<int[]> touches) {
        int[] level = new int[order.length];
        for (int l = 0; l < order.length; l++) level[order[l]] = l;
        long total = 0;
        for (int[] edge : touches) {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int f : edge) {
                lo = Math.min(lo, level[f]);
                hi = Math.max(hi, level[f]);
            }
            total += hi - lo;
        }
        return total;
    }

    /** Per command, the fields it touches. */
    private static List<int[]> touches(TransitionSystem system) {
        List<int[]> all = new ArrayList<>();
        for (ThreadSystem t : system.threads()) {
            for (List<Command> at : t.commands()) {
                for (Command c : at) all.add(touched(c, t.positionField()));
            }
        }
        return all;
    }

    private static int[] touched(Command c, int positionField) {
        BitSet fields = new BitSet();
        fields.set(positionField);
        for (Expr g : c.guard()) g.fields(fields::set);
        for (Command.Effect e : c.effects()) {
            fields.set(e.field());
            e.value().fields(fields::set);
        }
        return fields.stream().toArray();
    }
}
