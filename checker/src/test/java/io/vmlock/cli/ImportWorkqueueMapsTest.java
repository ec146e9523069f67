package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workqueue's lockdep classes, {@code (wq_completion)name} and {@code (work_completion)(&w)},
 * import as {@code lockdep_map} pseudo-locks: a flush on a link's stack takes the map and waits
 * for the work, a worker holding the map completes that wait after the work, so the search
 * finds the deadlock lockdep predicted through the maps.
 */
class ImportWorkqueueMapsTest {
    private static final String WORK = "(work_completion)(&(&ctx->rsrc_put_work)->work)";

    @TempDir
    Path dir;

    /** A flush of a work item under a mutex that the work item's function takes (written in lockdep's format). */
    private static String report(String flushFrame) {
        return String.join("\n",
                "======================================================",
                "WARNING: possible circular locking dependency detected",
                "------------------------------------------------------",
                "kworker/2:4/2684 is trying to acquire lock:",
                "ffff888000000001 (&ctx->uring_lock){+.+.}-{3:3}, at: io_rsrc_put_work+0x13d/0x1a0",
                "",
                "but task is already holding lock:",
                "ffff888000000002 (" + WORK + "){+.+.}-{0:0}, at: process_one_work+0x1bc/0x530",
                "",
                "which lock already depends on the new lock.",
                "",
                "the existing dependency chain (in reverse order) is:",
                "",
                "-> #1 (" + WORK + "){+.+.}-{0:0}:",
                "       lock_acquire+0xc8/0x2f0",
                "       " + flushFrame + "+0x6e/0x4a0",
                "       io_rsrc_ref_quiesce+0xf9/0x130",
                "       __do_sys_io_uring_register+0x45b/0x1060",
                "",
                "-> #0 (&ctx->uring_lock){+.+.}-{3:3}:",
                "       __mutex_lock+0x86/0x740",
                "       io_rsrc_put_work+0x13d/0x1a0",
                "       process_one_work+0x236/0x530",
                "");
    }

    @Test
    void aFlushUnderALockTheWorkTakesIsADeadlockThroughTheMap() throws Exception {
        Path report = dir.resolve("flush.txt");
        Files.writeString(report, report("__flush_work"));
        Path skeleton = dir.resolve("flush.vmlock");
        Cli imported = Cli.run("import", "lockdep", report.toString(), "-o", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, imported.code(), imported.toString());
        String text = Files.readString(skeleton);
        String map = "work_completion_ctx_rsrc_put_work_work";
        assertTrue(text.contains("\nlockdep_map " + map + ";  // (" + WORK + "){+.+.}-{0:0}"), text);
        assertTrue(text.contains("thread chain_1 {\n    mutex_lock(ctx_uring_lock);\n    lock_map_acquire(" + map
                + ");\n    lock_map_release(" + map + ");\n    wait_for_completion(" + map + "_flushed);"), text);
        assertTrue(text.contains("thread chain_0 {\n    lock_map_acquire(" + map + ");\n    mutex_lock(ctx_uring_lock);"
                + "\n    mutex_unlock(ctx_uring_lock);\n    lock_map_release(" + map + ");\n    complete(" + map
                + "_flushed);"), text);
        assertTrue(text.contains("expect deadlock;"), text);
        Cli tested = Cli.run("test", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, tested.code(), tested + "\n" + text);
        assertTrue(tested.out().startsWith("PASS"), tested.toString());
    }

    /**
     * A stack that names no flush (cut short, or an unknown wrapper) is still a flush, said as
     * assumed: only a flush takes a work's map on its own; one that shows the worker is the worker.
     */
    @Test
    void aMapTakenOnItsOwnIsAFlushUnlessTheWorkerTakesIt() throws Exception {
        Cli assumed = Cli.run("import", "lockdep", write("unknown.txt", report("some_driver_function")).toString());
        assertEquals(ExitCodes.CLEAN, assumed.code(), assumed.toString());
        assertTrue(assumed.out().contains("_flushed);  // a flush (assumed: the stack names none"), assumed.out());
        Cli worker = Cli.run("import", "lockdep", write("worker.txt", report("process_one_work")).toString());
        assertTrue(worker.out().contains("    complete(work_completion_ctx_rsrc_put_work_work_flushed);  // the work "
                + "has run"), worker.out());
        assertTrue(!worker.out().contains("wait_for_completion("), worker.out());
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
