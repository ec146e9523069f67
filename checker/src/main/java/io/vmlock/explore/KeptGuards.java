package io.vmlock.explore;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.Field;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.explore.system.TransitionSystem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a command can turn another thread's guard conjunct from true to false, when the fields
 * it writes there have it as their only writer: then their values, and those of the fields its
 * writes to them read, change only by that thread's moves, and the values the thread can give
 * them are found by running its control graph alone on those fields (a guard conjunct reading
 * other fields may hold, a write out of range is no move). Any reachable state projects onto one
 * of those runs, so a "no" holds in every reachable state. {@code j_commit_sequence = commit_tid} of kjournald2, the
 * only writer, never lowers the sequence below a tid it has reached: a waiter past
 * {@code wait_event(j_commit_sequence >= tid)} stays past it, and waiter and committer commute.
 * On the 7-thread kitchen sink, without that one dependency 294,968 states would have had a
 * cheaper stubborn set (the syncer alone instead of with the committing jbd2); with it gone the
 * search stores 2,170,752 states instead of 3,740,999. A write of a constant needs no only
 * writer ({@link #constantsMayFalsify}): its value is the same whoever wrote the field before.
 */
final class KeptGuards {
    /** Past this many projected states of one thread, or values to try, the answer is "maybe". */
    private static final int MAX_STATES = 1 << 16;
    private static final int MAX_VALUES = 1 << 12;

    private final TransitionSystem system;
    private final List<Field> fields;
    /** [field] -> the only thread writing it (thread-local fields included), -1 for several, -2 for none. */
    private final int[] writer;
    private final Map<List<Object>, Boolean> answers = new ConcurrentHashMap<>();
    private final Map<List<Object>, Boolean> constantAnswers = new ConcurrentHashMap<>();
    /** [thread, tracked fields] -> {@link #reachable}: a thread's writes of one field ask alike. */
    private final Map<List<Object>, List<int[]>> runs = new ConcurrentHashMap<>();
    private static final List<int[]> EXCEEDED = java.util.Collections.unmodifiableList(new ArrayList<>());

    KeptGuards(TransitionSystem system) {
        this.system = system;
        this.fields = system.fields();
        this.writer = new int[fields.size()];
        Arrays.fill(writer, -2);
        for (ThreadSystem t : system.threads()) {
            for (List<Command> at : t.commands()) {
                for (Command c : at) {
                    for (Command.Effect e : c.effects()) {
                        int f = e.field();
                        writer[f] = writer[f] == -2 || writer[f] == c.thread() ? c.thread() : -1;
                    }
                }
            }
        }
    }

    /** Whether another thread may read {@code field}, which one thread alone writes. */
    boolean keepable(int field) {
        return writer[field] >= 0 && !fields.get(field).threadLocal();
    }

    /** Whether {@code thread} is the only thread writing {@code field}. */
    boolean onlyWriter(int field, int thread) {
        return writer[field] == thread;
    }

    /** Whether {@code w} may turn {@code conjunct}, of another thread's guard, from true to false. */
    boolean mayFalsify(Command w, Expr conjunct) {
        return answers.computeIfAbsent(List.of(w.id(), conjunct), k -> decide(w, conjunct));
    }

    /**
     * Whether {@code w} may turn {@code conjunct} from true to false with its writes alone, any
     * thread writing the fields: yes unless every write of w to a field the conjunct reads is a
     * constant and, for every value of those fields, the conjunct holding before means it holds
     * after (truncate's {@code pte_present = false} never falsifies a fault's {@code
     * !pte_present}). Tried on every value as {@link EnablingWrites} does; too many, "maybe".
     */
    boolean constantsMayFalsify(Command w, Expr conjunct) {
        return constantAnswers.computeIfAbsent(List.of(w.effects(), conjunct), k -> decideConstants(w, conjunct));
    }

    private boolean decideConstants(Command w, Expr conjunct) {
        List<Integer> vars = new ArrayList<>();
        conjunct.fields(f -> {
            if (!vars.contains(f)) vars.add(f);
        });
        List<Command.Effect> writes = new ArrayList<>();
        for (Command.Effect e : w.effects()) {
            if (!vars.contains(e.field())) continue;
            if (!(e.value() instanceof Expr.Const)) return true;
            writes.add(e);
        }
        long values = EnablingWrites.assignments(fields, vars, MAX_VALUES);
        if (values < 0) return true;
        int[] before = new int[fields.size()];
        int[] after = new int[fields.size()];
        try {
            for (int n = 0; n < values; n++) {
                EnablingWrites.assign(fields, vars, n, before, after);
                for (Command.Effect e : writes) after[e.field()] = ((Expr.Const) e.value()).value();
                if (conjunct.eval(f -> before[f]) != 0 && conjunct.eval(f -> after[f]) == 0) return true;
            }
        } catch (ArithmeticException | IndexOutOfBoundsException e) {
            return true;
        }
        return false;
    }

    private boolean decide(Command w, Expr conjunct) {
        BitSet read = new BitSet();
        conjunct.fields(read::set);
        BitSet tracked = new BitSet();
        for (Command.Effect e : w.effects()) {
            if (read.get(e.field())) tracked.set(e.field());
        }
        ThreadSystem t = system.threads().get(w.thread());
        if (tracked.isEmpty()) return false;
        if (!close(tracked, t)) return true;
        int[] order = tracked.stream().toArray();
        List<int[]> all = runs.computeIfAbsent(List.of(t.thread(), Arrays.toString(order)), k -> reachable(t, order));
        if (all == EXCEEDED) return true;
        List<int[]> at = all.stream().filter(r -> r[order.length] == w.from()).toList();
        BitSet rest = (BitSet) read.clone();
        rest.andNot(tracked);
        List<Integer> others = rest.stream().boxed().toList();
        long values = EnablingWrites.assignments(fields, others, MAX_VALUES);
        if (values < 0) return true;
        int[] before = new int[fields.size()];
        int[] after = new int[fields.size()];
        try {
            for (int[] s : at) {
                for (int i = 0; i < order.length; i++) before[order[i]] = s[i];
                if (!holds(w.guard(), tracked, before) || !apply(w, tracked, before, after)) continue;
                for (int n = 0; n < values; n++) {
                    EnablingWrites.assign(fields, others, n, before, after);
                    if (conjunct.eval(f -> before[f]) != 0 && conjunct.eval(f -> after[f]) == 0) return true;
                }
            }
        } catch (ArithmeticException | IndexOutOfBoundsException e) {
            return true;
        }
        return false;
    }

    /**
     * Adds to {@code tracked} what the thread's writes to it read, as long as the thread is the
     * only writer of each; false when one has another writer, is open, or the values are too many.
     */
    private boolean close(BitSet tracked, ThreadSystem t) {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (List<Command> at : t.commands()) {
                for (Command c : at) {
                    for (Command.Effect e : c.effects()) {
                        if (!tracked.get(e.field())) continue;
                        BitSet more = new BitSet();
                        e.value().fields(more::set);
                        more.andNot(tracked);
                        if (!more.isEmpty()) {
                            tracked.or(more);
                            grew = true;
                        }
                    }
                }
            }
        }
        long values = 1;
        for (int f = tracked.nextSetBit(0); f >= 0; f = tracked.nextSetBit(f + 1)) {
            Field field = fields.get(f);
            if (writer[f] != t.thread() || field.open()) return false;
            values *= field.high() - field.low() + 1L;
            if (values > MAX_STATES) return false;
        }
        return true;
    }

    /**
     * The values of the {@code order} fields the thread can have, each with its position last,
     * running its commands alone from the initial state; {@link #EXCEEDED} past {@link #MAX_STATES}.
     */
    private List<int[]> reachable(ThreadSystem t, int[] order) {
        BitSet tracked = new BitSet();
        for (int f : order) tracked.set(f);
        List<Integer> initial = system.initial();
        int start = initial.get(t.positionField());
        int[] first = new int[order.length + 1];
        for (int i = 0; i < order.length; i++) first[i] = initial.get(order[i]);
        first[order.length] = start;
        Map<List<Integer>, Boolean> seen = new HashMap<>();
        List<int[]> todo = new ArrayList<>(List.of(first));
        seen.put(key(first), true);
        int[] before = new int[fields.size()];
        int[] after = new int[fields.size()];
        for (int i = 0; i < todo.size(); i++) {
            int[] s = todo.get(i);
            int p = s[order.length];
            for (int j = 0; j < order.length; j++) before[order[j]] = s[j];
            for (Command c : t.at(p)) {
                try {
                    if (!holds(c.guard(), tracked, before) || !apply(c, tracked, before, after)) continue;
                } catch (ArithmeticException | IndexOutOfBoundsException e) {
                    return EXCEEDED; // a write the search would stop at with a finding: not worth telling apart
                }
                int[] next = new int[order.length + 1];
                for (int j = 0; j < order.length; j++) next[j] = after[order[j]];
                next[order.length] = c.to();
                if (seen.putIfAbsent(key(next), true) == null) {
                    if (todo.size() >= MAX_STATES) return EXCEEDED;
                    todo.add(next);
                }
            }
        }
        return todo;
    }

    private static List<Integer> key(int[] s) {
        return Arrays.stream(s).boxed().toList();
    }

    /** The conjuncts of {@code guard} over tracked fields alone hold (the others may). */
    private static boolean holds(List<Expr> guard, BitSet tracked, int[] v) {
        for (Expr g : guard) {
            BitSet read = new BitSet();
            g.fields(read::set);
            read.andNot(tracked);
            if (!read.isEmpty()) continue;
            try {
                if (g.eval(f -> v[f]) == 0) return false;
            } catch (ArithmeticException | IndexOutOfBoundsException e) {
                // an index or divisor an earlier conjunct checks: this one may hold
            }
        }
        return true;
    }

    /** {@code after}: {@code before} with the command's writes to tracked fields; false when one is out of range. */
    private boolean apply(Command c, BitSet tracked, int[] before, int[] after) {
        System.arraycopy(before, 0, after, 0, before.length);
        for (Command.Effect e : c.effects()) {
            if (!tracked.get(e.field())) continue;
            int v = e.value().eval(f -> before[f]);
            Field field = fields.get(e.field());
            if (v < field.low() || v > field.high()) return false;
            after[e.field()] = v;
        }
        return true;
    }
}
