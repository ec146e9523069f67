package io.vmlock.frontend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.ast.AstDump;
import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Gfp;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.ScenarioFile;
import io.vmlock.ast.Stmt;
import io.vmlock.ast.VarType;
import io.vmlock.diag.Diagnostic;
import io.vmlock.grammar.VmLockLexer;
import io.vmlock.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 2's "every construct in the language reference has at least one example or model file
 * using it": the same inventory as {@link GoldenCoverageTest}, but over the real scenarios under
 * {@code examples/} and the model library under {@code models/}, not over the parse goldens. It
 * reads the files three ways: their AST dumps (node types, builtins, operators, object kinds,
 * parameter types, GFP contexts and reclaim flags, verdicts, {@code not}, daemons), a walk of
 * their ASTs (where a construct stands: a local or global {@code int(lo..hi)} with or without an
 * initial value, a replicated thread, {@code interrupt ... on}, {@code else if}, a negated
 * trylock, each trylock builtin as a condition, ...) and their tokens (what the AST desugars
 * away: {@code +=}, {@code -=}, {@code ++}, {@code --}, and every keyword and operator). Any
 * construct no file uses fails the test, with the list of what is missing.
 */
class ExamplesCoverageTest {
    private static List<Path> files;
    private static List<ScenarioFile> asts;
    private static String dumps;
    private static Set<String> tokens;

    static List<Path> corpus() {
        Path root = TestFiles.repoRoot();
        List<Path> all = new ArrayList<>(TestFiles.find(root.resolve("examples"), Loader.EXTENSION));
        all.addAll(TestFiles.find(root.resolve("models"), Loader.EXTENSION));
        return all;
    }

    @BeforeAll
    static void parseAll() {
        files = corpus();
        asts = new ArrayList<>();
        tokens = new HashSet<>();
        StringBuilder all = new StringBuilder();
        for (Path p : files) {
            String text = TestFiles.read(p);
            FileParser.Parsed parsed = FileParser.parse(p.getFileName().toString(), text);
            String errors = parsed.diagnostics().stream().map(Diagnostic::headline).collect(Collectors.joining("\n"));
            assertTrue(parsed.diagnostics().isEmpty(), p + " must parse cleanly:\n" + errors);
            ScenarioFile file = parsed.file().orElseThrow();
            asts.add(file);
            all.append(AstDump.dump(file));
            VmLockLexer lexer = new VmLockLexer(CharStreams.fromString(text));
            lexer.removeErrorListeners();
            for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
                tokens.add(VmLockLexer.VOCABULARY.getDisplayName(t.getType()));
            }
        }
        dumps = all.toString();
    }

    @Test
    void theCorpusIsTheExamplesAndTheModels() {
        assertFalse(files.isEmpty(), "no .vmlock under examples/ or models/");
        assertTrue(files.stream().anyMatch(p -> p.toString().contains("models")), "no model file found");
    }

    /** Node types, builtins, operators, kinds, parameter types, GFP contexts and verdicts, from the dumps. */
    @Test
    void everyNodeTypeBuiltinOperatorKindGfpAndVerdictAppears() {
        List<String> wanted = new ArrayList<>();
        for (Class<?> c : List.of(Decl.class, Stmt.class, Expr.class, VarType.class)) {
            Arrays.stream(c.getPermittedSubclasses()).map(s -> c.getSimpleName() + "." + s.getSimpleName() + " ")
                    .forEach(wanted::add);
        }
        List.of("Decl.Param ", "Decl.MappingAttr ", "Decl.ExpectItem ").forEach(wanted::add);
        Arrays.stream(BuiltinOp.values()).map(op -> "op=" + op.spelling() + " ").forEach(wanted::add);
        Arrays.stream(Expr.BinaryOp.values()).map(op -> "Expr.Binary op=" + op.name() + " ").forEach(wanted::add);
        Arrays.stream(Expr.UnaryOp.values()).map(op -> "Expr.Unary op=" + op.name() + " ").forEach(wanted::add);
        Arrays.stream(ObjectKind.values()).map(k -> "kind=" + k.name() + " ").forEach(wanted::add);
        // parameter types: every lock and completion kind, int, bool, mapping and a set
        Arrays.stream(ObjectKind.values()).map(k -> "Decl.Param type=" + k.keyword() + " ").forEach(wanted::add);
        List.of("Decl.Param type=int ", "Decl.Param type=bool ", "Decl.Param type=mapping ", "Decl.Param type=page ")
                .forEach(wanted::add);
        Gfp.contexts().stream().map(g -> "Expr.Name name=" + g + " ").forEach(wanted::add);
        List.of("needs=__GFP_FS ", "needs=__GFP_IO ", "needs=- ").forEach(wanted::add);
        Arrays.stream(Verdict.values()).filter(v -> v != Verdict.INCOMPLETE)
                .map(v -> "verdict=" + v.id() + " ").forEach(wanted::add);
        List.of("negated=true ", "negated=false ", "daemon=true ", "daemon=false ").forEach(wanted::add);
        List<String> missing = wanted.stream().filter(w -> !dumps.contains(w)).toList();
        assertTrue(missing.isEmpty(), "no file under examples/ or models/ uses: " + missing);
    }

    /** Where a construct stands, which the dump alone does not tell apart. */
    @Test
    void everyPlacementOfAConstructAppears() {
        Set<String> seen = new TreeSet<>();
        for (ScenarioFile f : asts) {
            for (Decl d : f.declarations()) {
                if (d instanceof Decl.ObjectDecl o) {
                    seen.add((o.set().isPresent() ? "per-instance " : "single ") + o.kind().keyword());
                } else if (d instanceof Decl.Var v) {
                    varForms("global ", v, seen);
                } else if (d instanceof Decl.Thread t) {
                    seen.add(t.count() > 1 ? "replicated thread" : "thread");
                    if (t.daemon()) seen.add("daemon thread");
                    walk(t.body(), s -> stmt(s, seen));
                } else if (d instanceof Decl.Interrupt i) {
                    seen.add(i.threads().isEmpty() ? "interrupt on every thread" : "interrupt ... on");
                    walk(i.body(), s -> stmt(s, seen));
                } else if (d instanceof Decl.Proc p) {
                    walk(p.body(), s -> stmt(s, seen));
                } else if (d instanceof Decl.Expect e) {
                    seen.add(e.items().size() > 1 ? "expect list" : "expect one");
                } else {
                    seen.add(d.getClass().getSimpleName());
                }
            }
        }
        List<String> wanted = new ArrayList<>();
        for (ObjectKind k : ObjectKind.values()) {
            wanted.add("single " + k.keyword());
        }
        // variables: global and local, int(lo..hi) and bool, with an initial value and with the
        // default one (the low bound, false); per-instance globals
        for (String scope : List.of("global ", "local ")) {
            List.of("int(lo..hi)", "bool", "with init", "default init").forEach(f -> wanted.add(scope + f));
        }
        List.of("per-instance mutex", "per-instance completion", "global per-instance int(lo..hi)",
                "global per-instance bool", "Const", "Mapping",
                "thread", "replicated thread", "daemon thread", "interrupt ... on", "interrupt on every thread",
                "expect one", "expect list", "Import", "SetDecl", "Reclaim", "Order", "Invariant",
                "if", "if-else", "else if", "trylock", "trylock-else", "!trylock",
                "either", "while", "repeat", "foreach", "return", "break", "continue",
                "x = e", "a[i] = e", "call", "builtin", "block").forEach(wanted::add);
        for (BuiltinOp op : BuiltinOp.values()) {
            if (op.isTrylock()) wanted.add("if (" + op.spelling() + ")");
        }
        List<String> missing = wanted.stream().filter(w -> !seen.contains(w)).toList();
        assertTrue(missing.isEmpty(), "no file under examples/ or models/ has: " + missing + "\nseen: " + seen);
    }

    /** Every keyword and operator token, including those the AST desugars (compound assignments, ++, --). */
    @Test
    void everyTokenOfTheLanguageAppears() {
        List<String> wanted = new ArrayList<>();
        for (int type = 1; type <= VmLockLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = VmLockLexer.VOCABULARY.getLiteralName(type);
            if (literal != null) wanted.add(VmLockLexer.VOCABULARY.getDisplayName(type));
        }
        List.of("ID", "INT", "STRING").forEach(wanted::add);
        List<String> missing = wanted.stream().filter(w -> !tokens.contains(w)).toList();
        assertTrue(missing.isEmpty(), "no file under examples/ or models/ spells: " + missing);
    }

    /** The forms a variable declaration shows, under its scope ("global " or "local "). */
    private static void varForms(String scope, Decl.Var v, Set<String> seen) {
        String type = v.type() instanceof VarType.IntRange ? "int(lo..hi)" : "bool";
        seen.add(scope + type);
        seen.add(scope + (v.init().isPresent() ? "with init" : "default init"));
        if (v.set().isPresent()) seen.add(scope + "per-instance " + type);
    }

    private static void stmt(Stmt s, Set<String> seen) {
        if (s instanceof Stmt.LocalVar l) {
            varForms("local ", l.decl(), seen);
        } else if (s instanceof Stmt.If i) {
            seen.add(i.otherwise().isPresent() ? "if-else" : "if");
            // else if: the else block is the nested if itself (same span)
            i.otherwise().filter(b -> b.statements().size() == 1 && b.statements().get(0) instanceof Stmt.If
                    && b.span().equals(b.statements().get(0).span())).ifPresent(b -> seen.add("else if"));
        } else if (s instanceof Stmt.IfTrylock t) {
            seen.add(t.negated() ? "!trylock" : "trylock");
            if (t.otherwise().isPresent()) seen.add("trylock-else");
            seen.add("if (" + t.op().spelling() + ")");
        } else if (s instanceof Stmt.Assign a) {
            seen.add(a.index().isPresent() ? "a[i] = e" : "x = e");
        } else {
            seen.add(s.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Visits {@code s} and every statement nested in it. */
    private static void walk(Stmt s, Consumer<Stmt> visit) {
        visit.accept(s);
        if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> walk(x, visit));
        } else if (s instanceof Stmt.If i) {
            walk(i.then(), visit);
            i.otherwise().ifPresent(b -> walk(b, visit));
        } else if (s instanceof Stmt.IfTrylock t) {
            walk(t.then(), visit);
            t.otherwise().ifPresent(b -> walk(b, visit));
        } else if (s instanceof Stmt.Either e) {
            e.branches().forEach(b -> walk(b, visit));
        } else if (s instanceof Stmt.While w) {
            walk(w.body(), visit);
        } else if (s instanceof Stmt.Repeat r) {
            walk(r.body(), visit);
        } else if (s instanceof Stmt.Foreach f) {
            walk(f.body(), visit);
        }
    }
}
