package io.vmlock.cli;

import io.vmlock.budget.StopSignal;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The vmlock command line; the only place that calls System.exit. */
@Command(name = "vmlock", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Model checker for Linux VM/filesystem lock orderings.",
        subcommands = {CheckCommand.class, TestCommand.class, DiffCommand.class, ParseCommand.class,
                OrderCommand.class, GraphCommand.class, ExportCommand.class, CommandLine.HelpCommand.class},
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
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
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
        code.set(run(args, out, err, stop));
        done.countDown();
        System.exit(code.get());
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, new StopSignal());
    }

    /** {@link #run(String[], PrintWriter, PrintWriter)}, stopped early when {@code stop} is raised. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, StopSignal stop) {
        AtomicInteger code = new AtomicInteger(ExitCodes.INTERNAL_ERROR);
        Thread worker = new Thread(null, () -> code.set(execute(args, out, err, stop)), "vmlock", STACK_BYTES);
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

    private static int execute(String[] args, PrintWriter out, PrintWriter err, StopSignal stop) {
        CommandLine cli = new CommandLine(new Main(stop));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> internalError(ex, err));
        try {
            return cli.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            return internalError(e, err);
        }
    }

    static int internalError(Throwable e, PrintWriter err) {
        err.println("vmlock: internal error: " + e);
        err.println("  this is a bug in vmlock; please report it with the input that caused it");
        if (System.getenv("VMLOCK_DEBUG") != null) e.printStackTrace(err);
        return ExitCodes.INTERNAL_ERROR;
    }
}
