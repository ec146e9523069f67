package io.vmlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The package layering, written down and enforced: scans the main sources' imports and inline
 * fully qualified names (comments and string literals aside) and fails, naming file, line and
 * reference, on a dependency the table below does not allow, a cycle between packages, a
 * library outside the package that owns it, {@code report} reaching {@code explore} or
 * {@code graph}, and anything reaching {@code cli}. A subpackage counts as its top-level package.
 */
class LayeringTest {
    /** Each package's allowed io.vmlock dependencies, lowest layer first; a package only uses those above it. */
    static final Map<String, Set<String>> ALLOWED = table(
            row("budget"),
            row("verdict"),
            row("lockdep"),
            row("importer", "lockdep", "verdict"),
            row("ast", "verdict"),
            row("diag", "ast"),
            row("sema", "ast", "diag"),
            row("frontend", "ast", "diag", "verdict"),
            row("ir", "ast", "sema", "verdict"),
            row("findings", "ast", "verdict"),
            row("graph", "ast", "budget", "ir"),
            row("solve", "ast", "budget", "graph"),
            row("explore", "ast", "budget", "findings", "graph", "ir", "verdict"),
            row("lockorder", "budget", "explore", "findings", "graph", "ir", "solve", "verdict"),
            row("promela", "ast", "diag", "explore", "ir"),
            row("report", "ast", "diag", "findings", "lockdep", "verdict"),
            row("pipeline", "ast", "budget", "diag", "explore", "findings", "frontend", "graph", "ir", "lockorder",
                    "report", "sema", "solve", "verdict"),
            row("lsp", "ast", "diag", "explore", "findings", "frontend", "ir", "pipeline", "report", "sema", "verdict"),
            row("symbolic", "explore"),
            row("bench", "budget", "explore", "findings", "frontend", "graph", "ir", "lockorder", "pipeline", "solve", "symbolic"),
            row("cli", "ast", "budget", "diag", "explore", "findings", "frontend", "graph", "importer", "ir", "lockorder", "lsp",
                    "pipeline", "promela", "report", "sema", "verdict"));

    /** Libraries (and the generated parser) by name prefix, and the one package that may use each. */
    static final Map<String, String> LIBRARY_OWNERS = Map.of(
            "org.antlr", "frontend",
            "io.vmlock.grammar", "frontend",
            "org.jgrapht", "graph",
            "org.chocosolver", "solve",
            "picocli", "cli",
            "org.eclipse.lsp4j", "lsp",
            "org.eclipse.elk", "report");

    /**
     * Dependencies the table forbids but the code still has, each with the issue that removes it:
     * none now (bench -> cli went when Compilation moved into the pipeline package).
     */
    static final Set<Edge> KNOWN_EXCEPTIONS = Set.of();

    record Edge(String from, String to) {
    }

    /** A main source file: its path under io/vmlock and its text. */
    record Source(String path, String text) {
    }

    /** One name the code uses: a top-level io.vmlock package ({@code to}) or a library prefix. */
    record Reference(Source file, int line, String name, String from, String to) {
        String where() {
            return file.path() + ":" + line + ": " + name;
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+io\\.vmlock\\.(\\w+)", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile(
            "(?<![\\w.])(?:io\\.vmlock|org\\.antlr|org\\.jgrapht|org\\.chocosolver|org\\.eclipse\\.(?:lsp4j|elk)|picocli)(?:\\.\\w+)+");

    @Test
    void mainSourcesFollowTheLayering() {
        Path root = TestFiles.repoRoot().resolve("checker/src/main/java/io/vmlock");
        List<Source> sources = TestFiles.find(root, ".java").stream()
                .map(p -> new Source(root.relativize(p).toString().replace('\\', '/'), TestFiles.read(p)))
                .toList();
        assertTrue(sources.size() > 100, "main sources not found under " + root);
        List<String> found = violations(sources, ALLOWED, KNOWN_EXCEPTIONS);
        assertEquals("", String.join("\n", found), found.size() + " layering violation(s)");
    }

    @Test
    void everyPackageSaysWhatItOwnsAndMayImport() {
        Path root = TestFiles.repoRoot().resolve("checker/src/main/java/io/vmlock");
        List<String> missing = TestFiles.find(root, ".java").stream().map(Path::getParent).distinct()
                .filter(dir -> !Files.isRegularFile(dir.resolve("package-info.java")))
                .map(dir -> root.relativize(dir).toString().replace('\\', '/')).toList();
        assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    @Test
    void theTableIsLayeredAndAllowsNoForbiddenEdge() {
        List<String> layers = new ArrayList<>(ALLOWED.keySet());
        ALLOWED.forEach((from, deps) -> deps.forEach(to -> {
            assertTrue(layers.indexOf(to) >= 0 && layers.indexOf(to) < layers.indexOf(from),
                    from + " may only depend on a lower layer, not " + to);
            assertTrue(forbidden(new Edge(from, to)).isEmpty(), from + " -> " + to + ": " + forbidden(new Edge(from, to)));
        }));
    }

    @Test
    void aDependencyOutsideTheTableIsNamedWithFileAndInlineReference() {
        var explore = new Source("explore/system/Expr.java", """
                package io.vmlock.explore.system;

                final class Expr {
                    long f() { return io.vmlock.sema.ConstEvaluator.apply(op, 1, 2); }
                }
                """);
        assertEquals(List.of("explore/system/Expr.java:4: io.vmlock.sema.ConstEvaluator.apply: explore may not "
                + "depend on sema (allowed: ast, budget, findings, graph, ir, verdict)"), violations(List.of(explore)));
    }

    @Test
    void librariesStayInTheirPackage() {
        var waitFor = new Source("explore/WaitFor.java", "package io.vmlock.explore;\nimport org.jgrapht.Graph;\n");
        var parser = new Source("graph/G.java", "package io.vmlock.graph;\nclass G { org.antlr.v4.runtime.Token t; }\n");
        var choco = new Source("solve/S.java", "package io.vmlock.solve;\nimport org.chocosolver.solver.Model;\n");
        assertEquals(List.of(
                "explore/WaitFor.java:2: org.jgrapht.Graph: org.jgrapht belongs to graph alone",
                "graph/G.java:2: org.antlr.v4.runtime.Token: org.antlr belongs to frontend alone"),
                violations(List.of(waitFor, parser, choco)));
    }

    @Test
    void nothingReachesCliAndReportsNeverReachTheExplorer() {
        var ir = new Source("ir/A.java", "package io.vmlock.ir;\nimport io.vmlock.cli.Main;\n");
        var report = new Source("report/B.java", "package io.vmlock.report;\n\nimport io.vmlock.explore.State;\n");
        assertEquals(List.of(
                "ir/A.java:2: io.vmlock.cli.Main: nothing may depend on cli",
                "report/B.java:3: io.vmlock.explore.State: report reads the findings model, never explore"),
                violations(List.of(ir, report)));
    }

    @Test
    void aCycleIsNamedEdgeByEdge() {
        var table = table(row("a", "b"), row("b", "a"));
        var a = new Source("a/A.java", "package io.vmlock.a;\nimport io.vmlock.b.B;\n");
        var b = new Source("b/B.java", "package io.vmlock.b;\nclass B { io.vmlock.a.A a; }\n");
        assertEquals(List.of(
                "a/A.java:2: io.vmlock.b.B: a -> b closes a cycle between packages",
                "b/B.java:2: io.vmlock.a.A: b -> a closes a cycle between packages"),
                violations(List.of(a, b), table, Set.of()));
    }

    @Test
    void commentsStringsAndOwnPackageAreNotDependencies() {
        var text = new Source("report/T.java", """
                package io.vmlock.report;
                // io.vmlock.cli.Main
                /** {@link io.vmlock.explore.State} */
                class T { String s = "org.jgrapht.Graph"; char c = '"'; String b = \"""
                    io.vmlock.graph.X
                    \"""; io.vmlock.report.Format f; }
                """);
        assertEquals(List.of(), violations(List.of(text)));
    }

    @Test
    void aKnownExceptionPassesButMustStillBeNeeded() {
        var bench = new Source("bench/GraphBench.java", "package io.vmlock.bench;\nimport io.vmlock.cli.Compilation;\n");
        Set<Edge> exceptions = Set.of(new Edge("bench", "cli"));
        assertEquals(List.of(), violations(List.of(bench), ALLOWED, exceptions));
        var none = new Source("bench/BenchModel.java", "package io.vmlock.bench;\n");
        assertEquals(List.of("known exception bench -> cli no longer occurs: remove it from LayeringTest"),
                violations(List.of(none), ALLOWED, exceptions));
    }

    private static List<String> violations(List<Source> sources) {
        return violations(sources, ALLOWED, Set.of());
    }

    static List<String> violations(List<Source> sources, Map<String, Set<String>> allowed, Set<Edge> exceptions) {
        List<Reference> refs = sources.stream().flatMap(s -> references(s).stream()).toList();
        List<String> out = new ArrayList<>();
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        Set<Edge> seen = new LinkedHashSet<>();
        for (Reference r : refs) {
            var owner = LIBRARY_OWNERS.get(r.to());
            if (owner != null) {
                if (!owner.equals(r.from())) out.add(r.where() + ": " + r.to() + " belongs to " + owner + " alone");
                continue;
            }
            Edge e = new Edge(r.from(), r.to());
            seen.add(e);
            edges.computeIfAbsent(r.from(), k -> new TreeSet<>()).add(r.to());
            if (!exceptions.contains(e)) dependency(r, allowed).ifPresent(why -> out.add(r.where() + ": " + why));
        }
        for (Reference r : refs) {
            if (!LIBRARY_OWNERS.containsKey(r.to()) && reaches(edges, r.to(), r.from())) {
                out.add(r.where() + ": " + r.from() + " -> " + r.to() + " closes a cycle between packages");
            }
        }
        exceptions.stream().filter(e -> !seen.contains(e)).sorted(Comparator.comparing(Edge::toString))
                .forEach(e -> out.add("known exception " + e.from() + " -> " + e.to()
                        + " no longer occurs: remove it from LayeringTest"));
        return out;
    }

    /** Why {@code r}'s dependency is not allowed, if it is not. */
    private static Optional<String> dependency(Reference r, Map<String, Set<String>> allowed) {
        var rule = forbidden(new Edge(r.from(), r.to()));
        if (rule.isPresent()) return rule;
        for (String p : List.of(r.from(), r.to())) {
            if (!allowed.containsKey(p)) return Optional.of("io.vmlock." + p + " is not in LayeringTest's table");
        }
        if (allowed.get(r.from()).contains(r.to())) return Optional.empty();
        return Optional.of(r.from() + " may not depend on " + r.to() + " (allowed: "
                + String.join(", ", allowed.get(r.from())) + ")");
    }

    /** The rules that hold whatever the table says. */
    private static Optional<String> forbidden(Edge e) {
        if (e.to().equals("cli")) return Optional.of("nothing may depend on cli");
        if (e.from().equals("report") && (e.to().equals("explore") || e.to().equals("graph"))) {
            return Optional.of("report reads the findings model, never " + e.to());
        }
        return Optional.empty();
    }

    /** Whether {@code from} reaches {@code to} along {@code edges} (a package reaches itself). */
    private static boolean reaches(Map<String, Set<String>> edges, String from, String to) {
        Set<String> visited = new LinkedHashSet<>();
        List<String> work = new ArrayList<>(List.of(from));
        while (!work.isEmpty()) {
            String p = work.remove(work.size() - 1);
            if (p.equals(to)) return true;
            if (visited.add(p)) work.addAll(edges.getOrDefault(p, Set.of()));
        }
        return false;
    }

    /** The names a file uses outside its own top-level package, in order. */
    static List<Reference> references(Source file) {
        Matcher pkg = PACKAGE.matcher(file.text());
        if (!pkg.find()) throw new AssertionError(file.path() + " has no io.vmlock package declaration");
        String from = pkg.group(1);
        String[] lines = code(file.text()).split("\n", -1);
        List<Reference> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("package ")) continue;
            Matcher m = NAME.matcher(lines[i]);
            while (m.find()) {
                String to = target(m.group());
                if (!to.equals(from)) out.add(new Reference(file, i + 1, m.group(), from, to));
            }
        }
        return out;
    }

    /** A library prefix, or the top-level package of an io.vmlock name. */
    private static String target(String name) {
        for (String library : LIBRARY_OWNERS.keySet()) {
            if (name.equals(library) || name.startsWith(library + ".")) return library;
        }
        return name.split("\\.")[2];
    }

    /** The text with comments and string and char literals blanked out, line breaks kept. */
    static String code(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = skipped(text, i);
            if (end == i) {
                out.append(text.charAt(i++));
                continue;
            }
            for (; i < end; i++) out.append(text.charAt(i) == '\n' ? '\n' : ' ');
        }
        return out.toString();
    }

    /** Where the comment or literal starting at {@code i} ends, or {@code i} if none starts there. */
    private static int skipped(String text, int i) {
        if (text.startsWith("//", i)) {
            int end = text.indexOf('\n', i);
            return end < 0 ? text.length() : end;
        }
        if (text.startsWith("/*", i)) {
            int end = text.indexOf("*/", i + 2);
            return end < 0 ? text.length() : end + 2;
        }
        String quote = text.startsWith("\"\"\"", i) ? "\"\"\"" : text.charAt(i) == '"' ? "\"" : text.charAt(i) == '\''
                ? "'" : null;
        if (quote == null) return i;
        int j = i + quote.length();
        while (j < text.length() && !text.startsWith(quote, j)) j += text.charAt(j) == '\\' ? 2 : 1;
        return Math.min(text.length(), j + quote.length());
    }

    private static String[] row(String... packages) {
        return packages;
    }

    private static Map<String, Set<String>> table(String[]... rows) {
        Map<String, Set<String>> t = new LinkedHashMap<>();
        for (String[] r : rows) t.put(r[0], new TreeSet<>(Arrays.asList(r).subList(1, r.length)));
        return Collections.unmodifiableMap(t);
    }
}
