package io.vmlock.explore.system;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The plainest search of a transition system: lists of ints in a hash set. For tests. */
final class NaiveSearch {
    long states;
    long transitions;
    long stuck;

    static NaiveSearch run(TransitionSystem ts) {
        NaiveSearch r = new NaiveSearch();
        int[] init = ts.initial().stream().mapToInt(Integer::intValue).toArray();
        Set<List<Integer>> seen = new HashSet<>();
        ArrayDeque<int[]> todo = new ArrayDeque<>();
        seen.add(key(init));
        todo.add(init);
        while (!todo.isEmpty()) {
            int[] s = todo.poll();
            if (!admitted(ts, s)) continue;
            int moves = 0;
            for (ThreadSystem t : ts.threads()) {
                for (Command c : t.at(s[t.positionField()])) {
                    if (!c.enabled(f -> s[f])) continue;
                    moves++;
                    int[] n = apply(c, s, t.positionField());
                    if (seen.add(key(n))) todo.add(n);
                }
            }
            r.transitions += moves;
            if (moves == 0) r.stuck++;
        }
        r.states = seen.size();
        return r;
    }

    static boolean admitted(TransitionSystem ts, int[] s) {
        for (Expr inv : ts.invariants()) {
            if (inv.eval(f -> s[f]) == 0) return false;
        }
        return true;
    }

    static int[] apply(Command c, int[] s, int positionField) {
        int[] n = s.clone();
        for (Command.Effect e : c.effects()) n[e.field()] = e.value().eval(f -> s[f]);
        n[positionField] = c.to();
        return n;
    }

    private static List<Integer> key(int[] s) {
        return new ArrayList<>(Arrays.stream(s).boxed().toList());
    }
}
