package io.vmlock.explore;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * A command ready to run on packed states: its guard as compiled conjuncts, its constant writes
 * (the target position among them) as precomputed masks, its computed writes as compiled
 * expressions to encode at run time.
 */
final class Action {
    final Command command;
    final int id;
    final int thread;
    private final Eval[] guard;
    private final int[] constWord;
    private final long[] constClear;
    private final long[] constSet;
    private final int[] field;
    private final Eval[] value;

    Action(Command command, int positionField, Packing packing) {
        this.command = command;
        this.id = command.id();
        this.thread = command.thread();
        this.guard = command.guard().stream().map(Eval::of).toArray(Eval[]::new);
        List<long[]> constants = new ArrayList<>();
        List<Integer> fields = new ArrayList<>();
        List<Eval> values = new ArrayList<>();
        constants.add(new long[] {positionField, command.to()});
        for (Command.Effect e : command.effects()) {
            if (e.value() instanceof Expr.Const k) {
                constants.add(new long[] {e.field(), k.value()});
            } else {
                fields.add(e.field());
                values.add(Eval.of(e.value()));
            }
        }
        this.constWord = new int[constants.size()];
        this.constClear = new long[constants.size()];
        this.constSet = new long[constants.size()];
        for (int i = 0; i < constants.size(); i++) {
            int f = (int) constants.get(i)[0];
            long code = packing.code(f, (int) constants.get(i)[1]);
            constWord[i] = packing.word[f];
            constClear[i] = ~(packing.mask[f] << packing.shift[f]);
            constSet[i] = code << packing.shift[f];
        }
        this.field = fields.stream().mapToInt(Integer::intValue).toArray();
        this.value = values.toArray(Eval[]::new);
    }

    boolean enabled(int[] v) {
        for (Eval g : guard) {
            if (g.eval(v) == 0) return false;
        }
        return true;
    }

    /**
     * The first conjunct of the guard that is false (the guard short-circuits: later ones may not
     * evaluate), or -1 when the action is enabled.
     */
    int falsified(int[] v) {
        for (int i = 0; i < guard.length; i++) {
            if (guard[i].eval(v) == 0) return i;
        }
        return -1;
    }

    /**
     * Writes the successor of {@code state} (decoded as {@code v}) at {@code out[base..]}.
     * Every right-hand side reads the state before the step.
     */
    void apply(long[] state, int from, int[] v, Packing packing, long[] out, int base, int[] scratch) {
        System.arraycopy(state, from, out, base, packing.words);
        for (int i = 0; i < constWord.length; i++) {
            int w = base + constWord[i];
            out[w] = (out[w] & constClear[i]) | constSet[i];
        }
        if (field.length == 0) return;
        for (int i = 0; i < field.length; i++) scratch[i] = value[i].eval(v);
        for (int i = 0; i < field.length; i++) packing.set(out, base, field[i], scratch[i]);
    }

    int computedWrites() {
        return field.length;
    }

    Command.Kind kind() {
        return command.kind();
    }
}
