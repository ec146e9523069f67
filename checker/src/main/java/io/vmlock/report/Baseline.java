package io.vmlock.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmlock.diag.FileNames;
import io.vmlock.findings.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Accepted findings, by file and fingerprint: {@code check --baseline} fails only on findings
 * not in it. Two findings with one fingerprint in one file count twice, so a second copy of a
 * known problem is still new.
 */
public record Baseline(List<Entry> entries) {
    public static final String SCHEMA_ID = "vmlock-baseline-1";

    /** One accepted finding; {@code kind} and {@code headline} are for the people reading the file. */
    public record Entry(String file, String kind, String fingerprint, String headline) {
        public Entry {
            Objects.requireNonNull(file);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(fingerprint);
            Objects.requireNonNull(headline);
        }

        boolean sameFinding(Entry o) {
            return file.equals(o.file) && fingerprint.equals(o.fingerprint);
        }
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::file).thenComparing(Entry::kind)
            .thenComparing(Entry::fingerprint).thenComparing(Entry::headline);

    public Baseline {
        entries = entries.stream().sorted(ORDER).toList();
    }

    /** The findings of a run, files named relative to the report's root where they lie under it. */
    public static Baseline of(Report report) {
        List<Entry> entries = new ArrayList<>();
        for (ScenarioReport s : report.scenarios()) entries.addAll(entries(s, relative(report.sourceRoot(), s.file())));
        return new Baseline(entries);
    }

    /** A scenario's findings under a name of the caller's choosing (diff names files by their place in a tree). */
    public static List<Entry> entries(ScenarioReport s, String file) {
        List<Entry> entries = new ArrayList<>();
        for (Finding f : s.result().findings()) {
            entries.add(new Entry(file, f.verdict().id(), Fingerprint.of(f), f.headline()));
        }
        return entries;
    }

    static String relative(Path root, String file) {
        Path p = root.resolve(file).normalize();
        return FileNames.shown(p.startsWith(root) ? root.relativize(p) : p);
    }

    /** What is new against this baseline, what it already knows, and what it has that is gone. */
    public record Comparison(List<Entry> introduced, List<Entry> known, List<Entry> gone) {
    }

    public Comparison compare(Baseline current) {
        List<Entry> unmatched = new ArrayList<>(entries);
        List<Entry> introduced = new ArrayList<>();
        List<Entry> known = new ArrayList<>();
        for (Entry e : current.entries()) {
            Entry match = unmatched.stream().filter(e::sameFinding).findFirst().orElse(null);
            if (match == null) {
                introduced.add(e);
            } else {
                unmatched.remove(match);
                known.add(e);
            }
        }
        return new Comparison(introduced, known, unmatched);
    }

    public String toJson() {
        ObjectNode root = Json.object();
        root.put("schema", SCHEMA_ID);
        root.put("comment", "Findings accepted by vmlock check --baseline; regenerate with --write-baseline.");
        ArrayNode list = root.putArray("findings");
        for (Entry e : entries) {
            ObjectNode n = list.addObject();
            n.put("file", e.file());
            n.put("kind", e.kind());
            n.put("fingerprint", e.fingerprint());
            n.put("headline", e.headline());
        }
        return Json.print(root);
    }

    /** Reads a baseline file's text; a malformed one is an {@link IllegalArgumentException} with the reason. */
    public static Baseline parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !SCHEMA_ID.equals(root.path("schema").asText())) {
            throw new IllegalArgumentException("not a " + SCHEMA_ID + " file");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode n : root.path("findings")) {
            if (!n.path("file").isTextual() || !n.path("fingerprint").isTextual()) {
                throw new IllegalArgumentException("a finding needs a file and a fingerprint: " + n);
            }
            entries.add(new Entry(n.get("file").asText(), n.path("kind").asText(""), n.get("fingerprint").asText(),
                    n.path("headline").asText("")));
        }
        return new Baseline(entries);
    }
}
