package io.vmlock.explore;

import java.util.HashMap;
import java.util.Map;

/**
 * Parent links found again instead of stored: a state's parent is the first state of the level
 * before it, in id order, with a move to it. That is the one the search stored it under, since
 * the merge adds successors in state order, so the traces are the ones stored links would give.
 * Each trace costs at most one more expansion of the levels above its state.
 */
final class Parents {
    private final CompiledSearch search;
    /** Parents found so far: a trace's states are asked for again when it is written. */
    private final Map<Integer, Integer> found = new HashMap<>();
    private Expander expander;
    private Expansion moves;
    private long[] state;
    private long[] target;

    Parents(CompiledSearch search) {
        this.search = search;
    }

    int of(int id) {
        if (id == 0) return -1;
        Integer known = found.get(id);
        if (known != null) return known;
        int parent = search(id);
        found.put(id, parent);
        return parent;
    }

    private int search(int id) {
        int words = search.store.words;
        if (expander == null) {
            expander = search.expander();
            moves = new Expansion(words);
            state = new long[words];
            target = new long[words];
        }
        search.store.get(id, target, 0);
        int depth = search.depthOf(id);
        int end = search.levelStart(depth);
        for (int p = search.levelStart(depth - 1); p < end; p++) {
            if (!search.explored(p)) continue;
            search.store.get(p, state, 0);
            moves.clear();
            expander.expand(p, state, 0, moves);
            for (int m = 0; m < moves.moves; m++) {
                if (reaches(moves, m, words)) return p;
            }
        }
        throw new IllegalStateException("no state of level " + (depth - 1) + " moves to state " + id);
    }

    private boolean reaches(Expansion e, int m, int words) {
        for (int w = 0; w < words; w++) {
            if (e.successor[m * words + w] != target[w]) return false;
        }
        return true;
    }
}
