package io.vmlock.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * SARIF locations, every URI relative so that an alert points at the same file on every checkout:
 * under the run's folder to {@code %SRCROOT%}, in a model library elsewhere to {@code VMLOCK_MODELS},
 * anything else to the file system's root. A finding opens in the scenario the user wrote: the
 * step of its own code that leads into the model library's sites, which are related locations.
 */
final class SarifLocations {
    static final String MODELS = "VMLOCK_MODELS";
    static final String FILE_SYSTEM = "FILE_SYSTEM_ROOT";

    private final Path root;
    private final Optional<Path> models;
    private final Set<String> basesUsed = new TreeSet<>();

    SarifLocations(Path root, Optional<Path> models) {
        this.root = root;
        this.models = models;
    }

    /** The base ids other than {@code %SRCROOT%} that some URI was made relative to. */
    Set<String> basesUsed() {
        return basesUsed;
    }

    /** Where the finding opens: the scenario's own step that leads into it, else where it happens. */
    static SourceSpan primary(Finding f, String scenario) {
        if (f.location().file().equals(scenario)) return f.location();
        List<TraceStep> candidates = new ArrayList<>();
        HeldLocks.acquisitionSites(f).forEach(site -> candidates.add(site.step()));
        for (int i = f.trace().size() - 1; i >= 0; i--) {
            if (f.trace().get(i).span().equals(f.location())) candidates.add(f.trace().get(i));
        }
        for (TraceStep s : candidates) {
            if (s.bodySite().file().equals(scenario)) return s.bodySite();
        }
        return f.location();
    }

    ObjectNode location(SourceSpan span, String message, List<String> callStack) {
        ObjectNode location = Json.object();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.set("artifactLocation", artifact(span.file()));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", span.line());
        region.put("startColumn", span.column());
        region.put("endLine", span.endLine());
        region.put("endColumn", span.endColumn() + 1); // SARIF's end column is exclusive
        if (!callStack.isEmpty()) {
            String innermost = HeldLocks.procedure(callStack.get(0)).trim();
            location.putArray("logicalLocations").addObject().put("name", innermost).put("kind", "function");
        }
        location.putObject("message").put("text", message);
        return location;
    }

    ObjectNode artifact(String file) {
        ObjectNode a = Json.object();
        Path p = root.resolve(file).normalize();
        if (p.startsWith(root)) {
            a.put("uri", relativeUri(root.relativize(p)));
            a.put("uriBaseId", SarifReport.SRCROOT);
        } else if (models.isPresent() && p.startsWith(models.get())) {
            a.put("uri", relativeUri(models.get().relativize(p)));
            a.put("uriBaseId", MODELS);
            basesUsed.add(MODELS);
        } else {
            a.put("uri", relativeUri(p.getRoot().relativize(p)));
            a.put("uriBaseId", FILE_SYSTEM);
            basesUsed.add(FILE_SYSTEM);
        }
        return a;
    }

    /** The absolute URI a base id stands for; {@code %SRCROOT%} is left to the viewer (the checkout). */
    ObjectNode base(String id) {
        ObjectNode b = Json.object();
        Path at = id.equals(MODELS) ? models.orElseThrow() : root.getRoot();
        String uri = at.toUri().toString();
        b.put("uri", uri.endsWith("/") ? uri : uri + "/");
        b.putObject("description").put("text", id.equals(MODELS)
                ? "The model library vmlock read (--models), outside the folder it was run in."
                : "The file system's root, for files outside the run's folder and the model library.");
        return b;
    }

    /** Each segment percent-encoded as a URI path: spaces and the like, never separators. */
    private static String relativeUri(Path relative) {
        StringBuilder s = new StringBuilder();
        for (Path segment : relative) {
            if (s.length() > 0) s.append('/');
            try {
                // a colon in a first segment would read as a scheme
                s.append(new URI(null, null, segment.toString(), null).getRawPath().replace(":", "%3A"));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a path segment: " + segment, e);
            }
        }
        return s.toString();
    }
}
