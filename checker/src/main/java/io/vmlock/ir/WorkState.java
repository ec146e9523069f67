package io.vmlock.ir;

import static io.vmlock.ir.WorkExprs.constant;
import static io.vmlock.ir.WorkExprs.div;
import static io.vmlock.ir.WorkExprs.eq;
import static io.vmlock.ir.WorkExprs.minus;
import static io.vmlock.ir.WorkExprs.mod;
import static io.vmlock.ir.WorkExprs.or;
import static io.vmlock.ir.WorkExprs.plus;
import static io.vmlock.ir.WorkExprs.times;

import io.vmlock.ast.SourceSpan;
import java.util.function.ToIntFunction;

/**
 * Where a work item's PENDING bit, its running flag and its finished runs (modulo {@link #RUNS})
 * live, and the one-step updates of them: each update is a chain of branches ending in one
 * assignment, which the search takes as one atomic step, as pool->lock makes it in the kernel.
 */
sealed interface WorkState permits WorkState.Own, WorkState.Ordered {
    /** Finished runs are counted modulo this: a flush waits for at most two. */
    int RUNS = 4;

    VarRef target();

    IrExpr value();

    /** 1 while queued and not yet taken by a worker (WORK_STRUCT_PENDING), else 0. */
    IrExpr pending();

    /** 1 while a worker runs the item, else 0. */
    IrExpr running();

    /** Runs finished, modulo {@link #RUNS}. */
    IrExpr finished();

    /** queue_work: PENDING set unless already set, then a step that changes nothing. */
    int queue(int next, SourceSpan span, String text, ToIntFunction<Op> add);

    /** try_to_grab_pending: PENDING taken away (off the queue), or a step that changes nothing. */
    int grab(int next, SourceSpan span, String text, ToIntFunction<Op> add);

    default int assign(IrExpr value, int next, SourceSpan span, String text, ToIntFunction<Op> add) {
        return add.applyAsInt(new Op.Assign(target(), value, next, span, text));
    }

    /**
     * A concurrency-managed workqueue's item: a variable of its own, PENDING bit 0, running bit 1,
     * runs from bit 2 when {@code counted} (some statement waits on the item), else always 0.
     */
    record Own(GlobalVar variable, boolean counted) implements WorkState {
        static int high() {
            return 4 * RUNS - 1;
        }

        public VarRef target() {
            return new VarRef.GlobalElement(variable, constant(0));
        }

        public IrExpr value() {
            return new IrExpr.Global(variable, constant(0));
        }

        public IrExpr pending() {
            return mod(value(), 2);
        }

        public IrExpr running() {
            return mod(div(value(), 2), 2);
        }

        public IrExpr finished() {
            return div(value(), 4);
        }

        public int queue(int next, SourceSpan span, String text, ToIntFunction<Op> add) {
            int queued = assign(plus(value(), constant(1)), next, span, text, add);
            int already = assign(value(), next, span, text + ": already pending", add);
            return add.applyAsInt(new Op.Branch(eq(pending(), 0), queued, already, span));
        }

        public int grab(int next, SourceSpan span, String text, ToIntFunction<Op> add) {
            return assign(minus(value(), pending()), next, span, text, add);
        }

        /** process_one_work: PENDING off, running on. */
        IrExpr taken() {
            return plus(value(), constant(1));
        }

        /** The run is over: running off, one more run finished (when counted), PENDING as it is. */
        IrExpr done() {
            if (!counted) return pending();
            return plus(pending(), times(mod(plus(finished(), constant(1)), RUNS), 4));
        }
    }

    /**
     * An item of an ordered workqueue, numbered {@code id} (1..count) on it. The workqueue's one
     * variable holds what its worker runs (0: nothing), the FIFO of pending items after it (head
     * first, 0: empty) and every item's finished runs: value = run + B * (q0 + q1 B + ...) +
     * B^(count+1) * (f1 + f2 RUNS + ...), with B = count + 1. An item nobody waits on
     * ({@code counted} false) keeps its finished runs at 0.
     */
    record Ordered(GlobalVar variable, int id, int count, boolean counted) implements WorkState {
        static int high(int count) {
            return (int) (power(count + 1, count + 1) * power(RUNS, count) - 1);
        }

        static long power(int base, int exponent) {
            long p = 1;
            for (int i = 0; i < exponent; i++) p *= base;
            return p;
        }

        private int base() {
            return count + 1;
        }

        private IrExpr scaled(long unit) {
            return div(value(), (int) unit);
        }

        public VarRef target() {
            return new VarRef.GlobalElement(variable, constant(0));
        }

        public IrExpr value() {
            return new IrExpr.Global(variable, constant(0));
        }

        IrExpr runningItem() {
            return mod(value(), base());
        }

        /** The item at position {@code k} of the FIFO, 0 when there is none. */
        IrExpr slot(int k) {
            return mod(scaled(power(base(), k + 1)), base());
        }

        IrExpr fifo() {
            return mod(scaled(base()), (int) power(base(), count));
        }

        private long runsUnit() {
            return power(base(), count + 1) * power(RUNS, id - 1);
        }

        public IrExpr pending() {
            IrExpr any = eq(slot(0), id);
            for (int k = 1; k < count; k++) any = or(any, eq(slot(k), id));
            return any;
        }

        public IrExpr running() {
            return eq(runningItem(), id);
        }

        public IrExpr finished() {
            return mod(scaled(runsUnit()), RUNS);
        }

        /** Appended at the first free position of the FIFO; there is one, since this item is not in it. */
        public int queue(int next, SourceSpan span, String text, ToIntFunction<Op> add) {
            int chain = assign(value(), next, span, text, add);
            for (int k = count - 1; k >= 0; k--) {
                int append = assign(plus(value(), constant((int) (id * power(base(), k + 1)))), next, span, text, add);
                chain = add.applyAsInt(new Op.Branch(eq(slot(k), 0), append, chain, span));
            }
            int already = assign(value(), next, span, text + ": already pending", add);
            return add.applyAsInt(new Op.Branch(pending(), already, chain, span));
        }

        /** Taken out of the FIFO where it stands; those behind it move up one. */
        public int grab(int next, SourceSpan span, String text, ToIntFunction<Op> add) {
            int chain = assign(value(), next, span, text, add);
            for (int k = count - 1; k >= 0; k--) {
                int below = (int) power(base(), k);
                IrExpr shifted = plus(mod(fifo(), below), times(div(fifo(), below * base()), below));
                IrExpr removed = plus(minus(value(), times(fifo(), base())), times(shifted, base()));
                chain = add.applyAsInt(new Op.Branch(eq(slot(k), id), assign(removed, next, span, text, add), chain, span));
            }
            return chain;
        }

        /** The worker takes the head of the FIFO (it runs nothing when it does). */
        IrExpr taken() {
            IrExpr runs = times(scaled(power(base(), count + 1)), (int) power(base(), count + 1));
            return plus(plus(runs, times(div(fifo(), base()), base())), slot(0));
        }

        /** This item's run is over: nothing running, one more run finished (when counted). */
        IrExpr done() {
            if (!counted) return minus(value(), runningItem());
            IrExpr more = minus(mod(plus(finished(), constant(1)), RUNS), finished());
            return plus(minus(value(), runningItem()), times(more, (int) runsUnit()));
        }
    }
}
