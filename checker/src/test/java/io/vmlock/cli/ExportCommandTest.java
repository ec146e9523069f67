package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void writesPromelaToTheOutputFile(@TempDir Path dir) throws IOException {
        Path pml = dir.resolve("phil.pml");
        String example = Scenarios.root().resolve("examples/philosophers/philosophers3.vmlock").toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.CLEAN, run(out, err, "export", "--promela", example, "-o", pml.toString()), err.toString());
        assertTrue(Files.readString(pml).contains("active proctype t_phil2()"));
        assertEquals("", out.toString());
    }

    @Test
    void whatCannotBeExportedIsAnErrorWithItsPosition(@TempDir Path dir) throws IOException {
        StringBuilder source = new StringBuilder("mutex m;\nproc p60() { mutex_lock(m); mutex_unlock(m); }\n");
        for (int i = 59; i >= 0; i--) source.append("proc p").append(i).append("() { p").append(i + 1).append("(); }\n");
        source.append("thread t { p0(); }\n");
        Path file = Files.writeString(dir.resolve("deep.vmlock"), source.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INVALID_INPUT, run(out, err, "export", "--promela", file.toString()));
        assertTrue(err.toString().contains(":1: error: [not-exportable] calls nest deeper than 48 frames"), err.toString());
        assertEquals("", out.toString());
    }
}
