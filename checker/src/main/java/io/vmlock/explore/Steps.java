package io.vmlock.explore;

import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Op;
import io.vmlock.ir.ReclaimPath;
import io.vmlock.ir.VarRef;
import java.util.List;
import java.util.Optional;

/**
 * Executes the step a thread's control resolved to: each builtin and each assignment is one
 * atomic step. Lock operations are in {@link LockSteps}; this class has the rest and the shared
 * plumbing. A blocked operation adds no move.
 */
final class Steps {
    static final int COMPLETION_CAP = 15;
    static final int SCOPE_CAP = 15;

    private final IrProgram program;
    private final Names names;
    private final ControlFlow control;
    private final Atomic atomic;
    private final Problems problems;
    private final LockSteps locks;

    Steps(IrProgram program, Layout layout, Names names, ControlFlow control) {
        this.program = program;
        this.names = names;
        this.control = control;
        this.atomic = new Atomic(layout, names);
        this.problems = new Problems(program, names);
        this.locks = new LockSteps(layout, problems, this);
    }

    /** One step of an operation in progress: the state being built and where its moves go. */
    final class Step {
        final State base;
        final int thread;
        final ThreadState atOp;
        final Op op;
        final List<Move> out;

        Step(State base, int thread, ThreadState atOp, Op op, List<Move> out) {
            this.base = base;
            this.thread = thread;
            this.atOp = atOp;
            this.op = op;
            this.out = out;
        }

        /** A fresh successor state with the thread as control left it. */
        State start() {
            State s = base.copy();
            s.threads[thread] = atOp.copy();
            return s;
        }

        FrameValues values(State s) {
            return FrameValues.of(s.threads[thread], s);
        }

        void proceed(State s, int next) {
            proceed(s, next, Move.Kind.STEP, -1);
        }

        void proceed(State s, int next, Move.Kind kind, int detail) {
            s.threads[thread].top().pc = next;
            finish(s, kind, detail);
        }

        /** Settles control after the step; a thread that ended is checked for locks it still holds. */
        void finish(State s, Move.Kind kind, int detail) {
            Optional<Problem> problem = control.settle(s, thread);
            if (problem.isPresent()) {
                s.threads[thread].status = ThreadState.ERROR;
            } else if (s.threads[thread].status == ThreadState.FINISHED) {
                problem = problems.heldAtExit(s, thread, op.span());
            }
            out.add(new Move(thread, kind, detail, Optional.of(op), atOp, s, problem));
        }

        /** The step raised a finding: the thread stops there, holding what it holds. */
        void fail(State s, Problem problem) {
            s.threads[thread].status = ThreadState.ERROR;
            out.add(new Move(thread, Move.Kind.STEP, -1, Optional.of(op), atOp, s, Optional.of(problem)));
        }

        String opText() {
            return names.op(op, atOp, base);
        }
    }

    void execute(State base, int thread, ThreadState atOp, List<Move> out) {
        Frame f = atOp.top();
        Op op = program.procedure(f.proc).node(f.pc);
        Step step = new Step(base, thread, atOp, op, out);
        State s = step.start();
        try {
            if (atomic.maySleep(op, s, thread, step.values(s))) {
                Optional<Problem> p = atomic.check(op, step.opText(), s, thread);
                if (p.isPresent()) {
                    step.fail(s, p.get());
                    return;
                }
            }
            op.accept(new Executor(step, s));
        } catch (IrExpr.EvaluationException e) {
            step.fail(step.start(), problems.evaluation(thread, op.span(), e));
        }
    }

    private final class Executor implements Op.Visitor<Void> {
        private final Step step;
        private final State s;
        private final ThreadState t;
        private final FrameValues values;

        Executor(Step step, State s) {
            this.step = step;
            this.s = s;
            this.t = s.threads[step.thread];
            this.values = step.values(s);
        }

        public Void visitAcquire(Op.Acquire op) {
            locks.acquire(step, s, op, op.lock().instance(values));
            return null;
        }

        public Void visitRelease(Op.Release op) {
            locks.release(step, s, op, op.lock().instance(values));
            return null;
        }

        public Void visitTryAcquire(Op.TryAcquire op) {
            locks.tryAcquire(step, s, op, op.lock().instance(values));
            return null;
        }

        public Void visitJournalDrain(Op.JournalDrain op) {
            locks.drain(step, s, op, op.journal().instance(values));
            return null;
        }

        public Void visitWaitCompletion(Op.WaitCompletion op) {
            locks.waitForCompletion(step, s, op, op.completion().instance(values));
            return null;
        }

        public Void visitSignal(Op.Signal op) {
            locks.signal(step, s, op, op.completion().instance(values));
            return null;
        }

        public Void visitWaitEvent(Op.WaitEvent op) {
            if (op.condition().eval(values) != 0) step.proceed(s, op.next());
            return null;
        }

        public Void visitAssign(Op.Assign op) {
            int v = op.value().eval(values);
            VarRef target = op.target();
            if (v < target.low() || v > target.high()) {
                step.fail(s, problems.outOfRange(step.thread, op, target, v));
                return null;
            }
            if (target instanceof VarRef.LocalVar l) {
                t.top().locals[l.resolve(values)] = v;
            } else if (target instanceof VarRef.CurrentElement c) {
                t.current[c.variable().slot(c.index().eval(values))] = v;
            } else {
                VarRef.GlobalElement g = (VarRef.GlobalElement) target;
                s.globals[g.variable().slot(g.index().eval(values))] = v;
            }
            step.proceed(s, op.next());
            return null;
        }

        public Void visitCheck(Op.Check op) {
            if (op.passes(op.condition().eval(values))) {
                step.proceed(s, op.next());
            } else {
                step.fail(s, problems.failedCheck(step.thread, op, values));
            }
            return null;
        }

        public Void visitAssertHeld(Op.AssertHeld op) {
            int lock = op.lock().instance(values);
            if (s.holds(locks.layout(), step.thread, lock)) {
                step.proceed(s, op.next());
            } else {
                step.fail(s, problems.notHeld(step.thread, op, names.instance(lock)));
            }
            return null;
        }

        public Void visitAlloc(Op.Alloc op) {
            step.proceed(s.copy(), op.next());
            if (!op.gfp().mayReclaim() || t.noDirectReclaim()) return null;
            for (ReclaimPath path : program.reclaimPaths()) {
                if (!path.needs().allows(op.gfp(), t.noioDepth > 0, t.nofsDepth > 0)) continue;
                State r = s.copy();
                r.threads[step.thread].top().pc = op.next();
                r.threads[step.thread].push(call(path.invocation(), Frame.RECLAIM));
                step.finish(r, Move.Kind.RECLAIM, path.id());
            }
            return null;
        }

        public Void visitMemallocScope(Op.MemallocScope op) {
            int delta = op.save() ? 1 : -1;
            switch (op.scope()) {
                case NOFS -> t.nofsDepth = clamp(t.nofsDepth + delta);
                case NOIO -> t.noioDepth = clamp(t.noioDepth + delta);
                case NORECLAIM -> t.noreclaimDepth = clamp(t.noreclaimDepth + delta);
                case PAGEFAULT -> t.pagefaultDepth = clamp(t.pagefaultDepth + delta);
            }
            step.proceed(s, op.next());
            return null;
        }

        public Void visitUserCopy(Op.UserCopy op) {
            int mapping = op.mapping().eval(values);
            step.proceed(s.copy(), op.next());
            var fault = program.mappings().get(mapping).fault();
            // with page faults disabled the copy that would fault comes back short instead
            if (fault.isEmpty() || t.inFrameOfKind(Frame.FAULT) || t.pagefaultDepth > 0) return null;
            t.top().pc = op.next();
            t.push(call(fault.get(), Frame.FAULT));
            step.finish(s, Move.Kind.FAULT, mapping);
            return null;
        }

        public Void visitIrq(Op.Irq op) {
            switch (op.builtin()) {
                case LOCAL_IRQ_DISABLE -> t.irqDisabled = true;
                case LOCAL_IRQ_ENABLE -> t.irqDisabled = false;
                case LOCAL_IRQ_SAVE -> t.saveIrq();
                case LOCAL_BH_DISABLE -> t.bhDepth++;
                case LOCAL_BH_ENABLE -> t.enableBh();
                default -> t.restoreIrq();
            }
            step.proceed(s, op.next());
            return null;
        }

        public Void visitMightSleep(Op.MightSleep op) {
            step.proceed(s, op.next());
            return null;
        }

        /** lockdep's alone: the search takes nothing. */
        public Void visitMightLock(Op.MightLock op) {
            step.proceed(s, op.next());
            return null;
        }

        public Void visitBranch(Op.Branch op) {
            throw new IllegalStateException("control is resolved before a step");
        }

        public Void visitChoice(Op.Choice op) {
            throw new IllegalStateException("control is resolved before a step");
        }

        public Void visitInit(Op.Init op) {
            throw new IllegalStateException("control is resolved before a step");
        }

        public Void visitCall(Op.Call op) {
            throw new IllegalStateException("control is resolved before a step");
        }

        public Void visitReturn(Op.Return op) {
            throw new IllegalStateException("control is resolved before a step");
        }
    }

    private static int clamp(int depth) {
        return Math.max(0, Math.min(SCOPE_CAP, depth));
    }

    /** A frame for a fault handler or reclaim path; their arguments are constants. */
    Frame call(io.vmlock.ir.Invocation invocation, int kind) {
        FrameValues none = new FrameValues(new int[0], new int[0]);
        int[] args = invocation.args().stream().mapToInt(a -> a.eval(none)).toArray();
        return control.newFrame(invocation.procedure(), kind, args);
    }
}
