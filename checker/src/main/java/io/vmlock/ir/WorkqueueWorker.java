package io.vmlock.ir;

import static io.vmlock.ir.WorkExprs.constant;
import static io.vmlock.ir.WorkExprs.eq;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * worker_thread and process_one_work: wait for something pending, take it, run it inside the
 * workqueue's map and the work's map, count the run finished, go round again.
 */
final class WorkqueueWorker {
    private final Workqueues.Queue queue;
    private final int id;
    private final Map<String, Integer> procIds;
    private final ExprLowering exprs;
    private final List<Op> nodes = new ArrayList<>();
    private final ToIntFunction<Op> add = op -> {
        nodes.add(op);
        return nodes.size() - 1;
    };

    WorkqueueWorker(Workqueues.Queue queue, int id, Map<String, Integer> procIds, ExprLowering exprs) {
        this.queue = queue;
        this.id = id;
        this.procIds = procIds;
        this.exprs = exprs;
    }

    Procedure own(Workqueues.Item w) {
        WorkState.Own s = (WorkState.Own) w.state();
        int head = add.applyAsInt(new Op.Return(w.span())); // the loop head, replaced below
        int done = s.assign(s.done(), head, w.span(), w.name() + " finished", add);
        int run = run(w, Workqueues.release(queue.map(), done, w.span(), add));
        int take = s.assign(s.taken(), Workqueues.acquire(queue.map(), run, w.span(), add), w.span(),
                "process_one_work(" + w.name() + ")", add);
        // a cancel may take PENDING between the wake-up and the take
        int test = add.applyAsInt(new Op.Branch(eq(s.pending(), 1), take, head, w.span()));
        close(head, eq(s.pending(), 1), test, "worker_thread(" + w.name() + ")", w.span());
        return procedure("kworker(" + w.name() + ")", head, w.span());
    }

    Procedure ordered() {
        WorkState.Ordered any = (WorkState.Ordered) queue.items().get(0).state();
        SourceSpan span = queue.span();
        int head = add.applyAsInt(new Op.Return(span));
        int dispatch = add.applyAsInt(new Op.Return(span)); // unreachable: the running item is one of these
        for (int i = queue.items().size() - 1; i >= 0; i--) {
            Workqueues.Item w = queue.items().get(i);
            WorkState.Ordered s = (WorkState.Ordered) w.state();
            int done = s.assign(s.done(), head, w.span(), w.name() + " finished", add);
            int run = run(w, Workqueues.release(queue.map(), done, w.span(), add));
            dispatch = add.applyAsInt(new Op.Branch(s.running(), run, dispatch, span));
        }
        int take = any.assign(any.taken(), Workqueues.acquire(queue.map(), dispatch, span, add), span,
                "process_one_work(" + queue.name() + ")", add);
        int test = add.applyAsInt(new Op.Branch(eq(any.slot(0), 0), head, take, span));
        close(head, eq(eq(any.slot(0), 0), 0), test, "worker_thread(" + queue.name() + ")", span);
        return procedure("kworker(" + queue.name() + ")", head, span);
    }

    /** The work's map around the call of its function, then {@code next}. */
    private int run(Workqueues.Item w, int next) {
        int releaseWork = Workqueues.release(w.map(), next, w.span(), add);
        Scope scope = w.member().map(m -> Scope.empty().with(m.set(),
                Scope.Binding.of(new IrExpr.Const(m.index(), m.name())))).orElse(Scope.empty());
        List<IrExpr> args = w.args().stream().map(a -> exprs.lower(a, scope)).toList();
        int call = add.applyAsInt(new Op.Call(procIds.get(w.target()), args, Optional.empty(), releaseWork, w.span()));
        return Workqueues.acquire(w.map(), call, w.span(), add);
    }

    /** The loop head: sleep until {@code ready}, then the test that takes the item. */
    private void close(int head, IrExpr ready, int test, String label, SourceSpan span) {
        int sleep = add.applyAsInt(new Op.WaitEvent(BuiltinOp.WAIT_EVENT, ready, test, span, label));
        nodes.set(head, new Op.Branch(constant(1), sleep, sleep, span));
    }

    private Procedure procedure(String name, int entry, SourceSpan span) {
        return new Procedure(id, name, Procedure.Kind.THREAD, List.of(), 0, nodes, entry, span);
    }
}
