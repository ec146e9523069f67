package io.vmlock.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The features as functions of one analysis, without the protocol around them (LanguageServerTest has that). */
class FeaturesTest {
    @TempDir
    Path dir;

    private Analysis analyse(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        return Analysis.of(file, text, Optional.of(Scenarios.root().resolve("models")));
    }

    @Test
    void wordsEndAtNonNameCharactersAndHyphensOnlyWhenAsked() throws IOException {
        Analysis a = analyse("w.vmlock", "mutex ab_c;\nexpect recursive-lock;\n");
        assertEquals(Optional.of("mutex"), a.wordAt(0, 0, false), "at the first character");
        assertEquals(Optional.of("ab_c"), a.wordAt(0, 10, false), "at the last character");
        assertEquals(Optional.of("ab_c"), a.wordAt(0, 6, false));
        assertEquals(Optional.empty(), a.wordAt(0, 11, false), "on the semicolon after it... ");
        assertEquals(Optional.of("recursive"), a.wordAt(1, 9, false));
        assertEquals(Optional.of("recursive-lock"), a.wordAt(1, 9, true));
        assertEquals(Optional.empty(), a.wordAt(5, 0, false), "past the last line");
        assertEquals(Optional.empty(), a.wordAt(-1, 0, false));
    }

    @Test
    void diagnosticsKeepSeverityCodeNotesAndPlaceImportedOnesAtTheTop() throws IOException {
        Files.writeString(dir.resolve("lib.vmlock"), "mutex m;\nproc p() { mutex_lock(nope); }\n");
        Analysis a = analyse("main.vmlock", "import \"lib\";\nthread t { p(); mutex_unlock(m); }\n");
        var diagnostics = Features.diagnostics(a);
        var imported = diagnostics.stream().filter(d -> d.getMessage().startsWith("lib.vmlock:2:")).findFirst()
                .orElseThrow(() -> new AssertionError(diagnostics.toString()));
        assertEquals(new Range(new Position(0, 0), new Position(0, 0)), imported.getRange());
        assertEquals(DiagnosticSeverity.Error, imported.getSeverity());
        assertTrue(imported.getMessage().contains("nope"), imported::toString);

        Analysis notes = analyse("n.vmlock", "thread t { mutex_lock(q); }\n");
        var d = Features.diagnostics(notes).get(0);
        assertTrue(d.getMessage().contains("\n"), "its notes follow the message: " + d.getMessage());
        assertEquals(new Range(new Position(0, 22), new Position(0, 23)), d.getRange(), "end is exclusive");
    }

    @Test
    void completionAndOutlineSayWhatEachNameIs() throws IOException {
        Analysis a = analyse("c.vmlock", "// the page's lock\n// taken first\nmutex m;\nconst N = 2;\nset S { A, B };\n"
                + "proc p() { mutex_lock(m); mutex_unlock(m); }\nthread t { p(); }\ndaemon thread d[2] { p(); }\n");
        Map<String, CompletionItemKind> kinds = Features.completion(a).stream()
                .collect(Collectors.toMap(CompletionItem::getLabel, CompletionItem::getKind, (x, y) -> x));
        assertEquals(CompletionItemKind.Function, kinds.get("p"));
        assertEquals(CompletionItemKind.Variable, kinds.get("m"));
        assertEquals(CompletionItemKind.Reference, kinds.get("N"));
        assertEquals(CompletionItemKind.Function, kinds.get("mutex_lock"));
        assertEquals(CompletionItemKind.EnumMember, kinds.get("deadlock"));

        Map<String, DocumentSymbol> outline = Features.outline(a).stream()
                .collect(Collectors.toMap(DocumentSymbol::getName, s -> s));
        assertEquals(SymbolKind.Object, outline.get("m").getKind());
        assertEquals(SymbolKind.Constant, outline.get("N").getKind());
        assertEquals(SymbolKind.Enum, outline.get("S").getKind());
        assertEquals(SymbolKind.Function, outline.get("p").getKind());
        assertEquals(SymbolKind.Event, outline.get("t").getKind());
        assertEquals("daemon thread d[2]", outline.get("d").getDetail());
        assertEquals("thread t", outline.get("t").getDetail());
        assertEquals("set S { A, B }", outline.get("S").getDetail());

        String hover = Features.hover(a, 2, 6).orElseThrow().getContents().getRight().getValue();
        assertTrue(hover.contains("the page's lock\ntaken first"), "the comment lines above, in order: " + hover);
    }

    @Test
    void aHooksNameLeadsToTheDefinitionInUse() throws IOException {
        Files.writeString(dir.resolve("lib.vmlock"), "default int h(bool w) { return 0; }\nproc f() { if (h(true) == 0) { } }\n");
        Analysis withDefault = analyse("t.vmlock", "import \"lib\";\nthread t { if (h(true) == 0) { } }\n");
        Location toDefault = Features.definition(withDefault, 1, 15).orElseThrow();
        assertTrue(toDefault.getUri().endsWith("/lib.vmlock"), toDefault.getUri());
        assertEquals(0, toDefault.getRange().getStart().getLine());
        assertEquals(List.of("h"), withDefault.declarations().all().stream().map(n -> n.name().name())
                .filter("h"::equals).toList());

        Analysis defined = analyse("u.vmlock", "import \"lib\";\nint h(bool w) { return 1; }\nthread t { if (h(true) == 0) { } }\n");
        Location toDefinition = Features.definition(defined, 2, 15).orElseThrow();
        assertTrue(toDefinition.getUri().endsWith("/u.vmlock"), toDefinition.getUri());
        assertEquals(1, toDefinition.getRange().getStart().getLine());
        assertEquals(SymbolKind.Function, Features.outline(defined).stream()
                .filter(s -> s.getName().equals("h")).findFirst().orElseThrow().getKind());
        assertEquals(1, defined.declarations().all().stream().filter(n -> n.name().name().equals("h")).count());
    }

    @Test
    void workqueuesAndWorkItemsAreOutlinedAndTheirOperationsHovered() throws IOException {
        Analysis a = analyse("wq.vmlock", """
                ordered_workqueue log_wq;
                proc f() { }
                work log_work = f() on log_wq;
                thread t { queue_work(log_wq, log_work); flush_work(log_work); }
                """);
        Map<String, DocumentSymbol> outline = Features.outline(a).stream()
                .collect(Collectors.toMap(DocumentSymbol::getName, s -> s));
        assertEquals("ordered_workqueue log_wq", outline.get("log_wq").getDetail());
        assertEquals("work log_work = f(...) on log_wq", outline.get("log_work").getDetail());
        assertEquals(SymbolKind.Object, outline.get("log_work").getKind());
        String hover = Features.hover(a, 3, 44).orElseThrow().getContents().getRight().getValue();
        assertTrue(hover.startsWith("```vmlock\nflush_work(a work item)\n```\nbuiltin (workqueue)"), hover);
        assertTrue(Features.completion(a).stream().anyMatch(c -> c.getLabel().equals("cancel_work_sync")));
    }

    @Test
    void theServerOffersEveryFeatureItImplements() throws Exception {
        var server = new VmlockLanguageServer(Optional.empty(), "t");
        var c = server.initialize(new InitializeParams()).get().getCapabilities();
        assertTrue(c.getHoverProvider().getLeft());
        assertTrue(c.getDefinitionProvider().getLeft());
        assertTrue(c.getDocumentSymbolProvider().getLeft());
        assertTrue(c.getCompletionProvider() != null && c.getCodeLensProvider() != null);
        assertEquals(List.of(VmlockLanguageServer.CHECK_COMMAND), c.getExecuteCommandProvider().getCommands());
        assertTrue(server.getTextDocumentService() == server && server.getWorkspaceService() == server);
    }

    @Test
    void anInvalidScenariosVerdictCountsItsErrors() throws IOException {
        assertEquals("invalid (1 error)", VmlockLanguageServer.verdict(analyse("one.vmlock", "thread t { mutex_lock(q); }\n")));
        assertEquals("invalid (2 errors)",
                VmlockLanguageServer.verdict(analyse("two.vmlock", "thread t { mutex_lock(q); mutex_lock(r); }\n")));
    }
}
