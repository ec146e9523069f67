package io.vmlock.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program outside the JVM (SPIN, gcc, Chromium). On a developer's machine a
 * missing one skips them; under CI=true it fails them, since .ci/run installs all three and a
 * skipped oracle there would pass without having checked anything.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** Skips (or, under CI=true, fails) the calling test unless {@code installed}. */
    public static void require(boolean installed, String what, String install) {
        require(installed, what, install, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static void require(boolean installed, String what, String install, boolean underCi) {
        if (installed) return;
        String missing = what + " is not installed (" + install + ")";
        if (underCi) fail(missing + ": CI=true, and CI installs it (.ci/run), so the tests that need it must run");
        Assumptions.abort(missing + ": skipped here; under CI=true this fails");
    }

    /** Whether an executable of this name is on PATH, the way ProcessBuilder will look it up. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
