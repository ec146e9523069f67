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
            for (ControlFlow.Resolved r : control.resolve(s, t)) threadMove(s, t, r, out);
            // an interrupt arrives on the CPU whether its thread runs, spins or sleeps there
            interrupts(s, t, out);
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

    private void interrupts(State s, int t, List<Move> out) {
        ThreadState thread = s.threads[t];
        if (thread.irqDisabled || thread.inFrameOfKind(Frame.INTERRUPT)) return;
        for (InterruptDef irq : program.interrupts()) {
            if (!irq.threads().contains(t) || irq.softirq() && !softirqMayArrive(thread)) continue;
            State entered = s.copy();
            enter(entered.threads[t], irq);
            // The arrival takes the handler to its first step, its control resolved at once: a
            // handler that returns on the way does nothing, and is no move (else a thread asleep
            // would be left inside it, its return waiting on the thread's blocked next step).
            for (ControlFlow.Resolved r : control.resolve(entered, t)) {
                if (r.stop() == ControlFlow.Stop.STEP && r.thread().frames.length <= thread.frames.length) continue;
                State next = entered.copy();
                next.threads[t] = r.thread();
                if (r.stop() == ControlFlow.Stop.PROBLEM) next.threads[t].status = ThreadState.ERROR;
                out.add(new Move(t, Move.Kind.INTERRUPT, irq.id(), Optional.empty(), thread, next, r.problem()));
            }
        }
    }

    /**
     * A softirq runs where no softirq is masked or running and the thread is in no handler (the
     * kernel runs them at irq_exit only outside interrupt context: __irq_exit_rcu in kernel/softirq.c
     * at torvalds/linux 01581a218644; handle_softirqs runs them with irqs on); a hard
     * interrupt arrives in a softirq too, as irqs are on there.
     */
    private static boolean softirqMayArrive(ThreadState thread) {
        return thread.bhDepth == 0 && !thread.inInterrupt();
    }

    /** A hard interrupt runs with irqs off; a softirq with irqs on and softirqs masked (__do_softirq). */
    private void enter(ThreadState thread, InterruptDef irq) {
        if (irq.softirq()) {
            thread.push(control.newFrame(irq.body(), Frame.SOFTIRQ, new int[0]));
            thread.bhDepth++;
        } else {
            thread.push(control.newFrame(irq.body(), Frame.INTERRUPT, new int[0]));
            thread.irqDisabled = true;
        }
    }
}
