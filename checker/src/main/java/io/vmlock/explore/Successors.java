package io.vmlock.explore;

import io.vmlock.ir.InterruptDef;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every move of every thread from a state, in thread order then the order control and
 * operations produce them, so searches and traces are deterministic.
 */
final class Successors {
    private final IrProgram program;
    private final ControlFlow control;
    private final Steps steps;
    private final Problems problems;

    Successors(IrProgram program, Layout layout, Names names) {
        this.program = program;
        this.control = new ControlFlow(program, names);
        this.steps = new Steps(program, layout, names, control);
        this.problems = new Problems(program, names);
    }

    ControlFlow control() {
        return control;
    }

    Problems problems() {
        return problems;
    }

    List<Move> of(State s) {
        List<Move> out = new ArrayList<>();
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status != ThreadState.RUNNING) continue;
            int before = out.size();
            List<ControlFlow.Resolved> resolved = control.resolve(s, t);
            for (ControlFlow.Resolved r : resolved) threadMove(s, t, r, out);
            boolean onCpu = out.size() > before || spinning(resolved);
            if (onCpu) interrupts(s, t, out);
        }
        return out;
    }

    /** The positions a thread's control resolves to now, for explaining why it cannot move. */
    List<ControlFlow.Resolved> positions(State s, int thread) {
        return control.resolve(s, thread);
    }

    private void threadMove(State s, int t, ControlFlow.Resolved r, List<Move> out) {
        switch (r.stop()) {
            case STEP -> steps.execute(s, t, r.thread(), out);
            case EXIT -> {
                State next = s.copy();
                next.threads[t] = r.thread();
                next.threads[t].status = ThreadState.FINISHED;
                Frame bottom = r.thread().frames[0];
                Op end = program.procedure(bottom.proc).node(bottom.pc);
                out.add(new Move(t, Move.Kind.EXIT, -1, Optional.of(end), r.thread(), next,
                        problems.heldAtExit(next, t, end.span())));
            }
            case PROBLEM -> {
                State next = s.copy();
                next.threads[t] = r.thread();
                next.threads[t].status = ThreadState.ERROR;
                Frame top = r.thread().top();
                Op at = program.procedure(top.proc).node(top.pc);
                out.add(new Move(t, Move.Kind.STEP, -1, Optional.of(at), r.thread(), next, r.problem()));
            }
            case SPINS -> {
                // a loop with no operation in it: the thread stays on the CPU but never gets anywhere
            }
        }
    }

    /** Spinning on a spinlock keeps the CPU: an interrupt can still arrive (with irqs on). */
    private boolean spinning(List<ControlFlow.Resolved> resolved) {
        for (ControlFlow.Resolved r : resolved) {
            if (r.stop() == ControlFlow.Stop.SPINS) return true;
            if (r.stop() != ControlFlow.Stop.STEP) continue;
            Frame f = r.thread().top();
            if (program.procedure(f.proc).node(f.pc) instanceof Op.Acquire a && a.mode() == LockMode.SPIN) return true;
        }
        return false;
    }

    private void interrupts(State s, int t, List<Move> out) {
        ThreadState thread = s.threads[t];
        if (thread.irqDisabled || thread.inInterrupt()) return;
        for (InterruptDef irq : program.interrupts()) {
            if (!irq.threads().contains(t)) continue;
            State next = s.copy();
            ThreadState nt = next.threads[t];
            nt.push(control.newFrame(irq.body(), Frame.INTERRUPT, new int[0]));
            nt.irqDisabled = true;
            Optional<Problem> p = control.settle(next, t);
            if (p.isPresent()) nt.status = ThreadState.ERROR;
            out.add(new Move(t, Move.Kind.INTERRUPT, irq.id(), Optional.empty(), thread, next, p));
        }
    }
}
