package io.vmlock.report;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** The report formats of {@code --format}, each with its renderer and the extension files usually get. */
public enum Format {
    TEXT("text", "txt", r -> each(r, s -> TextReport.render(s.result(), r.stats(), s.sources()))),
    LOCKDEP("lockdep", "txt", r -> each(r, s -> LockdepReport.render(s.result()))),
    JSON("json", "json", JsonReport::render),
    DOT("dot", "dot", DotReport::render),
    MERMAID("mermaid", "md", MermaidReport::render),
    SARIF("sarif", "sarif", SarifReport::render),
    JUNIT("junit", "xml", JunitReport::render),
    HTML("html", "html", HtmlReport::render);

    private final String id;
    private final String extension;
    private final Function<Report, String> renderer;

    Format(String id, String extension, Function<Report, String> renderer) {
        this.id = id;
        this.extension = extension;
        this.renderer = renderer;
    }

    public String id() {
        return id;
    }

    public String extension() {
        return extension;
    }

    public String render(Report report) {
        return renderer.apply(report);
    }

    /** Whether the format shows the lock-order graph, so the graph is worth building. */
    public boolean showsGraph() {
        return this == JSON || this == DOT || this == HTML;
    }

    public static Optional<Format> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** {@code text|lockdep|json|...}, for help and error messages. */
    public static String ids() {
        return String.join("|", Arrays.stream(values()).map(Format::id).toList());
    }

    /** The per-scenario text formats print each file's report in turn, as they always have. */
    private static String each(Report r, Function<ScenarioReport, String> one) {
        StringBuilder out = new StringBuilder();
        for (ScenarioReport s : r.scenarios()) out.append(one.apply(s));
        return out.toString();
    }
}
