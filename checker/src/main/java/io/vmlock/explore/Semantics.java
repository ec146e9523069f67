package io.vmlock.explore;

import io.vmlock.ir.IrProgram;
import java.util.function.BiConsumer;

/**
 * The reference semantics of a scenario, shared by every search: the successor function, the
 * names traces print and the judge of stuck states. The compiled search runs on its own
 * representation and comes here for what only happens a few times: explaining a finding.
 */
final class Semantics {
    final IrProgram program;
    final Layout layout;
    final Names names;
    final Successors successors;
    final WaitFor waitFor;

    Semantics(IrProgram program) {
        this.program = program;
        this.layout = new Layout(program);
        this.names = new Names(program, layout);
        this.successors = new Successors(program, layout, names);
        this.waitFor = new WaitFor(program, names, new Blocker(program, layout, names, successors.problems()));
    }

    /** The initial state: every thread's body entered and settled; a failure there stops the thread. */
    State initial(BiConsumer<Problem, Integer> record) {
        int[] globals = new int[program.globalSlotCount()];
        for (var g : program.globals()) {
            for (int i = 0; i < g.size(); i++) globals[g.firstSlot() + i] = g.initial().get(i);
        }
        ThreadState[] threads = new ThreadState[program.threads().size()];
        for (int t = 0; t < threads.length; t++) {
            Frame body = successors.control().newFrame(program.threads().get(t).body(), Frame.CALL, new int[0]);
            threads[t] = new ThreadState(new Frame[] {body}, program.perThreadStart());
        }
        State s = new State(globals, new int[layout.objectWords], threads);
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            successors.control().settle(s, t).ifPresent(p -> {
                s.threads[thread].status = ThreadState.ERROR;
                record.accept(p, 0);
            });
        }
        return s;
    }
}
