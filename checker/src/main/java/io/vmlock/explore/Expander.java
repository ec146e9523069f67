package io.vmlock.explore;

/**
 * One worker's successor function on packed states: decode once, then per thread the actions of
 * its position, in move order; each enabled one writes its successor straight into packed words.
 */
final class Expander {
    private final CompiledModel model;
    private final PackedStore store;
    private final Packing packing;
    final int[] values;
    private final int[] scratch;

    Expander(CompiledModel model, PackedStore store) {
        this.model = model;
        this.store = store;
        this.packing = model.packing;
        this.values = new int[packing.fields];
        this.scratch = new int[Math.max(1, model.maxComputedWrites)];
    }

    /** Every move of the state {@code words[from..]}, appended to {@code out} as state {@code id}. */
    void expand(int id, long[] words, int from, Expansion out) {
        packing.decode(words, from, values);
        out.startState(id);
        for (int t = 0; t < model.threads; t++) {
            for (Action a : model.actions[t][values[model.positionField[t]]]) {
                if (a.enabled(values)) move(a, words, from, out);
            }
        }
    }

    void move(Action a, long[] words, int from, Expansion out) {
        int m = out.addMove(a.id);
        int base = m * packing.words;
        a.apply(words, from, values, packing, out.successor, base, scratch);
        long h = PackedStore.hash(out.successor, base, packing.words);
        out.hash[m] = h;
        out.known[m] = store.find(out.successor, base, h);
    }
}
