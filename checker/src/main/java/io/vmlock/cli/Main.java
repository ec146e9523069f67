package io.vmlock.cli;

import io.vmlock.budget.StopSignal;
import io.vmlock.diag.FileNames;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The vmlock command line; the only place that calls System.exit. */
@Command(name = "vmlock", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Model checker for Linux VM/filesystem lock orderings.",
        subcommands = {CheckCommand.class, TestCommand.class, DiffCommand.class, ParseCommand.class,
                OrderCommand.class, GraphCommand.class, ExportCommand.class, ImportCommand.class, LspCommand.class,
                CommandLine.HelpCommand.class,
                // bash/zsh completion: source <(vmlock generate-completion)
                AutoComplete.GenerateCompletion.class},
        footer = "%n" + ExitCodes.HELP_TABLE)
public final class Main {
    /** Deeply nested input recurses deeply; a large stack keeps that an answer, not a crash. */
    private static final long STACK_BYTES = 512L * 1024 * 1024;

    /** How long a signal waits for the report of what is known before the JVM ends anyway. */
    private static final long SIGNAL_GRACE_SECONDS = 10;

    /** Raised by SIGINT or SIGTERM: the file being checked stops, and every report is written. */
    final StopSignal stop;

    private Main(StopSignal stop) {
        this.stop = stop;
    }

    /**
     * SIGINT and SIGTERM start the JVM's shutdown, which runs the hook: it raises the stop signal,
     * waits for the command to report what it knows (marked incomplete), and ends with its code.
     */
    public static void main(String[] args) {
        // UTF-8 whatever the locale: reports and diagnostics quote UTF-8 sources and file names
        PrintWriter out = utf8(System.out);
        PrintWriter err = utf8(System.err);
        StopSignal stop = new StopSignal();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger code = new AtomicInteger(ExitCodes.INTERNAL_ERROR);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (done.getCount() == 0) return; // a normal exit
            stop.raise("stopped by a signal (SIGINT or SIGTERM)");
            try {
                if (!done.await(SIGNAL_GRACE_SECONDS, TimeUnit.SECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
            out.flush();
            err.flush();
            Runtime.getRuntime().halt(code.get());
        }, "vmlock-signal"));
        code.set(run(args, System.in, out, err, stop));
        done.countDown();
        System.exit(code.get());
    }

    private static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err, new StopSignal());
    }

    /** {@link #run(String[], PrintWriter, PrintWriter)} with {@code stdin} as what {@code -} reads. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        return run(args, stdin, out, err, new StopSignal());
    }

    /** {@link #run(String[], PrintWriter, PrintWriter)}, stopped early when {@code stop} is raised. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, StopSignal stop) {
        return run(args, System.in, out, err, stop);
    }

    private static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err, StopSignal stop) {
        AtomicInteger code = new AtomicInteger(ExitCodes.INTERNAL_ERROR);
        Thread worker = new Thread(null, () -> code.set(execute(args, stdin, out, err, stop)), "vmlock", STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        err.flush();
        return code.get();
    }

    private static int execute(String[] args, InputStream stdin, PrintWriter out, PrintWriter err, StopSignal stop) {
        CommandLine cli = new CommandLine(new Main(stop), new Factory(stdin));
        cli.registerConverter(Path.class, Main::path);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> internalError(ex, err));
        try {
            return cli.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            return internalError(e, err);
        }
    }

    /** A file name the JVM cannot encode (a non-ASCII name under LANG=C) says so, and what to do. */
    private static Path path(String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + FileNames.printable(name) + "' cannot be a file name in "
                    + "this JVM's file name encoding (" + System.getProperty("sun.jnu.encoding") + "): run vmlock in a "
                    + "UTF-8 locale, e.g. LC_ALL=C.UTF-8, as ./vmlock does");
        }
    }

    /** Creates the commands, giving the input options the standard input of this run. */
    private record Factory(InputStream stdin) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == InputOptions.class) return type.cast(new InputOptions(stdin));
            return CommandLine.defaultFactory().create(type);
        }
    }

    static int internalError(Throwable e, PrintWriter err) {
        err.println("vmlock: internal error: " + e);
        err.println("  this is a bug in vmlock; please report it with the input that caused it");
        if (System.getenv("VMLOCK_DEBUG") != null) e.printStackTrace(err);
        return ExitCodes.INTERNAL_ERROR;
    }
}
