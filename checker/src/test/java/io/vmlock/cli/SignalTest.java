package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a real vmlock process in the middle of a long search: the search ends, the report
 * of what is known is printed marked incomplete, and the exit code is 3, not a silent death.
 * {@link Process#destroy} sends SIGTERM on Linux. The process runs {@link Main} on this test's
 * class path: the jar is only built after the tests.
 */
@EnabledOnOs(OS.LINUX)
class SignalTest {
    /** Eight counters of sixteen values each, every interleaving: 16^8 states, far beyond the seconds it gets. */
    private static String longSearch() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) s.append("int(0..15) c").append(i).append(";\n");
        for (int i = 0; i < 8; i++) {
            s.append("thread t").append(i).append(" { while (c").append(i).append(" < 15) { c").append(i)
                    .append(" = c").append(i).append(" + 1; } }\n");
        }
        return s.append("expect clean;\n").toString();
    }

    @Test
    void sigtermEndsTheSearchAndPrintsTheIncompleteReport(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("counters.vmlock");
        Files.writeString(scenario, longSearch());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a heap that the search cannot fill before the signal: with the compact visited set and
        // the transitions the livelock check keeps, 1 GiB filled in about 5 s on a 2-core machine
        Process p = new ProcessBuilder(List.of(java, "-Xmx3g", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "check", "--no-reductions", "--max-seconds", "600", scenario.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            // time to start and get into the search: it would run for hours
            assertTrue(!p.waitFor(4, TimeUnit.SECONDS), "the search ended by itself: " + read(out) + read(err));
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "no exit within 60 s of SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        String printed = read(out);
        assertTrue(printed.contains("counters.vmlock: incomplete: stopped by a signal (SIGINT or SIGTERM)"),
                printed + read(err));
        assertEquals(ExitCodes.INCOMPLETE, p.exitValue(), printed + read(err));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
