package io.vmlock.explore;

import io.vmlock.ir.Op;
import java.util.Optional;

/**
 * One transition: {@code thread} takes a step from a state to {@code result}. {@code atOp} is the
 * thread as it was when the operation ran (after control was resolved), for the trace's call
 * stack and argument values; {@code detail} is the reclaim path, mapping or interrupt involved.
 */
record Move(int thread, Kind kind, int detail, Optional<Op> op, ThreadState atOp, State result,
            Optional<Problem> problem) {

    enum Kind {
        /** The operation ran (or a finding stopped the thread at it). */
        STEP,
        /** down_write found the rwsem busy and joined its FIFO queue. */
        QUEUED,
        TRY_SUCCESS,
        TRY_FAILURE,
        /** The allocation entered reclaim path {@code detail}. */
        RECLAIM,
        /** The user copy faulted into mapping {@code detail}'s handler. */
        FAULT,
        /** Interrupt handler {@code detail} started on the thread. */
        INTERRUPT,
        /** Control reached the end of the thread's body. */
        EXIT
    }
}
