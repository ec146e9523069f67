package io.vmlock.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmlock.diag.Diagnostic;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.GraphPassStats;
import io.vmlock.findings.SearchStats;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;

/**
 * The machine-readable report, described by {@code schemas/vmlock-report-1.json}: every scenario
 * with its verdict, findings, traces, wait-for cycle, lock-order graph and statistics. A field is
 * added without a version change; renaming or removing one makes {@code vmlock-report-2}.
 */
public final class JsonReport {
    public static final String SCHEMA_ID = "vmlock-report-1";

    private JsonReport() {
    }

    public static String render(Report report) {
        ObjectNode root = Json.object();
        root.put("schema", SCHEMA_ID);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "vmlock");
        tool.put("version", report.toolVersion());
        root.put("command", report.command());
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioReport s : report.scenarios()) scenarios.add(scenario(s));
        // only when there is one: the reports of valid runs stay as they were
        if (!report.invalid().isEmpty()) {
            ArrayNode invalid = root.putArray("invalidInputs");
            for (InvalidInput i : report.invalid()) invalid.add(invalidInput(i));
        }
        return Json.print(root);
    }

    /** A file that could not be checked, with its errors. */
    private static ObjectNode invalidInput(InvalidInput input) {
        ObjectNode n = Json.object();
        n.put("file", input.file());
        n.put("verdict", "invalid");
        ArrayNode errors = n.putArray("errors");
        for (Diagnostic d : input.errors()) {
            ObjectNode e = errors.addObject();
            e.put("code", d.code().id());
            e.put("message", d.message());
            e.set("location", Json.span(d.span()));
            e.set("notes", Json.strings(d.notes()));
        }
        return n;
    }

    private static ObjectNode scenario(ScenarioReport s) {
        CheckResult r = s.result();
        ObjectNode n = Json.object();
        n.put("file", r.file());
        n.put("verdict", s.verdict());
        n.put("summary", TextReport.summary(r));
        r.incomplete().ifPresent(why -> n.put("incomplete", why));
        n.set("notes", Json.strings(r.notes()));
        ArrayNode findings = n.putArray("findings");
        int id = 1;
        for (Finding f : r.findings()) findings.add(finding(id++, f));
        n.set("stats", stats(r.stats()));
        r.graphPass().ifPresent(g -> n.set("graphPass", graphPass(g)));
        s.graph().ifPresent(g -> n.set("lockOrderGraph", graph(g)));
        s.test().ifPresent(t -> {
            ObjectNode test = n.putObject("test");
            test.set("expected", Json.strings(t.expected()));
            test.put("passed", t.passed());
            t.unmet().ifPresent(u -> test.put("message", u));
        });
        return n;
    }

    private static ObjectNode finding(int id, Finding f) {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("kind", f.verdict().id());
        n.put("kindSummary", f.verdict().summary());
        n.put("headline", f.headline());
        n.put("fingerprint", Fingerprint.of(f));
        n.set("location", Json.span(f.location()));
        n.set("callStack", Json.strings(f.callStack()));
        n.set("details", Json.strings(f.details()));
        ArrayNode cycle = n.putArray("waitForCycle");
        for (WaitLink l : f.cycle()) {
            ObjectNode link = cycle.addObject();
            link.put("thread", l.thread());
            link.put("holds", l.holds().name());
            link.put("holdsShared", l.holds().shared());
            if (l.queued()) link.put("queued", true); // holds nothing of it: a writer queued ahead
            link.put("waitsFor", l.waitsFor().name());
            link.put("waitsShared", l.waitsFor().shared());
        }
        ArrayNode trace = n.putArray("trace");
        for (TraceStep s : f.trace()) trace.add(step(s));
        ArrayNode loop = n.putArray("loop");
        for (TraceStep s : f.loop()) loop.add(step(s));
        return n;
    }

    private static ObjectNode step(TraceStep s) {
        ObjectNode n = Json.object();
        n.put("step", s.number());
        n.put("thread", s.thread());
        n.put("operation", s.operation());
        n.set("location", Json.span(s.span()));
        n.set("callStack", Json.strings(s.callStack()));
        n.set("heldAfter", Json.strings(s.heldAfter().stream().map(HeldLock::text).toList()));
        return n;
    }

    private static ObjectNode stats(SearchStats s) {
        ObjectNode n = Json.object();
        n.put("states", s.states());
        n.put("transitions", s.transitions());
        n.put("maxDepth", s.maxDepth());
        n.put("millis", s.millis());
        n.put("peakMemoryBytes", s.peakMemoryBytes());
        n.put("stateBytes", s.stateBytes());
        return n;
    }

    private static ObjectNode graphPass(GraphPassStats g) {
        ObjectNode n = Json.object();
        n.put("classes", g.classes());
        n.put("edges", g.edges());
        n.put("paths", g.paths());
        n.put("cycles", g.cycles());
        n.put("feasible", g.feasible());
        n.put("dismissed", g.dismissed());
        n.put("orderViolations", g.orderViolations());
        n.put("complete", g.complete());
        n.put("millis", g.millis());
        if (g.afterSearch()) n.put("afterSearch", true);
        return n;
    }

    private static ObjectNode graph(GraphSummary g) {
        ObjectNode n = Json.object();
        n.put("complete", g.complete());
        ArrayNode classes = n.putArray("classes");
        for (GraphSummary.LockClassNode c : g.classes()) {
            ObjectNode cn = classes.addObject();
            cn.put("name", c.name());
            cn.put("kind", c.kind());
            cn.put("instances", c.instances());
        }
        ArrayNode edges = n.putArray("edges");
        for (GraphSummary.OrderEdge e : g.edges()) {
            ObjectNode en = edges.addObject();
            en.put("from", e.from());
            en.put("to", e.to());
            en.put("paths", e.paths());
            en.put("blocking", e.blocking());
            en.put("inCycle", g.inCycle(e));
            en.set("acquiredAt", Json.span(e.acquiredAt()));
            en.put("callPath", e.callPath());
        }
        ArrayNode cycles = n.putArray("cycles");
        g.cycles().forEach(c -> cycles.add(Json.strings(c)));
        return n;
    }
}
