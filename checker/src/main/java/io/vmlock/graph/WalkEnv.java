package io.vmlock.graph;

import io.vmlock.ir.InterruptDef;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.MappingDef;
import io.vmlock.ir.ObjectClass;
import io.vmlock.ir.ReclaimPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What every walk of one program shares: its lock classes, contexts and stable variables. */
final class WalkEnv {
    final IrProgram program;
    /** Each lock declaration's own class: its instances no lockdep_set_class moved elsewhere. */
    final Map<ObjectClass, LockClass> classes = new LinkedHashMap<>();
    /** The class of each lockdep_set_class key, named by it, with the instances init gave it. */
    final Map<String, LockClass> keyed = new LinkedHashMap<>();
    /** The reclaim pseudo-lock of each kind of path the program declares. */
    final Map<ReclaimPath.Needs, LockClass> reclaim = new EnumMap<>(ReclaimPath.Needs.class);
    /** The fault pseudo-lock of each mapping with a fault handler, by mapping id. */
    final Map<Integer, LockClass> faults = new LinkedHashMap<>();
    /** Threads some hard interrupt handler may interrupt, and threads some softirq may. */
    final Map<InterruptContext, Set<String>> interruptible = new EnumMap<>(InterruptContext.class);
    /** The names of the global variables no run assigns: the walk knows their values. */
    final Set<String> stableVariables;

    WalkEnv(IrProgram program, Set<String> stableVariables) {
        this.program = program;
        this.stableVariables = Set.copyOf(stableVariables);
        for (ObjectClass c : program.objects()) {
            if (c.kind().isLock()) {
                classes.put(c, lockClass(c, Optional.empty()));
                keysOf(c).forEach(key -> keyed.put(key, lockClass(c, Optional.of(key))));
            }
        }
        for (ReclaimPath r : program.reclaimPaths()) reclaim.put(r.needs(), reclaimClass(r.needs()));
        for (MappingDef m : program.mappings()) {
            if (m.fault().isPresent()) faults.put(m.id(), LockClass.fault(m.name()));
        }
        for (var i : program.interrupts()) {
            Set<String> on = interruptible.computeIfAbsent(contextOf(i), k -> new TreeSet<>());
            i.threads().forEach(t -> on.add(program.threads().get(t).name()));
        }
    }

    static InterruptContext contextOf(InterruptDef handler) {
        return handler.softirq() ? InterruptContext.SOFTIRQ : InterruptContext.HARDIRQ;
    }

    /** Threads a handler of this context may interrupt. */
    Set<String> interruptibleBy(InterruptContext handler) {
        return interruptible.getOrDefault(handler, Set.of());
    }

    static LockClass reclaimClass(ReclaimPath.Needs needs) {
        return switch (needs) {
            case FS -> LockClass.FS_RECLAIM;
            case IO -> LockClass.IO_RECLAIM;
            case NONE -> LockClass.RECLAIM;
        };
    }

    /** The class {@code key} names (the declaration's own when empty), with the members in it. */
    private LockClass lockClass(ObjectClass c, Optional<String> key) {
        if (!c.isArray()) return new LockClass(key.orElse(c.name()), LockKind.of(c.kind()), List.of());
        List<String> members = c.instances().stream().filter(i -> program.classKey(i).equals(key))
                .map(i -> c.set().get().members().get(i - c.firstInstance())).toList();
        return new LockClass(key.orElse(c.name()), LockKind.of(c.kind()), members);
    }

    private List<String> keysOf(ObjectClass c) {
        return c.instances().stream().map(program::classKey).flatMap(Optional::stream).distinct().toList();
    }

    /** The classes the graph has a vertex for: each declaration's own (unless every instance moved) and each key's. */
    List<LockClass> vertices() {
        List<LockClass> all = new ArrayList<>();
        classes.forEach((c, own) -> {
            if (c.instances().stream().anyMatch(i -> program.classKey(i).isEmpty())) all.add(own);
        });
        all.addAll(keyed.values());
        return all;
    }

    /**
     * The lockdep class of an object instance: the key's lockdep_set_class gave it, or its
     * declaration's. The search never reads this: it sees instances.
     */
    LockClass classOf(int instance) {
        return program.classKey(instance).map(keyed::get).orElseGet(() -> classes.get(program.classOf(instance)));
    }

    Instance instanceOf(int instance) {
        ObjectClass c = program.classOf(instance);
        if (!c.isArray()) return Instance.SINGLE;
        int member = instance - c.firstInstance();
        // numbered within its class, as the feasibility model counts a class's instances
        Optional<String> key = program.classKey(instance);
        int ordinal = (int) c.instances().stream().filter(i -> i < instance && program.classKey(i).equals(key)).count();
        return new Instance.Known(ordinal, c.set().get().members().get(member));
    }
}
