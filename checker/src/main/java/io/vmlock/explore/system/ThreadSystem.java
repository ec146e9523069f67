package io.vmlock.explore.system;

import java.util.List;
import java.util.Objects;

/**
 * One thread's part of a transition system: its positions, the commands leaving each (in the
 * order the explorer makes its moves), and when it holds any lock (checked when it ends).
 */
public record ThreadSystem(int thread, int positionField, List<Position> positions, List<List<Command>> commands,
                           Expr holdsAny) {
    public ThreadSystem {
        positions = List.copyOf(positions);
        commands = commands.stream().map(List::copyOf).toList();
        Objects.requireNonNull(holdsAny);
    }

    public List<Command> at(int position) {
        return commands.get(position);
    }
}
