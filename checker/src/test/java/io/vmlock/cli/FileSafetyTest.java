package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vmlock writes only its reports and reads only scenarios: never over an input, never a secret into a log. */
class FileSafetyTest {
    private static final String GOOD = InvalidInputReportsTest.GOOD;
    /** What a file outside the scenario's folder holds: it must never appear in any output. */
    private static final String SECRET = "GITHUB_TOKEN=ghp_secret_value_123\n";

    @Test
    void outputOnAnInputIsRefusedAndTheInputKept(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("scenario.txt"), GOOD);
        Path other = Files.writeString(dir.resolve("other.vmlock"), GOOD);
        for (List<String> args : List.of(List.of("check", scenario.toString(), "-o", scenario.toString()),
                List.of("check", scenario.toString(), "--format", "json", "-o", dir.resolve("./scenario.txt").toString()),
                List.of("test", dir.toString(), "-o", other.toString()),
                List.of("graph", scenario.toString(), "-o", scenario.toString()),
                List.of("export", "--promela", other.toString(), "-o", other.toString()))) {
            Cli r = Cli.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), args + ": " + r);
            assertTrue(r.err().contains("refused") || r.err().contains("never written over a scenario"), r.err());
        }
        assertEquals(GOOD, Files.readString(scenario));
        assertEquals(GOOD, Files.readString(other));
    }

    @Test
    void aGlobAfterOutputCannotOverwriteScenarios(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.vmlock"), GOOD);
        Path b = Files.writeString(dir.resolve("b.vmlock"), GOOD);
        // `check b.vmlock -o *.vmlock` as the shell expands it
        Cli r = Cli.run("check", b.toString(), "-o", a.toString(), b.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("-o " + a + ": a report is never written over a scenario (.vmlock)"), r.err());
        assertEquals(GOOD, Files.readString(a));
    }

    @Test
    void twoOutputsNamingOneFileAreRefused(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.vmlock"), GOOD);
        Path report = dir.resolve("r.json");
        Cli r = Cli.run("check", scenario.toString(), "--format", "json", "-o", report.toString(), "--format", "sarif",
                "-o", dir.resolve("sub/../r.json").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("names the same file as -o " + report), r.err());
        assertFalse(Files.exists(report));
        Cli baseline = Cli.run("check", scenario.toString(), "-o", report.toString(), "--write-baseline", report.toString());
        assertEquals(ExitCodes.INVALID_INPUT, baseline.code(), baseline.toString());
        assertTrue(baseline.err().contains("--write-baseline " + report + " names the same file as -o " + report),
                baseline.err());
    }

    @Test
    void aScenarioLinkedToASecretIsRefusedWithoutPrintingIt(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("environ"), SECRET);
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createSymbolicLink(repo.resolve("x.vmlock"), secret);
        for (String target : List.of(repo.resolve("x.vmlock").toString(), repo.toString())) {
            Cli r = Cli.run("check", target, "--format", "json");
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
            assertTrue(r.err().contains("x.vmlock:1:1: error: [unreadable-file] cannot read")
                    && r.err().contains("a symbolic link to a file outside its folder"), r.err());
            assertNoSecret(r);
        }
        Cli proc = Cli.run("check", symlink(repo, "env.vmlock", Path.of("/proc/self/environ")).toString());
        assertEquals(ExitCodes.INVALID_INPUT, proc.code(), proc.toString());
        assertTrue(proc.err().contains("a symbolic link to a file outside its folder"), proc.err());
    }

    @Test
    void importsLeavingTheirFolderAreRefusedWithoutPrintingTheTarget(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.vmlock"), SECRET);
        Path repo = Files.createDirectories(dir.resolve("repo"));
        symlink(repo, "env.vmlock", secret);
        symlink(repo, "proc.vmlock", Path.of("/proc/self/environ"));
        Files.writeString(repo.resolve("notes.txt"), SECRET);
        symlink(repo, "notes.vmlock", repo.resolve("notes.txt"));
        for (String imp : List.of("env", "proc", "../secret", secret.toString(), "notes")) {
            Path main = Files.writeString(repo.resolve("main.vmlock"), "import \"" + imp + "\";\nthread t { }\n");
            Cli r = Cli.run("check", main.toString(), "--format", "sarif");
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), imp + ": " + r);
            assertTrue(r.err().contains("main.vmlock:1:8: error: [unsafe-import] import \"" + imp + "\""), r.err());
            assertTrue(r.err().contains(": refused"), r.err());
            assertNoSecret(r);
        }
    }

    @Test
    void importsInsideTheirFoldersStillWork(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve("lib"));
        Files.writeString(repo.resolve("lib/locks.vmlock"), "mutex m;\n");
        symlink(repo, "alias.vmlock", repo.resolve("lib/locks.vmlock"));
        for (String imp : List.of("lib/locks", "alias")) {
            Path main = Files.writeString(repo.resolve("main.vmlock"),
                    "import \"" + imp + "\";\nthread t { mutex_lock(m); mutex_unlock(m); }\n");
            Cli r = Cli.run("check", main.toString());
            assertEquals(ExitCodes.CLEAN, r.code(), imp + ": " + r);
        }
    }

    /**
     * A file named explicitly that is not a scenario is still parsed, but no diagnostic shows any
     * of its text, not a line, a token or a name: only where and what kind of error. The same text
     * as a scenario shows its tokens, so the test sees what it hides.
     */
    @Test
    void noTextOfAFileThatIsNotAScenarioIsShown(@TempDir Path dir) throws Exception {
        List<String> texts = List.of(SECRET, "mutex m;\n" + SECRET + "thread t { mutex_lock(m); }\n",
                "mutex m;\nthread t { mutex_lock(GITHUB_TOKEN); }\n", "import \"ghp_secret_value_123\";\nthread t { }\n");
        for (String text : texts) {
            Files.writeString(dir.resolve("notes.txt"), text);
            Files.deleteIfExists(dir.resolve("link.vmlock"));
            symlink(dir, "link.vmlock", dir.resolve("notes.txt"));
            for (String input : List.of("notes.txt", "link.vmlock")) {
                for (String format : List.of("text", "json", "sarif", "junit", "html")) {
                    Path report = dir.resolve("report." + format);
                    Cli r = Cli.run("check", dir.resolve(input).toString(), "--format", format, "-o", report.toString());
                    assertEquals(ExitCodes.INVALID_INPUT, r.code(), text + r);
                    assertTrue(r.err().contains(input + ":") && r.err().contains(": error: [")
                            && r.err().contains("note: the file is not a .vmlock scenario, so none of its text is shown"),
                            r.err());
                    assertFalse(r.err().contains(" | "), "no quoted line: " + r.err());
                    assertNoSecret(r);
                    assertFalse(Files.readString(report).contains("GITHUB_TOKEN")
                            || Files.readString(report).contains("ghp_secret"), format + ": " + Files.readString(report));
                }
            }
            Cli asScenario = Cli.run("check", Files.writeString(dir.resolve("scenario.vmlock"), text).toString());
            assertTrue(asScenario.err().contains("GITHUB_TOKEN") || asScenario.err().contains("ghp_secret"),
                    "the same text as a scenario is quoted: " + asScenario.err());
        }
    }

    private static Path symlink(Path folder, String name, Path target) throws Exception {
        return Files.createSymbolicLink(folder.resolve(name), target);
    }

    private static void assertNoSecret(Cli r) {
        for (String s : List.of(r.out(), r.err())) {
            assertFalse(s.contains("ghp_secret") || s.contains("GITHUB_TOKEN") || s.contains("PATH="), s);
        }
    }
}
