package io.vmlock.lsp;

import io.vmlock.explore.Explorer;
import io.vmlock.explore.Limits;
import io.vmlock.findings.CheckResult;
import io.vmlock.pipeline.CheckOptions;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.report.TextReport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The language server: keeps the open scenarios' text, re-analyses one on every change and
 * publishes its diagnostics, and answers the editor's questions from the latest analysis.
 */
public final class VmlockLanguageServer implements LanguageServer, LanguageClientAware, TextDocumentService,
        WorkspaceService {
    /** The command the code lens runs (and an editor may bind): check the scenario, show the verdict. */
    public static final String CHECK_COMMAND = "vmlock.check";
    /** A check from the editor must answer while the user waits; longer searches are reported incomplete. */
    static final long CHECK_SECONDS = 20;

    private final Optional<Path> models;
    private final String version;
    private final Map<String, Analysis> open = new ConcurrentHashMap<>();
    private LanguageClient client;

    public VmlockLanguageServer(Optional<Path> models, String version) {
        this.models = models;
        this.version = version;
    }

    /** Serves one client on these streams until it exits. */
    public static void serve(InputStream in, OutputStream out, Optional<Path> models, String version)
            throws InterruptedException, ExecutionException {
        VmlockLanguageServer server = new VmlockLanguageServer(models, version);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        launcher.startListening().get();
    }

    @Override
    public void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities c = new ServerCapabilities();
        c.setTextDocumentSync(TextDocumentSyncKind.Full);
        c.setHoverProvider(true);
        c.setDefinitionProvider(true);
        c.setCompletionProvider(new CompletionOptions(false, List.of()));
        c.setDocumentSymbolProvider(true);
        c.setCodeLensProvider(new CodeLensOptions(false));
        c.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(CHECK_COMMAND)));
        return CompletableFuture.completedFuture(new InitializeResult(c, new ServerInfo("vmlock", version)));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        // the launcher's listening ends when the client closes the stream
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return this;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return this;
    }

    // --- documents

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        update(params.getTextDocument().getUri(), params.getTextDocument().getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        var changes = params.getContentChanges();
        if (!changes.isEmpty()) update(params.getTextDocument().getUri(), changes.get(changes.size() - 1).getText());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        open.remove(uri);
        if (client != null) client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        if (params.getText() != null) update(params.getTextDocument().getUri(), params.getText());
    }

    private void update(String uri, String text) {
        Analysis a = Analysis.of(Path.of(URI.create(uri)), text, models);
        open.put(uri, a);
        if (client != null) client.publishDiagnostics(new PublishDiagnosticsParams(uri, Features.diagnostics(a)));
    }

    private Optional<Analysis> analysis(String uri) {
        return Optional.ofNullable(open.get(uri));
    }

    // --- questions

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        var pos = params.getPosition();
        return CompletableFuture.completedFuture(analysis(params.getTextDocument().getUri())
                .flatMap(a -> Features.hover(a, pos.getLine(), pos.getCharacter())).orElse(null));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        var pos = params.getPosition();
        List<Location> found = analysis(params.getTextDocument().getUri())
                .flatMap(a -> Features.definition(a, pos.getLine(), pos.getCharacter())).stream().toList();
        return CompletableFuture.completedFuture(Either.forLeft(found));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        List<CompletionItem> items = analysis(params.getTextDocument().getUri()).map(Features::completion)
                .orElse(List.of());
        return CompletableFuture.completedFuture(Either.forLeft(items));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        List<Either<SymbolInformation, DocumentSymbol>> symbols = analysis(params.getTextDocument().getUri())
                .map(Features::outline).orElse(List.of()).stream()
                .map(Either::<SymbolInformation, DocumentSymbol>forRight).toList();
        return CompletableFuture.completedFuture(symbols);
    }

    /** One lens on the first line: the verdict of a check of the current text; clicking re-runs it. */
    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        String uri = params.getTextDocument().getUri();
        return CompletableFuture.supplyAsync(() -> analysis(uri).map(a -> List.of(new CodeLens(Ranges.start(),
                new Command("vmlock: " + verdict(a), CHECK_COMMAND, List.of(uri)), null))).orElse(List.of()));
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        if (!CHECK_COMMAND.equals(params.getCommand()) || params.getArguments().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String uri = String.valueOf(params.getArguments().get(0)).replaceAll("^\"|\"$", "");
        return CompletableFuture.supplyAsync(() -> analysis(uri).map(a -> {
            String summary = a.displayName() + ": " + verdict(a);
            if (client != null) client.showMessage(new org.eclipse.lsp4j.MessageParams(
                    org.eclipse.lsp4j.MessageType.Info, summary));
            return (Object) summary;
        }).orElse(null));
    }

    /** The summary line `vmlock check` prints for the scenario, or why there is none. */
    static String verdict(Analysis a) {
        if (a.lowered().isEmpty()) {
            long errors = a.diagnostics().stream().filter(d -> d.severity() == io.vmlock.diag.Severity.ERROR).count();
            return "invalid (" + errors + " error" + (errors == 1 ? "" : "s") + ")";
        }
        Explorer.Options search = new Explorer.Options(Explorer.Order.BFS,
                new Limits(Limits.DEFAULT_MAX_STATES, CHECK_SECONDS, Limits.defaultMemory()));
        CheckResult result = Pipeline.check(a.lowered().get(), CheckOptions.of(search));
        return TextReport.summary(result);
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    }
}
