package io.vmlock.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmlock.ast.SourceSpan;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * SARIF locations: paths under the run's folder become URIs relative to {@code %SRCROOT%}, so an
 * alert points at the same file on every checkout; others (a model library elsewhere) stay absolute.
 */
final class SarifLocations {
    private final Path root;

    SarifLocations(Path root) {
        this.root = root;
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

    private ObjectNode artifact(String file) {
        ObjectNode a = Json.object();
        Path p = root.resolve(file).normalize();
        if (p.startsWith(root)) {
            a.put("uri", relativeUri(root.relativize(p)));
            a.put("uriBaseId", SarifReport.SRCROOT);
        } else {
            a.put("uri", p.toUri().toString());
        }
        return a;
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
