package io.vmlock.graph;

import io.vmlock.ir.IrProgram;
import io.vmlock.ir.MappingDef;
import io.vmlock.ir.ObjectClass;
import io.vmlock.ir.ReclaimPath;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What every walk of one program shares: its lock classes, contexts and stable variables. */
final class WalkEnv {
    final IrProgram program;
    final Map<ObjectClass, LockClass> classes = new LinkedHashMap<>();
    /** The reclaim pseudo-lock of each kind of path the program declares. */
    final Map<ReclaimPath.Needs, LockClass> reclaim = new EnumMap<>(ReclaimPath.Needs.class);
    /** The fault pseudo-lock of each mapping with a fault handler, by mapping id. */
    final Map<Integer, LockClass> faults = new LinkedHashMap<>();
    /** Threads some interrupt handler may interrupt. */
    final Set<String> interruptible = new TreeSet<>();
    final Set<String> stableVariables;

    WalkEnv(IrProgram program, Set<String> stableVariables) {
        this.program = program;
        this.stableVariables = Set.copyOf(stableVariables);
        for (ObjectClass c : program.objects()) {
            if (c.kind().isLock()) classes.put(c, lockClass(c));
        }
        for (ReclaimPath r : program.reclaimPaths()) reclaim.put(r.needs(), reclaimClass(r.needs()));
        for (MappingDef m : program.mappings()) {
            if (m.fault().isPresent()) faults.put(m.id(), LockClass.fault(m.name()));
        }
        program.interrupts().forEach(i -> i.threads().forEach(t -> interruptible.add(program.threads().get(t).name())));
    }

    static LockClass reclaimClass(ReclaimPath.Needs needs) {
        return switch (needs) {
            case FS -> LockClass.FS_RECLAIM;
            case IO -> LockClass.IO_RECLAIM;
            case NONE -> LockClass.RECLAIM;
        };
    }

    private static LockClass lockClass(ObjectClass c) {
        List<String> members = c.set().map(s -> s.members()).orElse(List.of());
        return new LockClass(c.name(), LockKind.of(c.kind()), members);
    }

    /** The class and instance an object instance id names. */
    LockClass classOf(int instance) {
        return classes.get(program.classOf(instance));
    }

    Instance instanceOf(int instance) {
        ObjectClass c = program.classOf(instance);
        if (!c.isArray()) return Instance.SINGLE;
        int ordinal = instance - c.firstInstance();
        return new Instance.Known(ordinal, c.set().get().members().get(ordinal));
    }
}
