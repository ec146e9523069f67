package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the parser reads out of corpus reports, fact by fact, and the noise it strips. */
class SplatParserTest {
    private static Splat corpus(String prefix) throws UnreadableReport {
        Path dir = TestFiles.repoRoot().resolve("checker/src/test/resources/lockdep");
        Path file = TestFiles.find(dir, ".txt").stream().filter(p -> p.getFileName().toString().startsWith(prefix))
                .findFirst().orElseThrow();
        return SplatParser.parse(TestFiles.read(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "[   20.060942] WARNING: possible circular|WARNING: possible circular",
        "[96462.232774][   T38] Showing all locks|Showing all locks",
        "<4>[96462.232774][   T38]  #0: ffff| #0: ffff",
        "[  123.456789][    C1] lock(x);|lock(x);",
        "  [ 9482.126534] ffffa0c869a7dac0 (x){+.+.}|ffffa0c869a7dac0 (x){+.+.}",
        "  [ 9482.128327]|''",
        " [] -> #1 (all_q_mutex){+.+.+.}:|-> #1 (all_q_mutex){+.+.+.}:",
        " []  (cpu_hotplug_lock.rw_sem){++++++}, at:| (cpu_hotplug_lock.rw_sem){++++++}, at:",
        " []|''",
        "[ 5403.140664]   [] 0xffffffffffffffff|  [] 0xffffffffffffffff",
        "2016-03-26T20:52:22.526357+00:00 mira108 kernel: (&pipe->mutex/1)|(&pipe->mutex/1)",
        "Jun 11 11:02:51 k8snode228 kernel:  Possible unsafe| Possible unsafe",
        "3,630,413574879,-;BUG: sleeping function|BUG: sleeping function",
        "Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872] 3.15.0|3.15.0",
        "> > -> #1 (&mm->mmap_lock){++++}:|-> #1 (&mm->mmap_lock){++++}:",
        "-> #0 (&f->sem){+.+.}:|-> #0 (&f->sem){+.+.}:",
    })
    void logPrefixesAreStripped(String line, String text) {
        assertEquals(text, ReportLines.strip(line));
    }

    @Test
    void syslogNewlineEscapesBecomeLinesOfTheSameNumber() {
        List<SourceLine> lines = ReportLines.of("a\nkernel text #012-> #2 (x){+.+.}:\n");
        assertEquals(List.of(new SourceLine(1, "a"), new SourceLine(2, "kernel text "),
                new SourceLine(2, "-> #2 (x){+.+.}:")), lines);
    }

    @Test
    void linesAMailClientWrappedInsideALockAreJoined() throws UnreadableReport {
        String report = String.join("\n", "WARNING: possible recursive locking detected",
                "a.out/1 is trying to acquire lock:",
                "ffff888000000000 (&sb->s_type->i_mutex_key#8){++++}-{3:3}, at:",
                "inode_lock+0x10/0x20",
                "but task is already holding lock:",
                "ffff888000000000 (&sb->s_type->",
                "i_mutex_key#8){++++}-{3:3}, at: vfs_rename+0x10/0x20");
        Splat.Recursive r = assertInstanceOf(Splat.Recursive.class, SplatParser.parse(report));
        assertEquals("inode_lock", r.acquiringAt());
        assertEquals("&sb->s_type->i_mutex_key#8", r.holding().name());
        assertEquals("vfs_rename", r.holdingAt());
    }

    @Test
    void linesAMailClientWrappedBeforeAtAreJoined() throws UnreadableReport {
        Splat.Recursive r = assertInstanceOf(Splat.Recursive.class, corpus("56-"));
        assertEquals("&type->s_umount_key#50/1", r.acquiring().name());
        assertEquals("alloc_super", r.acquiringAt());
        assertEquals("alloc_super", r.holdingAt());
        assertEquals(List.of(), r.header().dropped());
        List<SourceLine> lines = ReportLines.of("x (a){+.+.},\n\tat: f+0x1/0x2\ny (b){+.+.},\n\tf+0x1/0x2\n");
        assertEquals(List.of(new SourceLine(1, "x (a){+.+.}, at: f+0x1/0x2"),
                new SourceLine(3, "y (b){+.+.},"), new SourceLine(4, "\tf+0x1/0x2")), lines);
        // a paste cut right after such a line: nothing to join it with (PIT: i + 1 < size survived)
        assertEquals(List.of(new SourceLine(1, "at: g+0x1/0x2"), new SourceLine(2, "x (a){+.+.},")),
                ReportLines.of("at: g+0x1/0x2\nx (a){+.+.},"));
    }

    /**
     * Corpus 86's mailer also cut a held lock's line after its address and "Chain exists of:"'s line
     * after an arrow: each is joined with the line it was cut from, and nothing else is.
     */
    @Test
    void linesAMailClientWrappedAfterAnAddressOrAnArrowAreJoined() throws UnreadableReport {
        assertEquals(List.of(new SourceLine(1, " #1: ffff8b9b8ff64bc8 (&x->y#9){++++}-{3:3}, at: f+0x1/0x2")),
                ReportLines.of(" #1: ffff8b9b8ff64bc8 \n(&x->y#9){++++}-{3:3}, at: f+0x1/0x2\n"));
        assertEquals(List.of(new SourceLine(1, "  a --> b --> c"), new SourceLine(3, "")),
                ReportLines.of("  a --> b --> \nc\n\n"));
        // an address with no class after it, or an arrow before a blank line, stays as it is
        assertEquals(List.of(new SourceLine(1, " #1: ffff8b9b8ff64bc8"), new SourceLine(2, "f+0x1/0x2")),
                ReportLines.of(" #1: ffff8b9b8ff64bc8\nf+0x1/0x2\n"));
        assertEquals(List.of(new SourceLine(1, "a -->"), new SourceLine(2, "")), ReportLines.of("a -->\n\n"));
        // corpus 95: a workqueue map's class, "((", after the address, and the line cut again after "at:"
        assertEquals(List.of(new SourceLine(1, "  #1: ffff8881080dfd98 ((work_completion)(&w)){+.+.}-{0:0}, at: "
                + "process_one_work (kernel/workqueue.c:3230)"), new SourceLine(4, "x")),
                ReportLines.of("  #1: ffff8881080dfd98 \n((work_completion)(&w)){+.+.}-{0:0}, at: \n"
                        + "process_one_work (kernel/workqueue.c:3230)\nx\n"));
        Splat.Circular c = assertInstanceOf(Splat.Circular.class, corpus("86-"));
        assertEquals(List.of(), c.header().dropped());
        assertEquals(List.of("&ei->i_data_sem", "&dquot->dq_lock", "&s->s_dquot.dqio_sem"), c.chainExistsOf());
    }

    /**
     * A line that looks cut inside a lock class (an open parenthesis, no brace) before a banner: the
     * banner stays a line of its own, where BannerScan found it (a garbled separator before corpus
     * 76's banner was joined with it, and the parser then found no banner in BannerScan's excerpt).
     */
    @Test
    void aBannerIsNeverJoinedToTheLineBefore() throws UnreadableReport {
        String banner = "WARNING: possible irq lock inversion dependency detected";
        assertEquals(List.of(new SourceLine(1, "(====="), new SourceLine(2, banner)),
                ReportLines.of("(=====\n" + banner));
        String report = String.join("\n", "(=====", banner,
                "t/1 just changed the state of lock:",
                "ffff888000000000 (b){+.+.}-{2:2}, at: f+0x1/0x2",
                "but this lock was taken by another, HARDIRQ-safe lock in the past:",
                " (a){-...}-{2:2}");
        Splat.IrqInversion r = assertInstanceOf(Splat.IrqInversion.class, SplatParser.parse(report));
        assertEquals(2, r.header().bannerLine());
    }

    @Test
    void aRecursiveReportKeepsItsCallTraceForTheKindGuess() throws UnreadableReport {
        Splat.Recursive r = assertInstanceOf(Splat.Recursive.class, corpus("56-"));
        assertEquals(List.of("dump_stack_lvl", "validate_chain", "__lock_acquire", "lock_acquire", "down_write_nested"),
                r.stack().subList(0, 5).stream().map(Frame::function).toList());
        assertEquals(LockKind.RWSEM, KindGuess.of(r.acquiring(), r.stack(), r.acquiringAt()).kind());
        Splat.Recursive noTrace = assertInstanceOf(Splat.Recursive.class, corpus("16-"));
        assertEquals(List.of(), noTrace.stack());
    }

    @Test
    void aCircularReportGivesItsChainClassesAnnotationsAndTable() throws UnreadableReport {
        Splat.Circular c = assertInstanceOf(Splat.Circular.class, corpus("02-"));
        assertEquals("syz.5.197/7035", c.header().task());
        assertEquals(new LockClass("&ni->ni_lock#2/5", "+.+.", Optional.of("4:4")), c.acquiring());
        assertEquals("ntfs_fallocate", c.acquiringAt());
        assertEquals("mapping.invalidate_lock#7", c.holding().name());
        assertEquals(List.of(2, 1, 0), c.chain().stream().map(ChainLink::index).toList());
        assertEquals(List.of("mapping.invalidate_lock#7", "&mm->mmap_lock", "&ni->ni_lock#2/5"),
                c.chain().stream().map(l -> l.lock().name()).toList());
        assertEquals(List.of("down_read", "filemap_fault", "__do_fault"),
                c.chain().get(0).stack().subList(0, 3).stream().map(Frame::function).toList());
        assertEquals(13, c.chain().get(0).stack().size());
        assertEquals(List.of("&ni->ni_lock#2/5", "&mm->mmap_lock", "mapping.invalidate_lock#7"), c.chainExistsOf());
        assertTrue(c.holding().everReadHeld());
        assertFalse(c.acquiring().everReadHeld());
        assertEquals("&ni->ni_lock", c.acquiring().baseName());
        assertEquals(List.of("the end of the \"Possible unsafe locking scenario\" table"), c.header().dropped());
    }

    @Test
    void aCircularReportQuotedWithoutItsBannerIsReadFromItsTaskLine() throws UnreadableReport {
        Splat.Circular c = assertInstanceOf(Splat.Circular.class, corpus("55-"));
        assertEquals("find/645", c.header().task());
        assertEquals("&mm->mmap_sem", c.acquiring().name());
        assertEquals("&sb->s_type->i_mutex_key#15", c.holding().name());
        assertEquals(List.of(1, 0), c.chain().stream().map(ChainLink::index).toList());
        assertEquals(List.of("lock_acquire", "__mutex_lock_common", "mutex_lock_nested", "hugetlbfs_file_mmap"),
                c.chain().get(0).stack().subList(0, 4).stream().map(Frame::function).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // no held line between the task line and lockdep's "depends" line
        "t/1 is trying to acquire lock:\n (a){+.+.}\nwhich lock already depends on the new lock.",
        // the task line further back than a quoted report puts it
        "t/1 is trying to acquire lock:\n\n\n\n\n\n (a){+.+.}\nbut task is already holding lock:\n (b){+.+.}\nwhich lock already depends on the new lock.",
        // a held line but no task line
        "but task is already holding lock:\n (b){+.+.}\nwhich lock already depends on the new lock.",
        // the words inside a sentence, not lockdep's line
        "t/1 is trying to acquire lock:\n (a){+.+.}\nbut task is already holding lock:\n (b){+.+.}\nIt says: which lock already depends on the new lock. So?",
    })
    void aQuotedReportNeedsItsTaskAndHeldLinesNearTheDependsLine(String input) {
        assertEquals(Optional.empty(), SplatParser.quotedCircular(input));
    }

    @Test
    void aQuotedReportIsFoundAtTheReachOfItsTaskLine() {
        String report = "t/1 is trying to acquire lock:\n\n\n\n\n (a){+.+.}\nbut task is already holding lock:\n"
                + " (b){+.+.}\nwhich lock already depends on the new lock.";
        assertEquals(0, SplatParser.quotedCircular(report).orElseThrow().start());
    }

    @Test
    void oldFormatsWithAddressesAndNoWaitTypesAreRead() throws UnreadableReport {
        Splat.Circular c = assertInstanceOf(Splat.Circular.class, corpus("11-"));
        assertEquals("&nilfs->ns_segctor_sem", c.acquiring().name());
        assertEquals(Optional.empty(), c.acquiring().waitTypes());
        assertEquals("++++.+", c.acquiring().usage());
        assertEquals(List.of("__lock_acquire", "lock_acquire", "down_read", "nilfs_transaction_begin",
                "nilfs_page_mkwrite", "__do_fault", "handle_mm_fault", "do_page_fault", "error_code"),
                c.chain().get(1).stack().stream().map(Frame::function).toList());
        assertEquals(List.of(new HeldLocks("mmap/5418", 1, List.of(new HeldLock(0,
                new LockClass("&mm->mmap_sem", "++++++", Optional.empty()), "do_page_fault")))), c.held());
    }

    @Test
    void theCpuTableKeepsItsColumns() throws UnreadableReport {
        Splat.IrqInversion r = assertInstanceOf(Splat.IrqInversion.class, corpus("24-"));
        assertEquals("SOFTIRQ", r.state());
        assertEquals("&(&ctx->ctx_lock)->rlock", r.irqSafe().name());
        assertEquals("&fiq->waitq", r.irqUnsafe().name());
        assertEquals(List.of(new CpuStep(0, "lock(&fiq->waitq);"), new CpuStep(1, "local_irq_disable();"),
                new CpuStep(1, "lock(&(&ctx->ctx_lock)->rlock);"), new CpuStep(1, "lock(&fiq->waitq);"),
                new CpuStep(0, "<Interrupt>"), new CpuStep(0, "lock(&(&ctx->ctx_lock)->rlock);")), r.cpus());
        assertEquals(2, r.held().get(0).locks().size(), "an inlined site printed three times is one held lock");
    }

    /**
     * Corpus 57, "SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected" (lockdep's bad irq
     * dependency): the irq-safe and irq-unsafe locks from their own lines, the task's held lock as
     * the chain's middle, the task without its irq state.
     */
    @Test
    void aBadIrqDependencyIsAnInversionThroughTheHeldLock() throws UnreadableReport {
        Splat.IrqInversion r = assertInstanceOf(Splat.IrqInversion.class, corpus("57-"));
        assertEquals("SOFTIRQ", r.state());
        assertEquals("syz-executor5/9727", r.header().task());
        assertEquals("&(&ctx->ctx_lock)->rlock", r.irqSafe().name());
        assertEquals(List.of("&ctx->fd_wqh"), r.between().stream().map(LockClass::name).toList());
        assertEquals("&ctx->fault_pending_wqh", r.irqUnsafe().name());
        assertEquals(new CpuStep(1, "lock(&ctx->fd_wqh);"), r.cpus().get(3));
        assertEquals(1, r.held().get(0).locks().size());
    }

    /** The same form where the task holds the irq-safe lock and wants the unsafe one: no middle. */
    @Test
    void aBadIrqDependencyBetweenTheTwoEndsHasNoMiddle() throws UnreadableReport {
        String report = String.join("\n", "WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected",
                "t/1 [HC0[0]:SC0[0]:HE0:SE1] is trying to acquire:",
                "ffff888000000000 (b){+.+.}-{2:2}, at: f+0x1/0x2",
                "and this task is already holding:",
                "ffff888000000010 (a){-...}-{2:2}, at: g+0x1/0x2",
                "which would create a new lock dependency:",
                " (a){-...}-{2:2} -> (b){+.+.}-{2:2}",
                "but this new dependency connects a HARDIRQ-irq-safe lock:",
                " (a){-...}-{2:2}",
                "to a HARDIRQ-irq-unsafe lock:",
                " (b){+.+.}-{2:2}");
        Splat.IrqInversion r = assertInstanceOf(Splat.IrqInversion.class, SplatParser.parse(report));
        assertEquals("HARDIRQ", r.state());
        assertEquals("t/1", r.header().task());
        assertEquals("a", r.irqSafe().name());
        assertEquals(List.of(), r.between());
        assertEquals("b", r.irqUnsafe().name());
    }

    /**
     * Corpus 76, "possible irq lock inversion dependency detected" whose irq-safe lock reached the
     * unsafe one through another: the middle of "Chain exists of:", as its dependency list prints it.
     */
    @Test
    void anIrqInversionThroughAChainKeepsItsMiddle() throws UnreadableReport {
        Splat.IrqInversion r = assertInstanceOf(Splat.IrqInversion.class, corpus("76-"));
        assertEquals("SOFTIRQ", r.state());
        assertEquals("&xa->xa_lock#4", r.irqSafe().name());
        assertEquals(List.of(new LockClass("&info->lock", "....", Optional.of("2:2"))), r.between());
        assertEquals("shmlock_user_lock", r.irqUnsafe().name());
    }

    /** The same form without the chain line (the two ends are one dependency): no middle. */
    @Test
    void anIrqInversionWithoutAChainHasNoMiddle() throws UnreadableReport {
        String report = String.join("\n", "WARNING: possible irq lock inversion dependency detected",
                "t/1 just changed the state of lock:",
                "ffff888000000000 (b){+.+.}-{2:2}, at: f+0x1/0x2",
                "but this lock was taken by another, HARDIRQ-safe lock in the past:",
                " (a){-...}-{2:2}",
                "",
                "and interrupts could create inverse lock ordering between them.");
        Splat.IrqInversion r = assertInstanceOf(Splat.IrqInversion.class, SplatParser.parse(report));
        assertEquals("a", r.irqSafe().name());
        assertEquals(List.of(), r.between());
        assertEquals("b", r.irqUnsafe().name());
    }

    @Test
    void inconsistentRecursiveSleepingAndHungReportsGiveTheirFacts() throws UnreadableReport {
        Splat.Inconsistent i = assertInstanceOf(Splat.Inconsistent.class, corpus("22-"));
        assertEquals("SOFTIRQ-ON-W", i.from());
        assertEquals("IN-SOFTIRQ-W", i.to());
        assertEquals("SOFTIRQ", i.state());
        assertEquals("&recinf->lock", i.lock().name());
        assertEquals("_raw_spin_lock", i.registeredAt().get(2).function());
        Splat.Recursive r = assertInstanceOf(Splat.Recursive.class, corpus("18-"));
        assertEquals(r.acquiring(), r.holding());
        assertEquals("fuse_reverse_inval_entry", r.holdingAt());
        Splat.SleepInAtomic s = assertInstanceOf(Splat.SleepInAtomic.class, corpus("26-"));
        assertEquals(Optional.of(true), s.inAtomic());
        assertEquals(Optional.of(false), s.irqsDisabled());
        assertEquals("&(&instance->data->lock)->rlock", s.held().get(0).locks().get(0).lock().name());
        Splat.HungTask h = assertInstanceOf(Splat.HungTask.class, corpus("30-"));
        assertEquals("kworker/u8:102", h.header().task());
        assertEquals(737, h.seconds());
        assertEquals(3, h.held().size());
    }

    /** Corpus 28 opens with the article's title, a banner with no report under it: the report is the next one. */
    @Test
    void aHungTaskBannerWithNoReportBeforeTheNextIsSkipped() throws UnreadableReport {
        Splat.HungTask h = assertInstanceOf(Splat.HungTask.class, corpus("28-"));
        assertEquals(8, h.header().bannerLine());
        assertEquals("jbd2_journal_commit_transaction", h.stack().get(20).function());
        String twoReports = "INFO: task a:1 blocked for more than 120 seconds.\nCall Trace:\n a_wait+0x1/0x2\n"
                + "INFO: task b:2 blocked for more than 120 seconds.\nCall Trace:\n b_wait+0x1/0x2\n";
        assertEquals("a", SplatParser.parse(twoReports).header().task(), "a banner with a report is read first");
    }

    /**
     * khungtaskd reports every blocked task of a pass, then the held locks once (syzbot's "task hung
     * in" reports, corpus 78): the window spans the pass to its list; without a list, a task ends it.
     */
    @Test
    void aHungTaskPassIsReadToItsLockList() throws UnreadableReport {
        String pass = "INFO: task a:1 blocked for more than 120 seconds.\nCall Trace:\n a_wait+0x1/0x2\n"
                + "INFO: task b:2 blocked for more than 120 seconds.\nCall Trace:\n b_wait+0x1/0x2\n\n"
                + "Showing all locks held in the system:\n1 lock held by a/1:\n"
                + " #0: ffff888000000000 (&x->lock){+.+.}-{3:3}, at: a_wait+0x1/0x2\n1 lock held by b/2:\n"
                + " #0: ffff888000000010 (&y->lock){+.+.}-{3:3}, at: b_wait+0x1/0x2\n";
        Splat.HungTask h = assertInstanceOf(Splat.HungTask.class, SplatParser.parse(pass));
        assertEquals("a", h.header().task());
        assertEquals(List.of("a/1", "b/2"), h.held().stream().map(HeldLocks::task).toList());
        assertEquals("a_wait", h.stack().get(0).function());
        String noList = "INFO: task a:1 blocked for more than 120 seconds.\nCall Trace:\n a_wait+0x1/0x2\n"
                + "INFO: task b:2 blocked for more than 120 seconds.\nCall Trace:\n b_wait+0x1/0x2\n";
        assertEquals(List.of(), assertInstanceOf(Splat.HungTask.class, SplatParser.parse(noList)).held());
        Splat.HungTask fuse = assertInstanceOf(Splat.HungTask.class, corpus("78-"));
        assertEquals("syslogd", fuse.header().task());
        assertEquals(List.of("rcu_tasks_kthre/12", "rcu_tasks_trace/13", "khungtaskd/28", "kworker/u4:4/57",
                "syslogd/2954", "udevd/2972", "getty/3286", "syz-executor412/3612", "syz-executor412/3614",
                "syz-executor412/3616"), fuse.held().stream().map(HeldLocks::task).toList());
    }

    /**
     * A paste may hold several reports (a thread quoting two, reports of several boots): the first is
     * read, and its dropped list names where each later one starts, so none goes unsaid.
     */
    @Test
    void theReportsAfterTheOneReadAreNamedByTheirLines() throws UnreadableReport {
        String recursive = "WARNING: possible recursive locking detected\na.out/1 is trying to acquire lock:\n"
                + "ffff888000000000 (&x->lock){+.+.}-{3:3}, at: f+0x1/0x2\n\nbut task is already holding lock:\n"
                + "ffff888000000000 (&x->lock){+.+.}-{3:3}, at: g+0x1/0x2\n";
        String inconsistent = "WARNING: inconsistent lock state\ninconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.\n"
                + "b/2 [HC0[0]:SC1[1]:HE1:SE0] takes:\nffff888000000010 (&y->lock){+.?.}-{2:2}, at: h+0x1/0x2\n";
        Splat first = SplatParser.parse(recursive + "---[ end trace 0000000000000000 ]---\nlog\n" + inconsistent);
        assertEquals("a.out/1", first.header().task());
        assertEquals("the report that follows this one (line 9): import it on its own, from its first line on",
                last(first.header().dropped()));
        String five = recursive + (inconsistent + recursive).repeat(2) + inconsistent;
        assertEquals("the 5 reports that follow this one (lines 7, 11, 17 and 2 more): import each on its own,"
                + " from its first line on", last(SplatParser.parse(five).header().dropped()));
        String three = recursive + inconsistent + recursive + inconsistent;
        assertEquals("the 3 reports that follow this one (lines 7, 11, 17): import each on its own, from its first"
                + " line on", last(SplatParser.parse(three).header().dropped()));
        assertTrue(SplatParser.parse(recursive).header().dropped().stream().noneMatch(d -> d.contains("follow")));
        String pass = "INFO: task a:1 blocked for more than 120 seconds.\nCall Trace:\n a_wait+0x1/0x2\n"
                + "INFO: task b:2 blocked for more than 120 seconds.\nCall Trace:\n b_wait+0x1/0x2\n\n"
                + "Showing all locks held in the system:\n1 lock held by a/1:\n"
                + " #0: ffff888000000000 (&x->lock){+.+.}-{3:3}, at: a_wait+0x1/0x2\n";
        assertTrue(SplatParser.parse(pass).header().dropped().stream().noneMatch(d -> d.contains("follow")),
                "a hung-task pass is one report, its later tasks and lock list included");
    }

    private static String last(List<String> dropped) {
        return dropped.isEmpty() ? "" : dropped.get(dropped.size() - 1);
    }

    @Test
    void kindsAreGuessedFromStacksNamesAndUsage() {
        LockClass plain = new LockClass("&x->lock", "+.+.", Optional.empty());
        assertEquals(LockKind.MUTEX, KindGuess.of(plain, List.of(new Frame("mutex_lock_nested", "")), "").kind());
        assertEquals(LockKind.RWSEM, KindGuess.of(plain, List.of(new Frame("down_read_nested", "")), "").kind());
        assertEquals(LockKind.SPINLOCK, KindGuess.of(plain, List.of(), "_raw_spin_lock_irqsave").kind());
        assertEquals(LockKind.SPINLOCK, KindGuess.of(new LockClass("&(&q->lock)->rlock", "....", Optional.empty()),
                List.of(), "").kind());
        assertEquals(LockKind.RWSEM, KindGuess.of(new LockClass("sem", ".+.+", Optional.empty()), List.of(), "").kind());
        assertEquals(LockKind.MUTEX, KindGuess.of(plain, List.of(), "").kind());
        assertTrue(KindGuess.shared(plain, List.of(new Frame("down_read", "")), ""));
        assertFalse(KindGuess.shared(new LockClass("sem", "++++", Optional.empty()), List.of(), ""));
    }
}
