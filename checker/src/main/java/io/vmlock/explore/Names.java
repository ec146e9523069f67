package io.vmlock.explore;

import io.vmlock.ast.ParamType;
import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.HeldLock;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LocalSlot;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Op;
import io.vmlock.ir.OpText;
import io.vmlock.ir.Procedure;
import io.vmlock.ir.VarRef;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Names of threads, instances, frames and operations as traces print them, with run-time values. */
final class Names {
    /**
     * lockdep's map of a jbd2 journal's handles and commit (journal->j_trans_commit_map, named
     * "jbd2_handle" in fs/jbd2/journal.c), qualified by the journal's declared name as lockdep
     * qualifies its other maps ({@code (wq_completion)events}): {@code (jbd2_handle)s_journal}.
     */
    String jbd2Handle(int journal) {
        return "(jbd2_handle)" + instance(journal);
    }

    private final IrProgram program;
    private final Layout layout;

    Names(IrProgram program, Layout layout) {
        this.program = program;
        this.layout = layout;
    }

    String thread(int t) {
        return program.threads().get(t).name();
    }

    /** Copies of a replicated thread are one name, so symmetric findings are one finding. */
    String canonicalThread(int t) {
        return program.threads().get(t).baseName();
    }

    String instance(int i) {
        return program.instanceName(i);
    }

    /** The journal's exclusive half, as the wait-for graph and the held list name it. */
    String commit(int journal) {
        return "the " + instance(journal) + " commit";
    }

    String handle(int journal) {
        return "a handle on " + instance(journal);
    }

    String op(Op op, ThreadState thread, State state) {
        FrameValues values = FrameValues.of(thread, state);
        OpText text = new OpText(ref -> object(ref, values), e -> value(e, values), t -> target(t, values));
        return text.render(op, program);
    }

    /** {@code PageDirty[P0]} for {@code PageDirty[p]}: the element an assignment writes in this frame. */
    private String target(VarRef target, FrameValues values) {
        try {
            if (target instanceof VarRef.Element g) {
                if (!g.variable().isArray()) return g.text();
                int index = g.index().eval(values);
                return index >= 0 && index < g.variable().size() ? g.variable().elementName(index) : g.text();
            }
            VarRef.LocalVar l = (VarRef.LocalVar) target;
            if (l.slot().size() == 1 && l.index() instanceof IrExpr.Const) return l.text();
            return l.slot().name() + "[" + l.index().eval(values) + "]";
        } catch (IrExpr.EvaluationException e) {
            return target.text();
        }
    }

    private String object(ObjectRef ref, FrameValues values) {
        try {
            return instance(ref.instance(values));
        } catch (IrExpr.EvaluationException e) {
            return ref.text();
        }
    }

    /** Mapping arguments print as the mapping's name. */
    private String value(IrExpr e, FrameValues values) {
        try {
            int v = e.eval(values);
            return v >= 0 && v < program.mappings().size() ? program.mappings().get(v).name() : e.text();
        } catch (IrExpr.EvaluationException ex) {
            return e.text();
        }
    }

    /** {@code lock_page(P0)}: a frame's procedure with the values of its parameters. */
    String frame(Frame f) {
        Procedure p = program.procedure(f.proc);
        String args = p.params().stream().map(s -> slotValue(s, f.locals[s.index()])).collect(Collectors.joining(", "));
        String call = p.name() + "(" + args + ")";
        if (f.kind == Frame.INTERRUPT) return "interrupt " + p.name();
        if (f.kind == Frame.SOFTIRQ) return "softirq " + p.name();
        if (f.kind == Frame.RECLAIM) return call + " [reclaim]";
        if (f.kind == Frame.FAULT) return call + " [fault]";
        return call;
    }

    String slotValue(LocalSlot slot, int v) {
        ParamType type = slot.paramType().orElse(null);
        if (type instanceof ParamType.InstanceParam ip) {
            return program.sets().stream().filter(s -> s.name().equals(ip.set().name())).findFirst()
                    .map(s -> v >= 0 && v < s.size() ? s.members().get(v) : Integer.toString(v)).orElse(Integer.toString(v));
        }
        if (type instanceof ParamType.ObjectParam) return instance(v);
        if (type instanceof ParamType.MappingParam) return program.mappings().get(v).name();
        if (slot.bool()) return v != 0 ? "true" : "false";
        return Integer.toString(v);
    }

    /** Innermost first; the thread's own body is the thread and is left out. */
    List<String> callStack(ThreadState t) {
        List<String> stack = new ArrayList<>();
        for (int i = t.frames.length - 1; i >= 0; i--) {
            Frame f = t.frames[i];
            if (i == 0 && program.procedure(f.proc).kind() == Procedure.Kind.THREAD) continue;
            stack.add(frame(f));
        }
        return stack;
    }

    /**
     * Where the thread's bottom frame stands: the call (or user copy) that left it, found as the
     * operation whose successor is the frame's return point; {@code step} when it has no callee.
     */
    SourceSpan bodySite(ThreadState t, SourceSpan step) {
        if (t.frames.length < 2) return step;
        Frame body = t.frames[0];
        Frame callee = t.frames[1];
        for (Op op : program.procedure(body.proc).nodes()) {
            boolean call = op instanceof Op.Call c && c.next() == body.pc && c.procedure() == callee.proc;
            boolean copy = op instanceof Op.UserCopy u && u.next() == body.pc && callee.kind == Frame.FAULT;
            if (call || copy) return op.span();
        }
        return step;
    }

    /** What a thread holds, in instance order: {@code page_lock[P0]}, {@code mmap_lock (read)}. */
    List<HeldLock> held(State s, int t) {
        return held(s, t, true);
    }

    /** What a thread that ends now still holds: an ownerless bit it set is someone else's to clear. */
    List<HeldLock> heldAtExit(State s, int t) {
        return held(s, t, false);
    }

    private List<HeldLock> held(State s, int t, boolean withOwnerless) {
        List<HeldLock> held = new ArrayList<>();
        for (int i = 0; i < layout.instances(); i++) {
            if (!withOwnerless && layout.kind(i).ownerless()) continue;
            boolean owner = layout.kind(i).isLock() && layout.holder(s.objects[layout.owner(i)]) == t;
            boolean shared = layout.kind(i).modes().hasShared() && s.objects[layout.sharedDepth(i, t)] > 0;
            held.addAll(switch (layout.kind(i).modes()) {
                case NONE -> List.of();
                case EXCLUSIVE -> owner ? List.of(new HeldLock(instance(i), mode(i, true))) : List.of();
                case READ_WRITE -> owner ? List.of(new HeldLock(instance(i), mode(i, true)))
                        : shared ? List.of(new HeldLock(instance(i), mode(i, false))) : List.of();
                case HANDLE_COMMIT -> journal(i, shared, owner);
                case REF_FREEZE -> s.objects[layout.freezeDepth(i, t)] > 0
                        ? List.of(new HeldLock(instance(i), mode(i, true)))
                        : shared ? List.of(new HeldLock(instance(i), mode(i, false))) : List.of();
            });
        }
        return held;
    }

    private List<HeldLock> journal(int i, boolean handle, boolean commit) {
        List<HeldLock> held = new ArrayList<>();
        if (handle) held.add(new HeldLock(handle(i), mode(i, false), instance(i)));
        if (commit) held.add(new HeldLock(commit(i), mode(i, true), instance(i)));
        return held;
    }

    /**
     * What an acquisition of instance {@code i} in {@code mode} asks for, under the instance's name:
     * a recursive lock's retake, which no held list shows (the thread stops there).
     */
    HeldLock acquisition(int i, LockMode mode) {
        return new HeldLock(instance(i), mode(i, mode.hold() == LockMode.Hold.EXCLUSIVE));
    }

    /** How instance {@code i} is held by its owner ({@code exclusive}) or by a sharer, in its kind's modes. */
    private HeldLock.Mode mode(int i, boolean exclusive) {
        return switch (layout.kind(i).modes()) {
            case NONE -> HeldLock.Mode.UNSTATED;
            case EXCLUSIVE -> HeldLock.Mode.EXCLUSIVE;
            case READ_WRITE, REF_FREEZE -> exclusive ? HeldLock.Mode.WRITE : HeldLock.Mode.READ;
            case HANDLE_COMMIT -> exclusive ? HeldLock.Mode.COMMIT : HeldLock.Mode.HANDLE;
        };
    }
}
