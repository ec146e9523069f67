package io.vmlock.lsp;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.Severity;
import io.vmlock.report.RuleHelp;
import io.vmlock.verdict.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.SymbolKind;

/** What the server answers about one analysed scenario: each LSP feature, as plain functions. */
final class Features {
    private Features() {
    }

    /** The scenario's diagnostics; those in imported files are shown at line 1 with their own position. */
    static List<org.eclipse.lsp4j.Diagnostic> diagnostics(Analysis a) {
        List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : a.diagnostics()) {
            boolean here = a.inThisFile(d.span());
            String message = (here ? "" : d.span().position() + ": ") + d.message()
                    + (d.notes().isEmpty() ? "" : "\n" + String.join("\n", d.notes()));
            var diagnostic = new org.eclipse.lsp4j.Diagnostic(here ? Ranges.of(d.span()) : Ranges.start(), message,
                    d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "vmlock",
                    d.code().id());
            out.add(diagnostic);
        }
        return out;
    }

    static Optional<Hover> hover(Analysis a, int line, int character) {
        Optional<Verdict> verdict = a.wordAt(line, character, true).flatMap(Verdict::byId);
        if (verdict.isPresent()) return Optional.of(markdown(RuleHelp.helpMarkdown(verdict.get())));
        Optional<String> word = a.wordAt(line, character, false);
        if (word.isEmpty()) return Optional.empty();
        Optional<Declarations.Named> named = a.declarations().find(word.get());
        if (named.isPresent()) return Optional.of(markdown(describe(a, named.get())));
        return BuiltinOp.bySpelling(word.get()).map(op -> markdown("```vmlock\n" + op.spelling() + "("
                + String.join(", ", op.params().stream().map(k -> k.description()).toList()) + ")\n```\nbuiltin ("
                + op.category().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")"));
    }

    private static String describe(Analysis a, Declarations.Named n) {
        StringBuilder s = new StringBuilder("```vmlock\n").append(Declarations.signature(n.decl())).append("\n```\n");
        if (n.decl() instanceof Decl.ObjectDecl o) s.append(o.kind().description()).append("\n\n");
        List<String> comment = commentAbove(a, n);
        if (!comment.isEmpty()) s.append(String.join("\n", comment)).append("\n\n");
        s.append("declared at `").append(n.span().position()).append('`');
        return s.toString();
    }

    /** The `//` lines right above a declaration: the model's explanation of what it follows. */
    private static List<String> commentAbove(Analysis a, Declarations.Named n) {
        List<String> lines = sourceLines(a, n);
        List<String> comment = new ArrayList<>();
        for (int i = n.span().line() - 2; i >= 0 && i < lines.size(); i--) {
            String l = lines.get(i).strip();
            if (!l.startsWith("//")) break;
            comment.add(0, l.substring(2).strip());
        }
        return comment;
    }

    private static List<String> sourceLines(Analysis a, Declarations.Named n) {
        if (a.inThisFile(n.span())) return a.text().lines().toList();
        try {
            return Files.readAllLines(a.pathOf(n.span()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static Optional<Location> definition(Analysis a, int line, int character) {
        return a.wordAt(line, character, false).flatMap(w -> a.declarations().find(w))
                .map(n -> new Location(uri(a.pathOf(n.span())), Ranges.of(n.span())));
    }

    static List<CompletionItem> completion(Analysis a) {
        List<CompletionItem> items = new ArrayList<>();
        for (Declarations.Named n : a.declarations().all()) {
            CompletionItem item = new CompletionItem(n.name().name());
            item.setKind(n.decl() instanceof Decl.Proc || n.decl() instanceof Decl.Hook ? CompletionItemKind.Function
                    : n.decl() instanceof Decl.ObjectDecl ? CompletionItemKind.Variable : CompletionItemKind.Reference);
            item.setDetail(Declarations.signature(n.decl()));
            item.setDocumentation(n.span().position());
            items.add(item);
        }
        for (BuiltinOp op : BuiltinOp.values()) {
            CompletionItem item = new CompletionItem(op.spelling());
            item.setKind(CompletionItemKind.Function);
            item.setDetail("builtin " + op.spelling() + "(" + op.params().size() + " argument(s))");
            items.add(item);
        }
        for (Verdict v : RuleHelp.findingKinds()) {
            CompletionItem item = new CompletionItem(v.id());
            item.setKind(CompletionItemKind.EnumMember);
            item.setDetail("verdict, for expect");
            items.add(item);
        }
        return items;
    }

    static List<DocumentSymbol> outline(Analysis a) {
        List<DocumentSymbol> symbols = new ArrayList<>();
        for (Declarations.Named n : a.declarations().inFile(a.displayName())) {
            symbols.add(new DocumentSymbol(n.name().name(), kind(n.decl()), Ranges.of(n.decl().span()),
                    Ranges.of(n.span()), Declarations.signature(n.decl())));
        }
        return symbols;
    }

    private static SymbolKind kind(Decl d) {
        if (d instanceof Decl.Proc || d instanceof Decl.Hook) return SymbolKind.Function; // a hook here: its default in use
        if (d instanceof Decl.Thread || d instanceof Decl.Interrupt) return SymbolKind.Event;
        if (d instanceof Decl.ObjectDecl || d instanceof Decl.Workqueue || d instanceof Decl.Work) return SymbolKind.Object;
        if (d instanceof Decl.Const) return SymbolKind.Constant;
        if (d instanceof Decl.SetDecl) return SymbolKind.Enum;
        if (d instanceof Decl.Mapping) return SymbolKind.Struct;
        return SymbolKind.Variable;
    }

    static String uri(Path p) {
        return p.toUri().toString();
    }

    private static Hover markdown(String text) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text));
    }
}
