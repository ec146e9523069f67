package io.vmlock.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmlock.diag.Diagnostic;
import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import io.vmlock.verdict.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * SARIF 2.1.0, as GitHub code scanning and other CI viewers ingest it: a rule per finding kind,
 * a result per finding located where it happens and where its locks were taken, and the
 * counterexample as a code flow with one thread flow per thread, ordered by executionOrder.
 */
public final class SarifReport {
    static final String SRCROOT = "%SRCROOT%";

    private SarifReport() {
    }

    public static String render(Report report) {
        ObjectNode root = Json.object();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        run.set("tool", tool(report.toolVersion()));
        ObjectNode bases = run.putObject("originalUriBaseIds");
        bases.putObject(SRCROOT).putObject("description")
                .put("text", "The folder vmlock was run in: scenario paths are relative to it.");
        SarifLocations where = new SarifLocations(report.sourceRoot(), report.modelsRoot());
        run.set("invocations", invocations(report, where));
        ArrayNode results = run.putArray("results");
        Triage triage = report.triage();
        for (int i = 0; i < report.scenarios().size(); i++) {
            ScenarioReport s = report.scenarios().get(i);
            for (int j = 0; j < s.result().findings().size(); j++) {
                ObjectNode r = result(s.result().findings().get(j), s.file(), where);
                if (triage.baselined()) r.put("baselineState", triage.state(i, j).sarif());
                results.add(r);
            }
        }
        for (Baseline.Entry gone : triage.gone()) results.add(absent(gone, where));
        where.basesUsed().forEach(id -> bases.set(id, where.base(id)));
        run.put("columnKind", "unicodeCodePoints");
        return Json.print(root);
    }

    private static ObjectNode tool(String version) {
        ObjectNode driver = Json.object();
        driver.put("name", "vmlock");
        driver.put("semanticVersion", version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : "0.0.0");
        driver.put("version", version);
        ArrayNode rules = driver.putArray("rules");
        for (Verdict v : RuleHelp.findingKinds()) rules.add(rule(v));
        ObjectNode tool = Json.object();
        tool.set("driver", driver);
        return tool;
    }

    private static ObjectNode rule(Verdict v) {
        ObjectNode r = Json.object();
        r.put("id", v.id());
        r.put("name", RuleHelp.ruleName(v));
        r.putObject("shortDescription").put("text", v.summary());
        r.putObject("fullDescription").put("text", RuleHelp.description(v));
        ObjectNode help = r.putObject("help");
        help.put("text", RuleHelp.helpText(v));
        help.put("markdown", RuleHelp.helpMarkdown(v));
        r.putObject("defaultConfiguration").put("level", RuleHelp.level(v));
        ObjectNode props = r.putObject("properties");
        props.set("tags", Json.strings(List.of("concurrency", "locking", "linux-kernel")));
        props.put("precision", v == Verdict.POTENTIAL_DEADLOCK ? "medium" : "very-high");
        props.put("problem.severity", RuleHelp.level(v));
        return r;
    }

    /**
     * The run succeeded even when a limit stopped a search (a warning per scenario), not when an
     * input could not be checked: then each of its errors is an error notification at its place.
     */
    private static ArrayNode invocations(Report report, SarifLocations where) {
        ArrayNode invocations = Json.MAPPER.createArrayNode();
        ObjectNode inv = invocations.addObject();
        inv.put("executionSuccessful", report.invalid().isEmpty());
        ArrayNode notes = inv.putArray("toolExecutionNotifications");
        for (InvalidInput input : report.invalid()) {
            for (Diagnostic d : input.errors()) {
                ObjectNode n = notes.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", input.file() + ": invalid input: " + d.headline());
                n.putArray("locations").add(where.location(d.span(), d.message(), List.of()));
                n.putObject("descriptor").put("id", d.code().id());
            }
        }
        for (ScenarioReport s : report.scenarios()) {
            s.result().incomplete().ifPresent(why -> {
                ObjectNode n = notes.addObject();
                n.put("level", "warning");
                n.putObject("message").put("text", s.file() + ": search incomplete (" + why
                        + "): findings so far are reported, but the scenario is not known to be clean");
                n.putObject("descriptor").put("id", Verdict.INCOMPLETE.id());
            });
        }
        return invocations;
    }

    /** A baselined finding this run no longer has: SARIF's "absent", located at its file. */
    private static ObjectNode absent(Baseline.Entry e, SarifLocations where) {
        ObjectNode r = Json.object();
        r.put("ruleId", e.kind());
        RuleHelp.findingKinds().stream().filter(v -> v.id().equals(e.kind())).findFirst().ifPresent(v -> {
            r.put("ruleIndex", RuleHelp.findingKinds().indexOf(v));
            r.put("level", RuleHelp.level(v));
        });
        r.putObject("message").put("text", "Gone since the baseline: " + e.headline() + ".");
        r.putArray("locations").addObject().putObject("physicalLocation").set("artifactLocation", where.artifact(e.file()));
        r.putObject("partialFingerprints").put(Fingerprint.SARIF_KEY, e.fingerprint());
        r.put("baselineState", "absent");
        return r;
    }

    private static ObjectNode result(Finding f, String scenario, SarifLocations where) {
        ObjectNode r = Json.object();
        r.put("ruleId", f.verdict().id());
        r.put("ruleIndex", RuleHelp.findingKinds().indexOf(f.verdict()));
        r.put("level", RuleHelp.level(f.verdict()));
        StringBuilder message = new StringBuilder(f.headline()).append('.');
        for (String d : f.cycle().isEmpty() ? f.details() : f.cycle().stream().map(l -> l.sentence()).toList()) {
            message.append(' ').append(Character.toUpperCase(d.charAt(0))).append(d.substring(1)).append('.');
        }
        r.putObject("message").put("text", message.toString());
        // GitHub shows the first location only: the line of the scenario that leads into the finding
        SourceSpan primary = SarifLocations.primary(f, scenario);
        boolean atLocation = primary.equals(f.location());
        r.putArray("locations").add(where.location(primary, f.verdict().id() + ": " + f.headline()
                + (atLocation ? "" : " (entered here; see the related locations)"), atLocation ? f.callStack() : List.of()));
        ArrayNode related = Json.MAPPER.createArrayNode();
        if (!atLocation) {
            related.add(where.location(f.location(), "where it happens: " + f.headline(), f.callStack())
                    .put("id", related.size() + 1));
        }
        for (HeldLocks.Site site : HeldLocks.acquisitionSites(f)) {
            TraceStep s = site.step();
            related.add(where.location(s.span(), s.thread() + " takes " + site.lock() + " in step " + s.number()
                    + ": " + s.operation(), s.callStack()).put("id", related.size() + 1));
        }
        if (!related.isEmpty()) r.set("relatedLocations", related);
        r.putObject("partialFingerprints").put(Fingerprint.SARIF_KEY, Fingerprint.of(f));
        if (!f.trace().isEmpty() || !f.loop().isEmpty()) {
            ArrayNode flows = r.putArray("codeFlows");
            // held locks change against the trace before the loop, so both flows come from one list
            List<HeldLocks.Change> changes = HeldLocks.changes(Stream.concat(f.trace().stream(), f.loop().stream()).toList());
            int split = f.trace().size();
            if (!f.trace().isEmpty()) {
                flows.add(codeFlow(changes.subList(0, split), "shortest interleaving, " + split + " steps", where));
            }
            if (!f.loop().isEmpty()) {
                flows.add(codeFlow(changes.subList(split, changes.size()), TextReport.loopHeading(f), where));
            }
        }
        return r;
    }

    private static ObjectNode codeFlow(List<HeldLocks.Change> changes, String what, SarifLocations where) {
        Map<String, ArrayNode> byThread = new LinkedHashMap<>();
        for (HeldLocks.Change c : changes) {
            byThread.computeIfAbsent(c.step().thread(), t -> Json.MAPPER.createArrayNode()).add(step(c, where));
        }
        ObjectNode flow = Json.object();
        flow.putObject("message").put("text", what + ", "
                + byThread.size() + (byThread.size() == 1 ? " thread" : " threads"));
        ArrayNode threads = flow.putArray("threadFlows");
        byThread.forEach((thread, steps) -> {
            ObjectNode tf = threads.addObject();
            tf.put("id", thread);
            tf.putObject("message").put("text", "thread " + thread);
            tf.set("locations", steps);
        });
        return flow;
    }

    private static ObjectNode step(HeldLocks.Change c, SarifLocations where) {
        TraceStep s = c.step();
        String held = HeldLocks.describe(s.heldAfter());
        ObjectNode tfl = Json.object();
        tfl.set("location", where.location(s.span(), "step " + s.number() + ", " + s.thread() + ": " + s.operation()
                + "; holds " + held, s.callStack()));
        tfl.put("executionOrder", s.number());
        tfl.put("nestingLevel", s.callStack().size());
        if (!c.taken().isEmpty()) tfl.set("kinds", Json.strings(List.of("acquire", "lock")));
        else if (!c.released().isEmpty()) tfl.set("kinds", Json.strings(List.of("release", "lock")));
        tfl.putObject("state").putObject("held").put("text", held);
        if (!s.callStack().isEmpty()) tfl.set("stack", stack(s, where));
        return tfl;
    }

    /** The call stack, innermost first as SARIF wants it; frames have no positions of their own. */
    private static ObjectNode stack(TraceStep s, SarifLocations where) {
        ObjectNode stack = Json.object();
        stack.putObject("message").put("text", "call stack of " + s.thread());
        ArrayNode frames = stack.putArray("frames");
        for (String frame : s.callStack()) {
            ObjectNode location = frames.addObject().putObject("location");
            location.putObject("message").put("text", frame);
            location.putArray("logicalLocations").addObject().put("name", HeldLocks.procedure(frame).trim())
                    .put("kind", "function");
        }
        return stack;
    }
}
