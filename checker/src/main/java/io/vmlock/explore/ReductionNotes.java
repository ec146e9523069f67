package io.vmlock.explore;

import java.util.ArrayList;
import java.util.List;

/** With --stats: which reductions a search applied, and why not the others. */
final class ReductionNotes {
    private ReductionNotes() {
    }

    /** Notes on the reductions asked for: applied, or why not. */
    static List<String> of(CompiledSearch search, Explorer.Reductions r) {
        List<String> notes = new ArrayList<>();
        if (r.partialOrder()) {
            String why = search.bound != null && !search.options().reducedBound()
                    ? "the preemption bound counts preemptions on every run, and the "
                    + "runs the reduced graph keeps may need more of them (--reduced-bound counts them on those runs)"
                    : search.options().order() != Explorer.Order.BFS ? "it needs breadth-first search"
                    : search.options().first() && !search.onlyStuckStatesAreFound()
                    ? "with --first the search stops at a shortest trace, and a finding a move, an "
                    + "invariant or an interrupt raises may lie deeper in the reduced graph than it is"
                    : search.por == null ? "the check's budget ran out while its tables were built"
                    : null;
            notes.add(why != null ? "partial-order reduction off: " + why
                    : "partial-order reduction on" + (search.por.needsProviso() ? ", with the cycle proviso" : "")
                    + (search.bound != null ? " (the preemption bound counts the reduced graph's runs, its stubborn "
                    + "sets holding the last thread when it can go on)" : "")
                    + (search.options().first() ? " (under --first too: stuck states, the only findings here, keep "
                    + "their depths in the reduced graph)" : ""));
        }
        if (r.symmetry()) {
            notes.add(search.renamesThreads() ? "symmetry reduction on: copies of replicated threads are interchangeable"
                    : search.livelocks && replicated(search) ? "symmetry reduction off: the livelock check names each copy "
                    + "of a thread that never finishes"
                    : "symmetry reduction: no replicated threads to exploit");
        }
        if (r.deadValues() && search.model.system.resetsDeadValues()) {
            notes.add("dead-value reduction on: a thread's locals and per-thread variables are reset where no path reads them again");
        }
        return notes;
    }

    private static boolean replicated(CompiledSearch search) {
        return search.program.threads().stream().anyMatch(io.vmlock.ir.ThreadDef::replicated);
    }
}
