package io.vmlock.explore.system;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ir.InterruptDef;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.MappingDef;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;
import io.vmlock.ir.ReclaimPath;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a thread can ever run (its body, callees, reclaim paths, fault handlers, interrupt and
 * softirq handlers) and so which per-thread flags it needs: a flag no reachable operation touches
 * stays 0 and gets no field.
 */
final class ThreadScan {
    final BitSet procedures = new BitSet();
    final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    final boolean interrupts;

    ThreadScan(IrProgram program, int thread) {
        Deque<Integer> todo = new ArrayDeque<>();
        todo.add(program.threads().get(thread).body());
        boolean hasIrq = false;
        for (InterruptDef irq : program.interrupts()) {
            if (irq.threads().contains(thread)) {
                // a softirq arrives only where irqs are on, and masks softirqs while it runs
                if (irq.softirq()) flags.add(Flag.BH);
                todo.add(irq.body());
                hasIrq = true;
            }
        }
        this.interrupts = hasIrq;
        if (hasIrq) flags.add(Flag.IRQ);
        while (!todo.isEmpty()) {
            int p = todo.poll();
            if (procedures.get(p)) continue;
            procedures.set(p);
            for (Op op : program.procedure(p).nodes()) visit(program, op, todo);
        }
    }

    private void visit(IrProgram program, Op op, Deque<Integer> todo) {
        if (op instanceof Op.Call c) todo.add(c.procedure());
        if (op instanceof Op.Alloc) {
            for (ReclaimPath r : program.reclaimPaths()) todo.add(r.invocation().procedure());
        }
        if (op instanceof Op.UserCopy) {
            for (MappingDef m : program.mappings()) m.fault().ifPresent(f -> todo.add(f.procedure()));
        }
        if (op instanceof Op.Acquire a) lockFlags(a.mode());
        if (op instanceof Op.Release r) lockFlags(r.mode());
        if (op instanceof Op.Irq irq) {
            if (irq.builtin() == BuiltinOp.LOCAL_BH_DISABLE || irq.builtin() == BuiltinOp.LOCAL_BH_ENABLE) {
                flags.add(Flag.BH);
                return;
            }
            flags.add(Flag.IRQ);
            if (irq.builtin() == BuiltinOp.LOCAL_IRQ_SAVE || irq.builtin() == BuiltinOp.LOCAL_IRQ_RESTORE) {
                flags.add(Flag.IRQ_SAVE);
            }
        }
        if (op instanceof Op.MemallocScope m) {
            flags.add(switch (m.scope()) {
                case NOFS -> Flag.NOFS;
                case NOIO -> Flag.NOIO;
                case NORECLAIM -> Flag.NORECLAIM;
                case PAGEFAULT -> Flag.PAGEFAULT;
            });
        }
    }

    private void lockFlags(LockMode mode) {
        flags.addAll(switch (mode.irq()) {
            case NONE -> java.util.List.of();
            case DISABLE -> java.util.List.of(Flag.IRQ);
            case SAVE -> java.util.List.of(Flag.IRQ, Flag.IRQ_SAVE);
            case BH -> java.util.List.of(Flag.BH);
        });
    }

    /** The procedure's slot is a parameter naming a lock, an instance or a mapping, never assigned in it. */
    static boolean pinned(Procedure p, int slot) {
        if (slot >= p.paramCount()) return false;
        var type = p.slots().get(slot).paramType().orElseThrow();
        if (!(type instanceof io.vmlock.ast.ParamType.ObjectParam || type instanceof io.vmlock.ast.ParamType.InstanceParam
                || type instanceof io.vmlock.ast.ParamType.MappingParam)) {
            return false;
        }
        for (Op op : p.nodes()) {
            if (op instanceof Op.Assign a && a.target() instanceof io.vmlock.ir.VarRef.LocalVar l
                    && l.slot().index() == slot) {
                return false;
            }
        }
        return true;
    }
}
