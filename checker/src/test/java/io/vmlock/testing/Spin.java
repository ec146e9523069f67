package io.vmlock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs SPIN (spin -a, gcc, pan) on a Promela model, for tests that use it as an oracle. */
public final class Spin {
    public record Outcome(long states, long transitions, boolean invalidEndState, boolean assertionViolated) {
    }

    private Spin() {
    }

    /**
     * Whether spin and gcc are installed. One that is installed but does not run is an error,
     * not "not available": that would silently skip the differential tests.
     */
    public static boolean available() {
        if (!ExternalTools.onPath("spin") || !ExternalTools.onPath("gcc")) return false;
        mustRun(List.of("spin", "-V"));
        mustRun(List.of("gcc", "--version"));
        return true;
    }

    private static void mustRun(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " is installed but failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " is installed but could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        }
    }

    /** Skips the calling test where spin or gcc is missing, fails it under CI=true. */
    public static void require() {
        ExternalTools.require(available(), "spin or gcc", "apt-get install spin gcc; .ci/run does it");
    }

    /** A full search without SPIN's own reduction, going past errors. */
    public static Outcome run(String promela, Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("model.pml"), promela, StandardCharsets.UTF_8);
        // -o1 -o2: no data-flow optimisation nor dead-variable elimination: both merge states
        run(dir, "spin", "-o1", "-o2", "-a", "model.pml");
        run(dir, "gcc", "-O0", "-DSAFETY", "-DNOREDUCE", "-o", "pan", "pan.c");
        String out = run(dir, "./pan", "-c0", "-m100000", "-w18", "-n"); // small models: a small stack and hash table

        try {
            return new Outcome(number(out, "([0-9]+) states, stored"), number(out, "([0-9]+) transitions \\(= stored"),
                    Pattern.compile("pan:[0-9]+: invalid end state").matcher(out).find(),
                    Pattern.compile("pan:[0-9]+: assertion violated").matcher(out).find());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (in " + dir + ")", e);
        }
    }

    private static long number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) throw new IllegalStateException("no '" + regex + "' in pan's output:\n" + out);
        return Long.parseLong(m.group(1));
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " timed out");
        }
        if (p.exitValue() != 0 && !command[0].equals("./pan")) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
