package io.vmlock.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.pipeline.Compilation;
import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relation built whole ({@link StaticRelation}) against the one learned: after a breadth-first
 * search that learned every group's relation on every reachable projection, the static relation
 * kept to those projections is the learned relation, tuple for tuple, and its enabled projections
 * there are the learned ones. On the examples and on random scenarios (invariants, interrupts),
 * under every grouping.
 */
class StaticRelationTest {
    private static final int RANDOM_MODELS = 120;

    /** {groups compared, groups built whole}. */
    private static int[] compare(TransitionSystem ts, SymbolicReach.Grouping grouping, String name) {
        return Ldd.onBigStack(() -> {
            SymbolicReach r = new SymbolicReach(ts, new SymbolicReach.Options(grouping, VariableOrder.Kind.FORCE,
                    SymbolicReach.Strategy.BFS, 60, null, false));
            SymbolicReach.Result result = r.reach();
            assertTrue(result.complete(), name);
            Ldd ldd = r.ldd();
            int built = 0;
            for (Group g : r.groups()) {
                var whole = StaticRelation.of(ldd, g, ts.fields(), r.fieldAt(), ts.invariants(), SymbolicReach.STATIC_BUDGET);
                if (whole.isEmpty()) continue;
                built++;
                int kept = ldd.match(whole.getAsInt(), g.learned, g.beforeMeta, 0);
                assertEquals(ldd.count(g.relation), ldd.count(kept), name + ": tuples of " + g.commands);
                assertEquals(g.relation, kept, name + ": " + g.commands);
                int enabled = ldd.intersect(ldd.project(whole.getAsInt(), g.beforeMeta, 0), g.learned);
                assertEquals(g.enabled, enabled, name + ": enabled projections of " + g.commands);
            }
            return new int[] {r.groups().size(), built};
        });
    }

    @Test
    void wholeRelationsAreTheLearnedOnesOnExamples() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Scenarios.root().resolve("examples"))) {
            files = s.filter(p -> p.toString().endsWith(".vmlock")).sorted().toList();
        }
        int groups = 0;
        int built = 0;
        int i = 0;
        for (Path file : files) {
            Compilation c = Scenarios.compile(file);
            if (!c.ok()) continue;
            Optional<TransitionSystem> ts = SymbolicReachTest.compiled(c.lower().orElseThrow());
            if (ts.isEmpty() || ts.get().fields().size() > 120) continue; // small ones: each is searched to the end
            SymbolicReach.Grouping g = SymbolicReach.Grouping.values()[i++ % SymbolicReach.Grouping.values().length];
            int[] n = compare(ts.get(), g, file + " " + g);
            groups += n[0];
            built += n[1];
        }
        assertTrue(built > groups / 2, "most groups built whole: " + built + " of " + groups);
    }

    @Test
    void wholeRelationsAreTheLearnedOnesOnRandomScenarios(@TempDir Path dir) throws IOException {
        List<String> withInvariants = new ArrayList<>();
        int groups = 0;
        int built = 0;
        for (int i = 0; i < RANDOM_MODELS; i++) {
            SymbolicReachTest.Generated m = SymbolicReachTest.generated(dir, 9_000_000, i);
            String source = m.source();
            Optional<TransitionSystem> ts = SymbolicReachTest.compiled(m.ir());
            if (ts.isEmpty()) continue;
            SymbolicReach.Grouping g = SymbolicReach.Grouping.values()[i % SymbolicReach.Grouping.values().length];
            int[] n = compare(ts.get(), g, "model " + i + " " + g + ":\n" + source);
            groups += n[0];
            built += n[1];
            if (!ts.get().invariants().isEmpty() && n[1] > 0) withInvariants.add("m" + i);
        }
        assertTrue(built > groups / 2, "most groups built whole: " + built + " of " + groups);
        assertTrue(withInvariants.size() > 5, "scenarios with invariants and relations built whole: " + withInvariants);
    }
}
