package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vmlock.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run as CI runs it (root, no sandbox, no network services, a fresh
 * profile each time). Missing Chromium skips the test on a developer's machine and fails it under
 * CI=true: CI installs it, and an HTML report that was never rendered is not known to render.
 */
final class Chromium {
    /** Names a Chromium goes by on PATH, Debian's first; $VMLOCK_CHROMIUM names one anywhere. */
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "chrome");
    static final Path BINARY = find();

    /** What a run printed: the page's DOM (or nothing) on stdout, Chromium's log on stderr. */
    record Run(String stdout, String stderr) {
        /** Console messages the page produced: ours logs none, so any is an error. */
        List<String> consoleLines() {
            return stderr.lines().filter(l -> l.matches(".*:CONSOLE[:(].*")).toList();
        }
    }

    private Chromium() {
    }

    private static Path find() {
        String named = System.getenv("VMLOCK_CHROMIUM");
        if (named != null && !named.isBlank()) return Path.of(named);
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) return candidate;
            }
        }
        return Path.of("chromium"); // not found: require() below says how to get one
    }

    static Run run(Path page, String... mode) throws IOException, InterruptedException {
        ExternalTools.require(Files.isExecutable(BINARY), "chromium on PATH (or $VMLOCK_CHROMIUM)",
                "apt-get install chromium; .ci/run does it, so the HTML report is checked in a real browser");
        Path profile = Files.createTempDirectory("vmlock-chromium");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(mode));
        cmd.add(page.toUri().toString());
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s: " + String.join(" ", cmd));
        }
        Run run = new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue(), () -> "chromium failed:\n" + run.stderr());
        return run;
    }
}
