package io.vmlock.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's findings against a baseline ({@code --baseline}): each new or known, and the known
 * ones that are gone. Matched as {@link Baseline#compare} does, by file and fingerprint, a copy
 * per entry. Without a baseline every finding is new and nothing is gone.
 */
public final class Triage {
    /** A finding's standing, as SARIF's baselineState names it. */
    public enum State {
        NEW("new"), KNOWN("unchanged");

        private final String sarif;

        State(String sarif) {
            this.sarif = sarif;
        }

        public String sarif() {
            return sarif;
        }
    }

    private final boolean baselined;
    private final List<List<State>> states;
    private final List<Baseline.Entry> gone;

    private Triage(boolean baselined, List<List<State>> states, List<Baseline.Entry> gone) {
        this.baselined = baselined;
        this.states = states;
        this.gone = List.copyOf(gone);
    }

    static Triage of(Report report) {
        Optional<Baseline> known = report.baseline();
        List<Baseline.Entry> unmatched = new ArrayList<>(known.map(Baseline::entries).orElse(List.of()));
        List<List<State>> states = new ArrayList<>();
        for (ScenarioReport s : report.scenarios()) {
            List<State> here = new ArrayList<>();
            for (Baseline.Entry e : Baseline.entries(s, Baseline.relative(report.sourceRoot(), s.file()))) {
                Optional<Baseline.Entry> match = unmatched.stream().filter(e::sameFinding).findFirst();
                match.ifPresent(unmatched::remove);
                here.add(match.isPresent() ? State.KNOWN : State.NEW);
            }
            states.add(List.copyOf(here));
        }
        return new Triage(known.isPresent(), states, known.isPresent() ? unmatched : List.of());
    }

    /** Whether a baseline was given: then known findings are marked and do not fail. */
    public boolean baselined() {
        return baselined;
    }

    /** The state of finding {@code finding} of scenario {@code scenario}, both in report order. */
    public State state(int scenario, int finding) {
        return states.get(scenario).get(finding);
    }

    /** Baseline entries no finding of this run matches. */
    public List<Baseline.Entry> gone() {
        return gone;
    }
}
