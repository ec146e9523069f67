package io.vmlock.pipeline;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.ir.Expectation;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares a result with a scenario's expect clauses: {@code expect K} needs a finding of kind
 * K, {@code expect not K} forbids one, {@code expect clean} forbids every finding, and a finding
 * whose kind no clause names fails too. An incomplete search meets no expectation.
 */
public final class Expectations {
    private Expectations() {
    }

    /** Why the result does not meet the expectations; empty when it does. */
    static Optional<String> unmet(List<Expectation> expected, CheckResult r) {
        if (!r.complete()) return Optional.of("search incomplete: " + r.incomplete().get());
        TreeSet<String> got = kinds(r);
        List<String> problems = new ArrayList<>();
        TreeSet<String> named = new TreeSet<>();
        for (Expectation e : expected) {
            String id = e.verdict().id();
            if (e.verdict() == Verdict.CLEAN) {
                if (e.negated() == got.isEmpty()) problems.add(e.toString());
            } else if (e.negated()) {
                if (got.contains(id)) problems.add(e.toString());
            } else {
                named.add(id);
                if (!got.contains(id)) problems.add(id);
            }
        }
        boolean clean = expected.stream().anyMatch(e -> e.verdict() == Verdict.CLEAN && !e.negated());
        for (String id : got) {
            if (!clean && !named.contains(id) && problems.stream().noneMatch(p -> p.equals("not " + id))) {
                problems.add("no " + id);
            }
        }
        if (problems.isEmpty()) return Optional.empty();
        return Optional.of("expected " + String.join(", ", problems) + ", got " + describe(got));
    }

    /** The kinds of finding, as {@code vmlock test} lists them: {@code clean} or {@code deadlock, hang}. */
    public static String describe(CheckResult r) {
        return describe(kinds(r));
    }

    private static String describe(TreeSet<String> got) {
        return got.isEmpty() ? "clean" : String.join(", ", got);
    }

    private static TreeSet<String> kinds(CheckResult r) {
        TreeSet<String> got = new TreeSet<>();
        for (Finding f : r.findings()) got.add(f.verdict().id());
        return got;
    }
}
