package io.vmlock.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The vmlock command line; the only place that calls System.exit. */
@Command(name = "vmlock", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Model checker for Linux VM/filesystem lock orderings.",
        subcommands = {CheckCommand.class, TestCommand.class, DiffCommand.class, ParseCommand.class,
                OrderCommand.class, GraphCommand.class, ExportCommand.class, ImportCommand.class,
                CommandLine.HelpCommand.class},
        footer = "%n" + ExitCodes.HELP_TABLE)
public final class Main {
    /** Deeply nested input recurses deeply; a large stack keeps that an answer, not a crash. */
    private static final long STACK_BYTES = 512L * 1024 * 1024;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        AtomicInteger code = new AtomicInteger(ExitCodes.INTERNAL_ERROR);
        Thread worker = new Thread(null, () -> code.set(execute(args, out, err)), "vmlock", STACK_BYTES);
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

    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
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
