package io.vmlock.explore;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a command can be the move that makes a false guard conjunct true: some state where
 * the conjunct is false and the command runs must lead to one where it holds. Decided by trying
 * every value of the fields the conjunct and the command's writes to them read, each in the range
 * the compiler guarantees, keeping only those where the command's own guard (the conjuncts over
 * those fields) holds and its writes stay in range. Any real move projects onto one of them, so a
 * "no" is exact; open fields or too many values answer "maybe". A decrement never makes
 * {@code x > 0} true, a write of {@code 1} never makes {@code x == 0} true, clearing one of two
 * flags never makes "not both clear" true: the threads whose future holds only such writes are
 * no enablers (on the 9-thread kitchen sink, the threads that clean pages were enablers of every
 * wait for a dirty page).
 */
final class EnablingWrites {
    /** Past this many values to try, the answer is "maybe" (the kitchen sink's largest needs 64). */
    private static final int MAX_VALUES = 1 << 12;

    private final List<Field> fields;
    /** Shared by the workers that build rows; alike threads ask the same questions. */
    private final Map<List<Object>, Boolean> answers = new ConcurrentHashMap<>();

    EnablingWrites(List<Field> fields) {
        this.fields = fields;
    }

    /** Whether {@code c} may turn {@code conjunct} from false to true. */
    boolean mayEnable(Command c, Expr conjunct) {
        return answers.computeIfAbsent(List.of(conjunct, c.guard(), c.effects()), k -> decide(c, conjunct));
    }

    private boolean decide(Command c, Expr conjunct) {
        List<Integer> vars = new ArrayList<>();
        conjunct.fields(f -> add(vars, f));
        List<Command.Effect> writes = new ArrayList<>();
        for (Command.Effect e : c.effects()) {
            if (vars.contains(e.field())) writes.add(e);
        }
        if (writes.isEmpty()) return false;
        for (Command.Effect e : writes) e.value().fields(f -> add(vars, f));
        long values = assignments(fields, vars, MAX_VALUES);
        if (values < 0) return true;
        List<Expr> guard = new ArrayList<>();
        for (Expr g : c.guard()) {
            List<Integer> read = new ArrayList<>();
            g.fields(read::add);
            if (vars.containsAll(read)) guard.add(g);
        }
        try {
            return anyEnables(c, conjunct, vars, writes, guard, (int) values);
        } catch (ArithmeticException | IndexOutOfBoundsException e) {
            return true;
        }
    }

    private boolean anyEnables(Command c, Expr conjunct, List<Integer> vars, List<Command.Effect> writes,
                               List<Expr> guard, int values) {
        int[] before = new int[fields.size()];
        int[] after = new int[fields.size()];
        for (int n = 0; n < values; n++) {
            assign(fields, vars, n, before, after);
            if (!holds(guard, before) || conjunct.eval(f -> before[f]) != 0) continue;
            boolean inRange = true;
            for (Command.Effect e : writes) {
                int v = e.value().eval(f -> before[f]);
                Field field = fields.get(e.field());
                inRange &= v >= field.low() && v <= field.high();
                after[e.field()] = v;
            }
            if (inRange && conjunct.eval(f -> after[f]) != 0) return true;
        }
        return false;
    }

    /** How many ways to give the fields their values; -1 when one is open or there are more than {@code max}. */
    static long assignments(List<Field> fields, List<Integer> vars, long max) {
        long values = 1;
        for (int f : vars) {
            Field field = fields.get(f);
            if (field.open()) return -1;
            values *= field.high() - field.low() + 1L;
            if (values > max) return -1;
        }
        return values;
    }

    /** Gives the fields, in {@code into} and {@code copy} both, the {@code n}th of their {@link #assignments}. */
    static void assign(List<Field> fields, List<Integer> vars, int n, int[] into, int[] copy) {
        int rest = n;
        for (int f : vars) {
            Field field = fields.get(f);
            int size = field.high() - field.low() + 1;
            into[f] = field.low() + rest % size;
            copy[f] = into[f];
            rest /= size;
        }
    }

    private static boolean holds(List<Expr> guard, int[] v) {
        for (Expr g : guard) {
            if (g.eval(f -> v[f]) == 0) return false;
        }
        return true;
    }

    private static void add(List<Integer> vars, int field) {
        if (!vars.contains(field)) vars.add(field);
    }
}
