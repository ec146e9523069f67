package io.vmlock.explore.system;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;

/**
 * Lock, journal and completion steps as guarded updates, rule for rule the explorer's
 * {@code LockSteps}, on one known instance {@code k} (word 0 is the owner token: thread + 1,
 * plus the thread count in interrupt context; 0 when free).
 */
final class LockRules {
    private final Translate translate;
    private final Fields fields;
    private final StepRules steps;
    private final int threads;

    LockRules(Translate translate, Fields fields, StepRules steps) {
        this.translate = translate;
        this.fields = fields;
        this.steps = steps;
        this.threads = fields.threads();
    }

    private int owner(int k) {
        return fields.object(k, 0);
    }

    private int counter(int k, int thread) {
        return fields.object(k, 1 + thread);
    }

    private int queued(int k) {
        return fields.object(k, 1 + threads);
    }

    private int queue(int k, int i) {
        return fields.object(k, 2 + threads + i);
    }

    private static Expr plus(Expr e, int delta) {
        return Expr.binary(BinaryOp.ADD, e, Expr.constant(delta));
    }

    void acquire(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr me = Expr.constant(steps.token(p));
        Expr owner = p.read(owner(k));
        switch (op.mode()) {
            case READ -> {
                if (!steps.unless(p, Expr.eq(owner, me), out)) return;
                p.when(Expr.eq(owner, Expr.FALSE)).when(Expr.eq(p.read(queued(k)), Expr.FALSE));
                increment(p, counter(k, p.thread), op.next(), out);
            }
            case WRITE -> write(p, op, k, out);
            case HANDLE -> {
                Expr nested = Expr.binary(BinaryOp.GT, p.read(counter(k, p.thread)), Expr.FALSE);
                p.when(Expr.or(nested, Expr.eq(owner, Expr.FALSE)));
                increment(p, counter(k, p.thread), op.next(), out);
            }
            default -> {
                if (!steps.unless(p, Expr.eq(owner, me), out)) return;
                p.when(Expr.eq(owner, Expr.FALSE));
                if (p.dead) return;
                p.write(owner(k), me);
                int irq = fields.flag(p.thread, Flag.IRQ);
                if (op.mode() == LockMode.SPIN_IRQ) p.write(irq, Expr.TRUE);
                if (op.mode() == LockMode.SPIN_IRQSAVE) steps.saveIrq(p);
                out.proceed(p, op.next());
            }
        }
    }

    private void increment(StepPath p, int field, int next, StepRules.Outcome out) {
        if (p.dead) return;
        p.write(field, plus(p.read(field), 1));
        out.proceed(p, next);
    }

    /** Free for a writer: no writer and no reader (queued writers are judged separately). */
    private Expr free(StepPath p, int k) {
        Expr free = Expr.eq(p.read(owner(k)), Expr.FALSE);
        for (int t = 0; t < threads; t++) free = Expr.and(free, Expr.eq(p.read(counter(k, t)), Expr.FALSE));
        return free;
    }

    private Expr queuedAt(StepPath p, int k, int i) {
        return Expr.and(Expr.binary(BinaryOp.GT, p.read(queued(k)), Expr.constant(i)),
                Expr.eq(p.read(queue(k, i)), Expr.constant(p.thread)));
    }

    /** down_write, FIFO fair: take it, join the queue, or (at the queue's head) take it when it frees. */
    private void write(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr me = Expr.constant(steps.token(p));
        Expr recursive = Expr.or(Expr.eq(p.read(owner(k)), me),
                Expr.binary(BinaryOp.GT, p.read(counter(k, p.thread)), Expr.FALSE));
        if (!steps.unless(p, recursive, out)) return;
        Expr free = free(p, k);
        Expr length = p.read(queued(k));
        Expr notQueued = Expr.TRUE;
        for (int i = 0; i < threads; i++) notQueued = Expr.and(notQueued, Expr.not(queuedAt(p, k, i)));
        StepPath take = p.copy().when(notQueued).when(free).when(Expr.eq(length, Expr.FALSE));
        if (!take.dead) {
            take.write(owner(k), me);
            out.proceed(take, op.next());
        }
        StepPath join = p.copy().when(notQueued).when(Expr.not(Expr.and(free, Expr.eq(length, Expr.FALSE))));
        for (int q = 0; q < threads && !join.dead; q++) {
            StepPath at = join.copy().when(Expr.eq(length, Expr.constant(q)));
            if (at.dead) continue;
            at.write(queue(k, q), Expr.constant(p.thread));
            at.write(queued(k), Expr.constant(q + 1));
            out.queued(at);
        }
        StepPath head = p.copy().when(queuedAt(p, k, 0)).when(free);
        for (int q = 1; q <= threads && !head.dead; q++) {
            StepPath at = head.copy().when(Expr.eq(length, Expr.constant(q)));
            if (at.dead) continue;
            for (int i = 1; i < q; i++) at.write(queue(k, i - 1), p.read(queue(k, i)));
            at.write(queue(k, q - 1), Expr.FALSE);
            at.write(queued(k), Expr.constant(q - 1));
            at.write(owner(k), me);
            out.proceed(at, op.next());
        }
    }

    void release(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        Expr me = Expr.constant(steps.token(p));
        if (op.mode() == LockMode.READ || op.mode() == LockMode.HANDLE) {
            int c = counter(k, p.thread);
            if (!steps.unless(p, Expr.eq(p.read(c), Expr.FALSE), out)) return;
            p.write(c, plus(p.read(c), -1));
            out.proceed(p, op.next());
            return;
        }
        if (!steps.unless(p, Expr.ne(p.read(owner(k)), me), out)) return;
        p.write(owner(k), Expr.FALSE);
        if (op.mode() == LockMode.SPIN_IRQ) p.write(fields.flag(p.thread, Flag.IRQ), Expr.FALSE);
        if (op.mode() == LockMode.SPIN_IRQSAVE) {
            steps.restoreIrq(p, op.next(), out);
            return;
        }
        out.proceed(p, op.next());
    }

    /** Succeeds iff free for the mode; an rwsem with queued writers is not free to read. */
    void tryAcquire(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
        Expr noWriter = Expr.eq(p.read(owner(k)), Expr.FALSE);
        Expr ok = switch (op.mode()) {
            case READ -> Expr.and(noWriter, Expr.eq(p.read(queued(k)), Expr.FALSE));
            case WRITE -> Expr.and(free(p, k), Expr.eq(p.read(queued(k)), Expr.FALSE));
            default -> noWriter;
        };
        StepPath fails = p.copy().when(Expr.not(ok));
        if (!fails.dead) out.proceed(fails, op.failure());
        p.when(ok);
        if (p.dead) return;
        if (op.mode() == LockMode.READ) p.write(counter(k, p.thread), plus(p.read(counter(k, p.thread)), 1));
        else p.write(owner(k), Expr.constant(steps.token(p)));
        out.proceed(p, op.success());
    }

    void drain(StepPath p, Op.JournalDrain op, int k, StepRules.Outcome out) {
        for (int t = 0; t < threads; t++) p.when(Expr.eq(p.read(counter(k, t)), Expr.FALSE));
        if (!p.dead) out.proceed(p, op.next());
    }

    void waitFor(StepPath p, Op.WaitCompletion op, int k, StepRules.Outcome out) {
        Expr all = Expr.ne(p.read(fields.object(k, 1)), Expr.FALSE);
        StepPath done = p.copy().when(all);
        if (!done.dead) out.proceed(done, op.next());
        Expr count = p.read(fields.object(k, 0));
        p.when(Expr.not(all)).when(Expr.binary(BinaryOp.GT, count, Expr.FALSE));
        if (p.dead) return;
        p.write(fields.object(k, 0), plus(count, -1));
        out.proceed(p, op.next());
    }

    void signal(StepPath p, Op.Signal op, int k, StepRules.Outcome out) {
        int count = fields.object(k, 0);
        switch (op.builtin()) {
            case COMPLETE -> {
                Expr full = Expr.binary(BinaryOp.GE, p.read(count), Expr.constant(StepRules.COMPLETION_CAP));
                StepPath stays = p.copy().when(full);
                if (!stays.dead) out.proceed(stays, op.next());
                p.when(Expr.not(full));
                if (p.dead) return;
                p.write(count, plus(p.read(count), 1));
            }
            case COMPLETE_ALL -> p.write(fields.object(k, 1), Expr.TRUE);
            default -> {
                p.write(count, Expr.FALSE);
                p.write(fields.object(k, 1), Expr.FALSE);
            }
        }
        out.proceed(p, op.next());
    }

    /** lockdep_assert_held: the thread holds the instance in any mode. */
    Expr holds(StepPath p, int k) {
        ObjectKind kind = fields.kind(k);
        if (kind == ObjectKind.COMPLETION) return Expr.FALSE;
        Expr held = steps.heldBy(p, owner(k));
        if (kind == ObjectKind.RWSEM || kind == ObjectKind.JOURNAL) {
            held = Expr.or(held, Expr.binary(BinaryOp.GT, p.read(counter(k, p.thread)), Expr.FALSE));
        }
        return held;
    }
}
