package io.vmlock.importer;

import java.util.List;
import java.util.Optional;

/**
 * One lockdep report, read: its kind-specific facts, the line its banner is on, and what the
 * input did not have (a cut excerpt, a garbled line), said in words for stderr and the skeleton.
 */
public sealed interface Splat permits Splat.Circular, Splat.Recursive, Splat.Inconsistent,
        Splat.IrqInversion, Splat.SleepInAtomic, Splat.HungTask {

    SplatKind kind();

    /** Where the banner is, the task named in the header, and what was missing. */
    Header header();

    /** The lines of the report itself (banner to last line read), to quote in the skeleton. */
    List<SourceLine> quoted();

    /** Every held-locks list printed after the report. */
    List<HeldLocks> held();

    record Header(int bannerLine, String task, List<String> dropped) {
        public Header {
            dropped = List.copyOf(dropped);
        }
    }

    /** "possible circular locking dependency detected". */
    record Circular(Header header, List<SourceLine> quoted, LockClass acquiring, String acquiringAt,
                    LockClass holding, String holdingAt, List<ChainLink> chain, List<String> chainExistsOf,
                    List<CpuStep> cpus, List<HeldLocks> held) implements Splat {
        public Circular {
            quoted = List.copyOf(quoted);
            chain = List.copyOf(chain);
            chainExistsOf = List.copyOf(chainExistsOf);
            cpus = List.copyOf(cpus);
            held = List.copyOf(held);
        }

        @Override
        public SplatKind kind() {
            return SplatKind.CIRCULAR;
        }
    }

    /**
     * "possible recursive locking detected": a class taken again while held; {@code stack} is the
     * report's call trace, the second acquisition's (empty when the paste has none).
     */
    record Recursive(Header header, List<SourceLine> quoted, LockClass acquiring, String acquiringAt,
                     LockClass holding, String holdingAt, List<CpuStep> cpus, List<HeldLocks> held,
                     List<Frame> stack)
            implements Splat {
        public Recursive {
            quoted = List.copyOf(quoted);
            stack = List.copyOf(stack);
            cpus = List.copyOf(cpus);
            held = List.copyOf(held);
        }

        @Override
        public SplatKind kind() {
            return SplatKind.RECURSIVE;
        }
    }

    /**
     * "inconsistent lock state": {@code inconsistent {from} -> {to} usage}, e.g. {@code
     * {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W}}: the lock was {@code from} before and is {@code to} now.
     */
    record Inconsistent(Header header, List<SourceLine> quoted, String from, String to, LockClass lock,
                        String lockAt, List<Frame> registeredAt, List<CpuStep> cpus, List<HeldLocks> held)
            implements Splat {
        public Inconsistent {
            quoted = List.copyOf(quoted);
            registeredAt = List.copyOf(registeredAt);
            cpus = List.copyOf(cpus);
            held = List.copyOf(held);
        }

        @Override
        public SplatKind kind() {
            return SplatKind.INCONSISTENT;
        }

        /** The irq context of the report: HARDIRQ, SOFTIRQ or RECLAIM_FS. */
        public String state() {
            return from.replaceAll("^IN-|-ON-[WR]$|-[WR]$", "").replace("IN-", "");
        }
    }

    /**
     * "possible irq lock inversion dependency detected", or "X-safe -> X-unsafe lock order
     * detected": {@code irqSafe} is taken in interrupt context and {@code irqUnsafe} with interrupts
     * enabled, and irqSafe was held while taking irqUnsafe, through {@code between} (the second
     * form's held and wanted locks where they are neither; in the first form the middle of its
     * "Chain exists of:" line, empty without one). {@code state} is HARDIRQ or SOFTIRQ.
     */
    record IrqInversion(Header header, List<SourceLine> quoted, String state, LockClass irqSafe,
                        List<LockClass> between, LockClass irqUnsafe, List<CpuStep> cpus, List<HeldLocks> held)
            implements Splat {
        public IrqInversion {
            quoted = List.copyOf(quoted);
            between = List.copyOf(between);
            cpus = List.copyOf(cpus);
            held = List.copyOf(held);
        }

        @Override
        public SplatKind kind() {
            return SplatKind.IRQ_INVERSION;
        }
    }

    /** "BUG: sleeping function called from invalid context at file:line". */
    record SleepInAtomic(Header header, List<SourceLine> quoted, String at, Optional<Boolean> inAtomic,
                         Optional<Boolean> irqsDisabled, List<Frame> stack, List<HeldLocks> held)
            implements Splat {
        public SleepInAtomic {
            quoted = List.copyOf(quoted);
            stack = List.copyOf(stack);
            held = List.copyOf(held);
        }

        @Override
        public SplatKind kind() {
            return SplatKind.SLEEP_IN_ATOMIC;
        }
    }

    /** "INFO: task name:pid blocked for more than N seconds", with khungtaskd's lock lists. */
    record HungTask(Header header, List<SourceLine> quoted, int seconds, List<Frame> stack,
                    List<HeldLocks> held) implements Splat {
        public HungTask {
            quoted = List.copyOf(quoted);
            stack = List.copyOf(stack);
            held = List.copyOf(held);
        }

        @Override
        public SplatKind kind() {
            return SplatKind.HUNG_TASK;
        }
    }
}
