package io.vmlock.report;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ir.InterruptDef;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.MappingDef;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;
import io.vmlock.ir.ReclaimPath;
import io.vmlock.ir.ThreadDef;
import io.vmlock.ir.VarRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A report's claim that a thread could end another's wait, checked against the scenario's code
 * from where the report's trace leaves that thread: some path of its remaining code, with an
 * explicit call stack (the frames the report prints, innermost first), reaches a step that ends
 * the wait; for a bit lock, a clear of the bit before any step that needs the bit clear. Written
 * apart from the checker's own analysis on purpose; where the report does not say something (the
 * pc a caller resumes at, a local's value) every possibility is taken, so it may accept a claim
 * the checker should not have made, never reject one that is true.
 */
final class RemainingCode {
    /** What ends a wait. */
    sealed interface Goal permits BitClear, Completes, Assigns {
    }

    /** Clearing bit lock {@code instance} before needing it clear. */
    record BitClear(int instance) implements Goal {
    }

    /** complete()/complete_all() of {@code instance}. */
    record Completes(int instance) implements Goal {
    }

    /** An assignment to one of these global variables (any element). */
    record Assigns(Set<String> globals) implements Goal {
    }

    /** A frame: a procedure, its pc, its parameters' values where known ({@code null}: not). */
    private record Frame(int proc, int pc, List<Integer> params) {
    }

    private static final int DEEPEST = 48;

    private final IrProgram program;

    RemainingCode(IrProgram program) {
        this.program = program;
    }

    /** An instance by the name reports print ({@code page_lock[P0]}), if there is one. */
    Optional<Integer> instance(String name) {
        for (int i = 0; i < program.instanceCount(); i++) {
            if (program.instanceName(i).equals(name)) return Optional.of(i);
        }
        return Optional.empty();
    }

    boolean isGlobal(String name) {
        return program.globals().stream().anyMatch(g -> g.name().equals(name));
    }

    /**
     * Whether {@code thread}, blocked at {@code file:line:col} with call stack {@code stack}
     * (innermost first, as reports print it; its body left out), or an interrupt handler that may
     * run on it, can reach a step that reaches {@code goal}.
     */
    boolean canReach(String thread, String file, int line, int col, List<String> stack, Goal goal) {
        ThreadDef t = program.threads().stream().filter(x -> x.name().equals(thread)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no thread " + thread));
        for (List<Frame> start : starts(t, file, line, col, stack)) {
            if (search(start, goal)) return true;
        }
        for (InterruptDef irq : program.interrupts()) {
            if (!irq.threads().contains(t.id())) continue;
            Procedure p = program.procedure(irq.body());
            if (search(List.of(new Frame(p.id(), p.entry(), List.of())), goal)) return true;
        }
        return false;
    }

    /** The stacks (bottom first) the report's words allow: the blocked step, each caller at each of its sites. */
    private List<List<Frame>> starts(ThreadDef t, String file, int line, int col, List<String> stack) {
        List<String> frames = new ArrayList<>(stack);
        java.util.Collections.reverse(frames);
        List<Integer> procs = new ArrayList<>();
        List<List<Integer>> params = new ArrayList<>();
        String body = program.procedure(t.body()).name();
        // a body that is a procedure of its own is printed as a frame: it is one already
        if (frames.isEmpty() || !frames.get(0).startsWith(body + "(")) {
            procs.add(t.body());
            params.add(List.of());
        }
        for (String f : frames) {
            String name = f.replaceAll("^(interrupt|softirq) ", "").replaceAll("\\(.*$", "").strip();
            Procedure p = program.procedures().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no procedure " + name + " in " + f));
            procs.add(p.id());
            params.add(arguments(p, f));
        }
        List<List<Frame>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (int i = 0; i < procs.size(); i++) {
            Procedure p = program.procedure(procs.get(i));
            List<Integer> pcs = i == procs.size() - 1 ? at(p, file, line, col) : resumes(p, program.procedure(procs.get(i + 1)));
            List<List<Frame>> next = new ArrayList<>();
            for (List<Frame> partial : out) {
                for (int pc : pcs) {
                    List<Frame> more = new ArrayList<>(partial);
                    more.add(new Frame(p.id(), pc, params.get(i)));
                    next.add(more);
                }
            }
            out = next;
        }
        return out;
    }

    /** The steps of {@code p} at that position. */
    private static List<Integer> at(Procedure p, String file, int line, int col) {
        List<Integer> pcs = new ArrayList<>();
        for (int pc = 0; pc < p.nodes().size(); pc++) {
            Op op = p.node(pc);
            var s = op.span();
            if (op.isStep() && s.file().equals(file) && s.line() == line && s.column() == col) pcs.add(pc);
        }
        if (pcs.isEmpty()) throw new IllegalArgumentException("no step of " + p.name() + " at " + file + ":" + line + ":" + col);
        return pcs;
    }

    /** Where {@code caller} may resume after {@code callee}: after each call of it, allocation or user copy; anywhere under an interrupt. */
    private List<Integer> resumes(Procedure caller, Procedure callee) {
        List<Integer> pcs = new ArrayList<>();
        boolean handler = program.interrupts().stream().anyMatch(i -> i.body() == callee.id());
        for (int pc = 0; pc < caller.nodes().size(); pc++) {
            Op op = caller.node(pc);
            boolean enters = op instanceof Op.Call c && c.procedure() == callee.id() || op instanceof Op.Alloc
                    || op instanceof Op.UserCopy;
            if (handler) {
                pcs.add(pc);
            } else if (enters) {
                pcs.add(op.successors().get(0));
            }
        }
        return pcs;
    }

    /** {@code lock_page(P0)}: the parameters' values as printed, where they can be read back. */
    private List<Integer> arguments(Procedure p, String frame) {
        List<Integer> out = new ArrayList<>();
        int open = frame.indexOf('(');
        int close = frame.lastIndexOf(')');
        List<String> printed = open < 0 || close <= open + 1 ? List.of()
                : Arrays.asList(frame.substring(open + 1, close).split(", "));
        for (int i = 0; i < p.paramCount(); i++) out.add(i < printed.size() ? value(printed.get(i)) : null);
        return out;
    }

    private Integer value(String printed) {
        if (printed.equals("true")) return 1;
        if (printed.equals("false")) return 0;
        if (printed.matches("-?\\d+")) return Integer.parseInt(printed);
        for (var set : program.sets()) {
            if (set.members().contains(printed)) return set.members().indexOf(printed);
        }
        for (MappingDef m : program.mappings()) {
            if (m.name().equals(printed)) return m.id();
        }
        return instance(printed).orElse(null);
    }

    /** Depth-first over explicit stacks from {@code start} (bottom first). */
    private boolean search(List<Frame> start, Goal goal) {
        Deque<List<Frame>> work = new ArrayDeque<>();
        Set<List<Frame>> seen = new HashSet<>();
        work.push(start);
        seen.add(start);
        while (!work.isEmpty()) {
            List<Frame> stack = work.pop();
            Frame top = stack.get(stack.size() - 1);
            Op op = program.procedure(top.proc()).node(top.pc());
            if (reaches(op, top, goal)) return true;
            for (List<Frame> next : successors(stack, op, goal)) {
                if (next.size() <= DEEPEST && seen.add(next)) work.push(next);
            }
        }
        return false;
    }

    private boolean reaches(Op op, Frame f, Goal goal) {
        if (goal instanceof BitClear b) {
            return op instanceof Op.Release r && r.mode().kind().ownerless() && mayBe(r.lock(), f, b.instance());
        }
        if (goal instanceof Completes c) {
            return op instanceof Op.Signal s && (s.builtin() == BuiltinOp.COMPLETE || s.builtin() == BuiltinOp.COMPLETE_ALL)
                    && mayBe(s.completion(), f, c.instance());
        }
        Assigns a = (Assigns) goal;
        return op instanceof Op.Assign as && as.target() instanceof VarRef.GlobalElement g
                && a.globals().contains(g.variable().name());
    }

    private List<List<Frame>> successors(List<Frame> stack, Op op, Goal goal) {
        Frame top = stack.get(stack.size() - 1);
        List<Frame> below = stack.subList(0, stack.size() - 1);
        List<List<Frame>> out = new ArrayList<>();
        if (op instanceof Op.Return) {
            if (!below.isEmpty()) out.add(List.copyOf(below));
            return out;
        }
        if (op instanceof Op.Call c) {
            Procedure callee = program.procedure(c.procedure());
            List<Integer> args = new ArrayList<>();
            for (int i = 0; i < callee.paramCount(); i++) args.add(i < c.args().size() ? eval(c.args().get(i), top) : null);
            out.add(push(below, new Frame(top.proc(), c.next(), top.params()), new Frame(callee.id(), callee.entry(), args)));
            return out;
        }
        List<Integer> nexts = op.successors();
        if (goal instanceof BitClear b && op instanceof Op.Acquire a && a.mode().kind().ownerless() && a.mode().sleeps()
                && is(a.lock(), top, b.instance())) {
            nexts = List.of();
        }
        if (goal instanceof BitClear b && op instanceof Op.TryAcquire tr && tr.mode().kind().ownerless()
                && is(tr.lock(), top, b.instance())) {
            nexts = List.of(tr.failure());
        }
        for (int n : nexts) out.add(push(below, new Frame(top.proc(), n, top.params())));
        if (op instanceof Op.Alloc) {
            for (ReclaimPath r : program.reclaimPaths()) out.add(entering(below, top, op, r.invocation().procedure(), r.invocation().args()));
        }
        if (op instanceof Op.UserCopy) {
            for (MappingDef m : program.mappings()) {
                m.fault().ifPresent(f -> out.add(entering(below, top, op, f.procedure(), f.args())));
            }
        }
        return out;
    }

    private List<Frame> entering(List<Frame> below, Frame top, Op op, int proc, List<IrExpr> args) {
        Procedure p = program.procedure(proc);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < p.paramCount(); i++) values.add(i < args.size() ? eval(args.get(i), new Frame(proc, 0, List.of())) : null);
        return push(below, new Frame(top.proc(), op.successors().get(0), top.params()), new Frame(proc, p.entry(), values));
    }

    private static List<Frame> push(List<Frame> below, Frame... frames) {
        List<Frame> out = new ArrayList<>(below);
        out.addAll(Arrays.asList(frames));
        return List.copyOf(out);
    }

    /** The reference may name {@code instance}: it does, or it is not known. */
    private boolean mayBe(ObjectRef ref, Frame f, int instance) {
        Integer v = instanceOf(ref, f);
        return v == null || v == instance;
    }

    /** The reference surely names {@code instance}. */
    private boolean is(ObjectRef ref, Frame f, int instance) {
        Integer v = instanceOf(ref, f);
        return v != null && v == instance;
    }

    private Integer instanceOf(ObjectRef ref, Frame f) {
        try {
            return ref.instance(values(f));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Integer eval(IrExpr e, Frame f) {
        try {
            return e.eval(values(f));
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** A parameter's value where it is known and its procedure never assigns it; nothing else. */
    private IrExpr.Values values(Frame f) {
        Procedure p = program.procedure(f.proc());
        return new IrExpr.Values() {
            public int local(int slot) {
                for (int i = 0; i < p.paramCount() && i < f.params().size(); i++) {
                    if (p.slots().get(i).index() == slot && f.params().get(i) != null && !assigned(p, slot)) {
                        return f.params().get(i);
                    }
                }
                throw new IllegalStateException("not known");
            }

            public int global(int slot) {
                throw new IllegalStateException("not known");
            }

            public int current(int slot) {
                throw new IllegalStateException("not known");
            }
        };
    }

    private static boolean assigned(Procedure p, int slot) {
        for (Op op : p.nodes()) {
            VarRef t = op instanceof Op.Assign a ? a.target() : op instanceof Op.Init i ? i.target()
                    : op instanceof Op.Call c ? c.result().orElse(null) : null;
            if (t instanceof VarRef.LocalVar l && slot >= l.slot().index() && slot < l.slot().index() + l.slot().size()) {
                return true;
            }
        }
        return false;
    }
}
