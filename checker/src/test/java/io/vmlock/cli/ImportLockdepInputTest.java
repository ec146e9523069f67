package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.importer.SkeletonWriter;
import io.vmlock.importer.Splat;
import io.vmlock.importer.SplatParser;
import io.vmlock.importer.UnreadableReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad and hostile input to {@code vmlock import lockdep}: a clear error naming the line, or the
 * one splat, never a stack trace; a report with parts missing imports and says what it dropped.
 */
class ImportLockdepInputTest {
    private static final Path CORPUS = ImportLockdepCorpusTest.CORPUS;

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static String corpus(String prefix) {
        return TestFiles.read(ImportLockdepCorpusTest.reports().stream()
                .filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow());
    }

    @Test
    void errorsNameTheLineAndExitTwo() throws Exception {
        record Case(String input, String error) {
        }
        List<Case> cases = List.of(
                new Case("", "in.txt: error: [unreadable-lockdep-report] the input is empty\n"),
                new Case("hello\nworld\n", "in.txt:1:1: error: [unreadable-lockdep-report] no lockdep report in 2 lines: "
                        + "no line opens one (\"possible circular locking dependency\", \"possible recursive locking\", "
                        + "\"inconsistent lock state\", \"irq lock inversion\", \"sleeping function called from invalid "
                        + "context\", \"hung task\")\n    1 | hello\n      | ^\n"),
                new Case("x\nWARNING: possible circular locking dependency detected\nsyz/1 is trying to acquire lock:\n"
                        + "ffff0000 &mm->mmap_lock, at: __might_fault+0x9c/0x124\n",
                        "in.txt:4:1: error: [unreadable-lockdep-report] expected the lock the task is trying to "
                                + "acquire as lockdep prints a lock class, \"(name){usage}\"\n"
                                + "    4 | ffff0000 &mm->mmap_lock, at: __might_fault+0x9c/0x124\n      | ^\n"),
                new Case("[ 1.0] WARNING: possible recursive locking detected\n[ 1.1] 6.1 #1\n",
                        "in.txt:2:1: error: [unreadable-lockdep-report] the possible recursive locking report that "
                                + "starts on line 1 ends without the lock the task is trying to acquire (\"... is "
                                + "trying to acquire lock:\")\n    2 | 6.1 #1\n      | ^\n"));
        for (Case c : cases) {
            Path in = write("in.txt", c.input().getBytes(StandardCharsets.UTF_8));
            Cli run = Cli.run("import", "lockdep", in.toString());
            assertEquals(ExitCodes.INVALID_INPUT, run.code(), run.toString());
            assertEquals(c.error(), run.err().replace(in.toString(), "in.txt"));
            assertEquals("", run.out());
        }
    }

    @Test
    void randomBytesAreNotText() throws Exception {
        Random random = new Random(16);
        for (int n : new int[] {1, 100, 100_000}) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            Cli run = Cli.run("import", "lockdep", write("random.bin", bytes).toString());
            assertEquals(ExitCodes.INVALID_INPUT, run.code(), run.toString());
            assertTrue(run.err().contains(": error: [unreadable-lockdep-report] "), run.toString());
            assertFalse(run.err().contains("Exception") || run.err().contains("internal error"), run.toString());
        }
    }

    @Test
    void oneSplatInTheMiddleOfTenMegabytesOfLogIsFound() throws Exception {
        StringBuilder log = new StringBuilder();
        int line = 0;
        while (log.length() < 5_000_000) {
            log.append(String.format("[%6d.%06d] usb 1-1: new high-speed USB device number %d using xhci_hcd%n", line, line, line));
            line++;
        }
        String splat = corpus("07-");
        int before = line + (int) splat.lines().takeWhile(l -> !l.contains("possible circular")).count() + 1;
        log.append(splat);
        while (log.length() < 10_000_000) log.append("[999999.000000] audit: type=1400 apparmor=\"DENIED\"\n");
        Cli run = Cli.run("import", "lockdep", write("boot.log", log.toString().getBytes(StandardCharsets.UTF_8)).toString());
        assertEquals(ExitCodes.CLEAN, run.code(), run.err());
        assertTrue(run.out().contains("from boot.log, line " + before + ": possible circular locking dependency "
                + "(systemd-udevd/26378)."), run.out().lines().findFirst().orElse(""));
        assertFalse(run.out().contains("apparmor"), "the log after the splat is not quoted");
    }

    /** Every prefix of every corpus report, and each with garbled lines: an error or a skeleton, nothing else. */
    @Test
    void truncatedAndGarbledReportsGiveAnErrorOrASkeleton() {
        Random random = new Random(42);
        int imported = 0;
        int refused = 0;
        for (Path p : ImportLockdepCorpusTest.reports()) {
            List<String> lines = TestFiles.read(p).lines().toList();
            for (int cut = 0; cut <= lines.size(); cut++) {
                String prefix = String.join("\n", lines.subList(0, cut));
                for (String input : List.of(prefix, garble(prefix, random))) {
                    try {
                        Splat s = SplatParser.parse(input);
                        assertTrue(SkeletonWriter.write(s, "x.txt").contains("\nexpect "));
                        imported++;
                    } catch (UnreadableReport e) {
                        assertTrue(e.line() >= 0 && !e.getMessage().isBlank());
                        refused++;
                    }
                }
            }
        }
        assertTrue(imported > 500 && refused > 500, imported + " imported, " + refused + " refused");
    }

    private static String garble(String text, Random random) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length / 20; i++) {
            String noise = "(){}#>-: \n\u00e9";
            chars[random.nextInt(chars.length)] = noise.charAt(random.nextInt(noise.length()));
        }
        return new String(chars);
    }

    @Test
    void aReportWithPartsMissingImportsAndSaysWhatItDropped() throws Exception {
        Path in = CORPUS.resolve(ImportLockdepCorpusTest.reports().stream()
                .filter(p -> p.getFileName().toString().startsWith("09-")).findFirst().orElseThrow());
        Cli run = Cli.run("import", "lockdep", in.toString());
        assertEquals(ExitCodes.CLEAN, run.code(), run.toString());
        String warning = in + ":6: warning: dropped: chain entries #1, #0 (the input ends before them): the skeleton "
                + "closes the chain from the last entry it has to &sb->s_type->i_mutex_key#8 directly\n";
        assertTrue(run.err().startsWith(warning), run.err());
        assertTrue(run.out().contains("\n// Dropped (not in the input, or not readable):\n//   - chain entries #1, #0"),
                run.out());
    }

    /**
     * The corpus has no public RECLAIM_FS report (lockdep printed them until 4.14, when fs_reclaim
     * replaced the state): this one is written in lockdep's format, to exercise that branch.
     */
    @Test
    void aReclaimFsInconsistencyBecomesALockHeldOverAnAllocationThatReclaims() throws Exception {
        String report = String.join("\n", "=================================",
                "[ INFO: inconsistent lock state ]",
                "3.0.0 #1",
                "---------------------------------",
                "inconsistent {RECLAIM_FS-ON-W} -> {IN-RECLAIM_FS-W} usage.",
                "kswapd0/100 [HC0[0]:SC0[0]:HE1:SE1] takes:",
                " (&ip->i_lock){+.+.?.}, at: [<ffffffff81000000>] fs_evict_inode+0x10/0x20",
                "{RECLAIM_FS-ON-W} state was registered at:",
                "  [<ffffffff81000000>] mark_held_locks+0x10/0x20",
                "  [<ffffffff81000000>] kmem_cache_alloc+0x10/0x20",
                "  [<ffffffff81000000>] fs_setattr+0x10/0x20", "");
        Path out = dir.resolve("reclaim-fs.vmlock");
        String skeleton = imported(report, out);
        assertTrue(skeleton.contains("reclaim __GFP_FS in_reclaim();"), skeleton);
        assertTrue(skeleton.contains("    mutex_lock(ip_i_lock);\n    alloc(GFP_KERNEL);"), skeleton);
        Cli tested = Cli.run("test", out.toString());
        assertEquals("PASS " + out + " (recursive-lock)", tested.out().lines().findFirst().orElse(""), tested.toString());
    }

    /**
     * linux/erofs's erofs_domain_list_lock is the library's: a chain through it imports linux/erofs
     * and declares what its linux/super needs (a superblock, writeback's binding), and the
     * skeleton passes its test. Written in lockdep's format from corpus 56's two classes (the
     * corpus has no circular report on them).
     */
    @Test
    void aChainThroughErofsDomainListLockImportsErofsWithASuperblock() throws Exception {
        String report = String.join("\n", "======================================================",
                "WARNING: possible circular locking dependency detected",
                "6.8.0 #1 Not tainted",
                "------------------------------------------------------",
                "mount/1 is trying to acquire lock:",
                "ffff0001 (erofs_domain_list_lock){+.+.}-{3:3}, at: erofs_fscache_register_fs+0x3d/0x270",
                "",
                "but task is already holding lock:",
                "ffff0002 (&type->s_umount_key#50/1){+.+.}-{3:3}, at: alloc_super+0xe3/0x3d0",
                "",
                "which lock already depends on the new lock.",
                "",
                "the existing dependency chain (in reverse order) is:",
                "",
                "-> #1 (&type->s_umount_key#50/1){+.+.}-{3:3}:",
                "       down_write_nested+0x45/0xd0",
                "       alloc_super+0xe3/0x3d0",
                "       kern_mount+0x24/0x40",
                "       erofs_fscache_register_fs+0x1ef/0x270",
                "",
                "-> #0 (erofs_domain_list_lock){+.+.}-{3:3}:",
                "       __mutex_lock+0x10/0x20",
                "       erofs_fscache_register_fs+0x3d/0x270",
                "       erofs_fc_fill_super+0x213/0x380", "");
        Path out = dir.resolve("erofs-domain.vmlock");
        String skeleton = imported(report, out);
        assertTrue(skeleton.contains("import \"linux/erofs\";\n"), skeleton);
        assertTrue(skeleton.contains("set sb { S0 };\n"), skeleton);
        assertTrue(skeleton.contains("    mutex_lock(erofs_domain_list_lock);\n"), skeleton);
        assertFalse(skeleton.contains("mutex erofs_domain_list_lock;"), skeleton);
        Cli tested = Cli.run("test", out.toString());
        assertEquals("PASS " + out + " (deadlock)", tested.out().lines().findFirst().orElse(""), tested.toString());
    }

    /** The skeleton {@code report} imports to, written to {@code out}. */
    private String imported(String report, Path out) throws Exception {
        Path in = write(out.getFileName() + ".txt", report.getBytes(StandardCharsets.UTF_8));
        Cli imported = Cli.run("import", "lockdep", in.toString(), "-o", out.toString());
        assertEquals(ExitCodes.CLEAN, imported.code(), imported.toString());
        return TestFiles.read(out);
    }

    /**
     * The corpus's irq-state reports are all SOFTIRQ (a softirq handler, local_bh_disable): a
     * HARDIRQ one, written here in lockdep's format, keeps the hard interrupt handler.
     */
    @Test
    void aHardirqInconsistencyBecomesAnInterruptHandlerNotASoftirq() throws Exception {
        String report = String.join("\n", "================================",
                "WARNING: inconsistent lock state",
                "--------------------------------",
                "inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.",
                "swapper/0/0 [HC1[1]:SC0[0]:HE0:SE1] takes:",
                "ffff888100000000 (&q->lock){?.+.}-{2:2}, at: end_io+0x10/0x20",
                "{HARDIRQ-ON-W} state was registered at:",
                "  _raw_spin_lock+0x34/0x80",
                "  submit+0x10/0x20", "");
        Path out = dir.resolve("hardirq.vmlock");
        String skeleton = imported(report, out);
        assertTrue(skeleton.contains("    spin_lock(q_lock);  // {HARDIRQ-ON-W}: interrupts enabled\n"), skeleton);
        assertTrue(skeleton.contains("\ninterrupt irq on process_context {\n    spin_lock(q_lock);"), skeleton);
        assertFalse(skeleton.contains("softirq"), skeleton);
        Cli checked = Cli.run("check", "--format", "lockdep", out.toString());
        assertTrue(checked.out().contains("inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage."), checked.toString());
    }

    @Test
    void skeletonsOfCutReportsParse() throws Exception {
        List<String> lines = corpus("02-").lines().toList();
        for (int cut = 14; cut <= lines.size(); cut += 4) {
            Path in = write("cut.txt", String.join("\n", lines.subList(0, cut)).getBytes(StandardCharsets.UTF_8));
            Path out = dir.resolve("cut.vmlock");
            Cli imported = Cli.run("import", "lockdep", in.toString(), "-o", out.toString());
            assertEquals(ExitCodes.CLEAN, imported.code(), imported.toString());
            Cli parsed = Cli.run("parse", out.toString());
            assertEquals(ExitCodes.CLEAN, parsed.code(), "cut at " + cut + ": " + parsed);
        }
    }
}
