package io.vmlock.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives `vmlock lsp` as an editor would: a real LSP client over JSON-RPC on piped streams. */
class LanguageServerTest {
    private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    private LanguageServer server;
    private Thread serving;

    @TempDir
    Path dir;

    /** The editor side: collects what the server publishes. */
    private final class Client implements LanguageClient {
        public void telemetryEvent(Object object) {
        }

        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.add(diagnostics);
        }

        public void showMessage(MessageParams messageParams) {
        }

        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        public void logMessage(MessageParams message) {
        }
    }

    @BeforeEach
    void connect() throws Exception {
        // NIO pipes, not java.io's Piped streams: those fail ("write end dead") once a pooled writer thread ends
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        InputStream serverIn = Channels.newInputStream(toServer.source());
        OutputStream clientOut = Channels.newOutputStream(toServer.sink());
        InputStream clientIn = Channels.newInputStream(toClient.source());
        OutputStream serverOut = Channels.newOutputStream(toClient.sink());
        Optional<Path> models = Optional.of(Scenarios.root().resolve("models"));
        serving = new Thread(() -> {
            try {
                VmlockLanguageServer.serve(serverIn, serverOut, models, "test");
            } catch (Exception closed) {
                // the test closed the streams
            }
        }, "vmlock-lsp-test");
        serving.setDaemon(true);
        serving.start();
        var launcher = LSPLauncher.createClientLauncher(new Client(), clientIn, clientOut);
        launcher.startListening();
        server = launcher.getRemoteProxy();
        var init = server.initialize(new InitializeParams()).get(30, TimeUnit.SECONDS);
        assertTrue(init.getCapabilities().getHoverProvider().getLeft());
    }

    @AfterEach
    void disconnect() {
        serving.interrupt();
    }

    private String open(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "vmlock", 1, text)));
        return uri;
    }

    private PublishDiagnosticsParams nextDiagnostics() throws InterruptedException {
        PublishDiagnosticsParams p = published.poll(30, TimeUnit.SECONDS);
        assertTrue(p != null, "no diagnostics published within 30 s");
        return p;
    }

    @Test
    void diagnosticsAsYouTypeWithTheCommandLinesCodesAndSpans() throws Exception {
        String uri = open("s.vmlock", "mutex m;\nthread t { mutex_lock(m); mutex_unlock(m); }\nexpect clean;\n");
        assertEquals(List.of(), nextDiagnostics().getDiagnostics(), "a valid scenario has none");

        String broken = "mutex m;\nthread t { mutex_lock(n); mutex_unlock(m); }\nexpect clean;\n";
        var change = new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
                List.of(new TextDocumentContentChangeEvent(broken)));
        server.getTextDocumentService().didChange(change);
        var diagnostics = nextDiagnostics().getDiagnostics();
        assertEquals(1, diagnostics.size(), diagnostics::toString);
        var d = diagnostics.get(0);
        assertEquals("vmlock", d.getSource());
        assertTrue(d.getMessage().contains("n"), d::toString);
        // `n` in `mutex_lock(n)`: line 2, column 23 (1-based) -> LSP 1:22
        assertEquals(new Position(1, 22), d.getRange().getStart(), d::toString);
        assertTrue(d.getCode().getLeft().matches("[a-z-]+"), "the diagnostic code, as the CLI prints it: " + d.getCode());
    }

    @Test
    void hoverDefinitionCompletionAndOutlineReachIntoTheModelLibrary() throws Exception {
        String text = "import \"linux/mm\";\nmutex local_lock;\nthread t {\n    lock_page(p0);\n    unlock_page(p0);\n}\n";
        String uri = open("s.vmlock", text);
        nextDiagnostics();
        var doc = new TextDocumentIdentifier(uri);

        var hover = server.getTextDocumentService().hover(new HoverParams(doc, new Position(3, 6))).get(30, TimeUnit.SECONDS);
        String shown = hover.getContents().getRight().getValue();
        assertTrue(shown.contains("proc lock_page(page p)"), shown);
        assertTrue(shown.contains("models/") || shown.contains("linux/mm.vmlock"), "says where it is declared: " + shown);

        var lockHover = server.getTextDocumentService().hover(new HoverParams(doc, new Position(1, 8))).get(30, TimeUnit.SECONDS);
        assertTrue(lockHover.getContents().getRight().getValue().contains("mutex local_lock"), lockHover::toString);

        var found = server.getTextDocumentService().definition(new DefinitionParams(doc, new Position(3, 6)))
                .get(30, TimeUnit.SECONDS).getLeft();
        assertEquals(1, found.size(), found::toString);
        Location at = found.get(0);
        assertTrue(at.getUri().endsWith("models/linux/mm.vmlock"), at::toString);
        int declared = Files.readAllLines(Scenarios.root().resolve("models/linux/mm.vmlock")).indexOf(
                Files.readAllLines(Scenarios.root().resolve("models/linux/mm.vmlock")).stream()
                        .filter(l -> l.startsWith("proc lock_page(")).findFirst().orElseThrow());
        assertEquals(declared, at.getRange().getStart().getLine());

        List<CompletionItem> items = server.getTextDocumentService().completion(new CompletionParams(doc, new Position(3, 4)))
                .get(30, TimeUnit.SECONDS).getLeft();
        CompletionItem lockPage = items.stream().filter(i -> i.getLabel().equals("lock_page")).findFirst().orElseThrow();
        assertEquals("proc lock_page(page p)", lockPage.getDetail());
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("mutex_lock")), "builtins complete too");
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("local_lock")), "and the scenario's own names");

        var outline = server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(doc)).get(30, TimeUnit.SECONDS);
        assertEquals(List.of("local_lock", "t"), outline.stream().map(e -> e.getRight().getName()).toList(),
                "the outline is this file's declarations, not the library's");
    }

    @Test
    void hoverOnAVerdictGivesItsHelp() throws Exception {
        String uri = open("s.vmlock", "mutex m;\nthread t { mutex_lock(m); mutex_unlock(m); }\nexpect recursive-lock;\n");
        nextDiagnostics();
        var hover = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(2, 12))).get(30, TimeUnit.SECONDS);
        assertTrue(hover.getContents().getRight().getValue().toLowerCase().contains("recursive"), hover::toString);
    }

    @Test
    void theCodeLensChecksTheScenarioAndShowsTheVerdict() throws Exception {
        String abba = Files.readString(Scenarios.root().resolve("examples/classic/abba.vmlock"));
        String uri = open("abba.vmlock", abba);
        nextDiagnostics();
        var lenses = server.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
                .get(60, TimeUnit.SECONDS);
        assertEquals(1, lenses.size());
        assertEquals("vmlock: 1 deadlock", lenses.get(0).getCommand().getTitle());

        String bad = open("bad.vmlock", "thread t { mutex_lock(; }\n");
        nextDiagnostics();
        var badLens = server.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(bad)))
                .get(60, TimeUnit.SECONDS);
        assertTrue(badLens.get(0).getCommand().getTitle().startsWith("vmlock: invalid ("), badLens::toString);
    }
}
