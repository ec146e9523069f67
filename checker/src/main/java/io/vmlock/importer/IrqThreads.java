package io.vmlock.importer;

import io.vmlock.verdict.Verdict;
import java.util.List;

/**
 * The threads of the irq-state reports. A handler stands for the report's interrupt context: an
 * {@code interrupt} for HARDIRQ, a {@code softirq} for SOFTIRQ, masked by local_bh_disable rather
 * than local_irq_disable; a lock taken in either is a spinlock whatever the guess, since nothing
 * else may be taken there.
 */
final class IrqThreads {
    private IrqThreads() {
    }

    static void inconsistent(Splat.Inconsistent r, Scenario s, List<String> notes) {
        ChainThreads.cpuTable(r.cpus(), notes);
        String task = SkeletonWriter.threadName(s, "", "process_context");
        StringBuilder b = new StringBuilder();
        b.append("// {").append(r.from()).append("} was registered at:\n")
                .append(SkeletonWriter.stackComment("//   ", r.registeredAt()).replace("//   // ", "//   "));
        if (r.state().equals("RECLAIM_FS")) {
            reclaimFs(r, s, task, b);
            return;
        }
        IrqContext irq = IrqContext.of(r.state());
        if (ChainThreads.isReclaim(r.lock())) {
            // an allocation that may reclaim, now in interrupt context: it may sleep there
            b.append("thread ").append(task).append(" {\n    alloc(GFP_KERNEL);  // {").append(r.from())
                    .append("}\n}\n");
            b.append("// {").append(r.to()).append("}: ").append(r.header().task()).append(" at ")
                    .append(SkeletonWriter.orUnknown(r.lockAt())).append('\n');
            b.append(irq.handler).append(' ').append(s.fresh(irq.name)).append(" on ").append(task)
                    .append(" {\n    alloc(GFP_KERNEL);\n}\n");
            s.block(b.toString());
            s.expect(Verdict.SLEEP_IN_ATOMIC.id());
            return;
        }
        Scenario.Lock lock = s.lock(r.lock(), new KindGuess(LockKind.SPINLOCK,
                "taken in " + r.state() + " context, where only a spinlock may be taken"));
        // the task's use is the ON state, the handler's the IN state, whichever the report saw first
        boolean handlerFirst = r.from().startsWith("IN-");
        // a seqlock's {HARDIRQ-ON-W} -> {IN-HARDIRQ-R}: the handler reads (read_seqbegin); the task side is
        // always a write, as a seqcount reader acquires with interrupts off and never registers -ON-R
        boolean handlerReads = lock.kind() == LockKind.SEQLOCK && (handlerFirst ? r.from() : r.to()).endsWith("-R");
        String now = "// {" + r.to() + "}: " + r.header().task() + " at " + SkeletonWriter.orUnknown(r.lockAt()) + "\n";
        if (handlerFirst) b.append(now);
        b.append("thread ").append(task).append(" {\n    ").append(lock.acquire(false)).append("  // {")
                .append(handlerFirst ? r.to() : r.from()).append("}: ").append(irq.words).append(" enabled\n    ")
                .append(lock.release(false)).append("\n}\n");
        if (!handlerFirst) b.append(now);
        b.append(irq.handler).append(' ').append(s.fresh(irq.name)).append(" on ").append(task).append(" {\n    ")
                .append(lock.acquire(handlerReads)).append(handlerFirst ? "  // {" + r.from() + "}" : "")
                .append("\n    ").append(lock.release(handlerReads)).append("\n}\n");
        s.block(b.toString());
        s.expect(Verdict.DEADLOCK.id());
    }

    /** RECLAIM_FS: a lock taken in reclaim and held over an allocation that may enter reclaim. */
    private static void reclaimFs(Splat.Inconsistent r, Scenario s, String task, StringBuilder b) {
        Scenario.Lock lock = s.lock(r.lock(), KindGuess.of(r.lock(), r.registeredAt(), r.lockAt()));
        // each side takes the lock as its usage says: -R a read acquisition (an rwsem's down_read(),
        // zram's init_lock in reclaim in corpus 75), -W a write
        boolean inFirst = r.from().startsWith("IN-");
        boolean reclaimReads = (inFirst ? r.from() : r.to()).endsWith("-R");
        boolean taskReads = (inFirst ? r.to() : r.from()).endsWith("-R");
        String path = s.fresh("in_reclaim");
        s.declare("reclaim __GFP_FS " + path + "();  // {IN-RECLAIM_FS}: taken in reclaim");
        s.declare("proc " + path + "() {\n    " + lock.acquire(reclaimReads) + "\n    " + lock.release(reclaimReads)
                + "\n}");
        b.append("thread ").append(task).append(" {\n    ").append(lock.acquire(taskReads))
                .append("\n    alloc(GFP_KERNEL);  // {RECLAIM_FS-ON}: an allocation that may reclaim, with it held\n    ")
                .append(lock.release(taskReads)).append("\n}\n");
        s.block(b.toString());
        s.expect(lock.kind() == LockKind.SPINLOCK ? Verdict.SLEEP_IN_ATOMIC.id() : Verdict.RECURSIVE_LOCK.id());
    }

    static void inversion(Splat.IrqInversion r, Scenario s, List<String> notes) {
        ChainThreads.cpuTable(r.cpus(), notes);
        IrqContext irq = IrqContext.of(r.state());
        Scenario.Lock safe = s.lock(r.irqSafe(), new KindGuess(LockKind.SPINLOCK,
                r.state() + "-safe: taken in " + irq.handler + " context, where only a spinlock may be taken"));
        // the irq-unsafe lock and a chain's middle locks are all taken under the safe one, irqs off
        KindGuess underSafe = new KindGuess(LockKind.SPINLOCK,
                "taken under " + r.irqSafe().name() + " with " + irq.words + " off, where nothing may sleep");
        Scenario.Lock unsafe = s.lock(r.irqUnsafe(), underSafe);
        List<Scenario.Lock> between = r.between().stream().map(l -> s.lock(l, underSafe)).toList();
        String cpu0 = s.fresh("cpu0");
        String cpu1 = s.fresh("cpu1");
        StringBuilder b = new StringBuilder();
        b.append("// ").append(r.irqUnsafe().name()).append(" is ").append(r.state())
                .append("-unsafe: taken with ").append(irq.words).append(" enabled\n");
        b.append("thread ").append(cpu0).append(" {\n    ").append(unsafe.acquire(false)).append("\n    ")
                .append(unsafe.release(false)).append("\n}\n");
        b.append("// ").append(r.irqSafe().name()).append(" is ").append(r.state()).append("-safe, and was held while ")
                .append(r.irqUnsafe().name()).append(" was taken");
        if (!between.isEmpty()) {
            b.append(", through ").append(String.join(", ", r.between().stream().map(LockClass::name).toList()));
        }
        b.append("\n");
        b.append("thread ").append(cpu1).append(" {\n    ").append(irq.mask).append("\n    ").append(safe.acquire(false));
        for (Scenario.Lock l : between) b.append("\n    ").append(l.acquire(false));
        b.append("\n    ").append(unsafe.acquire(false)).append("\n    ").append(unsafe.release(false));
        for (int i = between.size() - 1; i >= 0; i--) b.append("\n    ").append(between.get(i).release(false));
        b.append("\n    ").append(safe.release(false)).append("\n    ").append(irq.unmask).append("\n}\n");
        b.append(irq.handler).append(' ').append(s.fresh(irq.name)).append(" on ").append(cpu0).append(" {\n    ")
                .append(safe.acquire(false)).append("\n    ").append(safe.release(false)).append("\n}\n");
        s.block(b.toString());
        s.expect(Verdict.DEADLOCK.id());
    }
}
