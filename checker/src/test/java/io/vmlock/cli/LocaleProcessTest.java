package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names under a locale that is not UTF-8, in a separate JVM (the file name encoding is fixed
 * at start-up): plain {@code java} under LANG=C says what is wrong; under C.UTF-8, which the
 * launcher sets when the locale is not UTF-8, a non-ASCII name and import work.
 */
class LocaleProcessTest {
    private record Result(int code, String out, String err) {
    }

    private static Result vmlock(Path dir, String locale, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("LC_ALL", locale);
        pb.environment().put("LANG", locale);
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        int code = pb.start().waitFor();
        return new Result(code, Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void nonAsciiNamesUnderCAndUnderTheLaunchersLocale(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("modèle.vmlock"), "mutex m;\n");
        Files.writeString(dir.resolve("scénario.vmlock"), "import \"modèle\";\nthread t { mutex_lock(m); mutex_unlock(m); }\n");
        Result c = vmlock(dir, "C", "check", "scénario.vmlock");
        assertEquals(ExitCodes.INVALID_INPUT, c.code(), c.err());
        assertTrue(c.err().contains("cannot be a file name in this JVM's file name encoding"), c.err());
        assertFalse(c.err().contains("Exception"), c.err());
        Result utf8 = vmlock(dir, "C.UTF-8", "check", "scénario.vmlock");
        assertEquals(ExitCodes.CLEAN, utf8.code(), utf8.err());
        assertEquals("scénario.vmlock: clean\n", utf8.out());
    }

    @Test
    void theLauncherRunsTheJvmInAUtf8Locale() {
        String launcher = TestFiles.read(TestFiles.repoRoot().resolve("vmlock"));
        assertTrue(launcher.contains("if [ \"$(locale charmap 2>/dev/null)\" != \"UTF-8\" ]; then export LC_ALL=C.UTF-8; fi"),
                "the launcher must set a UTF-8 locale for the JVM");
    }
}
