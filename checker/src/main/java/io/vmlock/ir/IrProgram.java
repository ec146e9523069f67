package io.vmlock.ir;

import io.vmlock.ast.ObjectKind;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * A lowered scenario: everything the explorer and the lock-order graph need, names resolved
 * to ids. Ids are list positions; object instances are numbered across all classes
 * ({@link ObjectClass#firstInstance()}), global variables across state slots, per-thread
 * variables across the slots every thread has ({@code perThreadSlotCount} of them).
 * {@code classKeys}: the lockdep class key init's lockdep_set_class gave an object instance; the
 * search never steps on them, only the lock-order graph and the names of wait-for cycles read them.
 */
public record IrProgram(String mainFile, List<InstanceSet> sets, List<ObjectClass> objects, int instanceCount,
                        List<GlobalVar> globals, int globalSlotCount, List<GlobalVar> perThread,
                        int perThreadSlotCount, List<MappingDef> mappings,
                        List<ReclaimPath> reclaimPaths, List<Procedure> procedures, List<ThreadDef> threads,
                        List<InterruptDef> interrupts, List<Invariant> invariants, List<LockOrder> orders,
                        List<Expectation> expectations, Map<Integer, String> classKeys) {
    public IrProgram {
        Objects.requireNonNull(mainFile);
        sets = List.copyOf(sets);
        objects = List.copyOf(objects);
        globals = List.copyOf(globals);
        perThread = List.copyOf(perThread);
        mappings = List.copyOf(mappings);
        reclaimPaths = List.copyOf(reclaimPaths);
        procedures = List.copyOf(procedures);
        threads = List.copyOf(threads);
        interrupts = List.copyOf(interrupts);
        invariants = List.copyOf(invariants);
        orders = List.copyOf(orders);
        expectations = List.copyOf(expectations);
        classKeys = Collections.unmodifiableMap(new TreeMap<>(classKeys));
    }

    /** The lockdep class key lockdep_set_class gave an object instance, if init gave it one. */
    public Optional<String> classKey(int instance) {
        return Optional.ofNullable(classKeys.get(instance));
    }

    /** Each thread's starting per-thread slots: every thread starts at the declared values. */
    public int[] perThreadStart() {
        int[] start = new int[perThreadSlotCount];
        for (GlobalVar v : perThread) {
            for (int i = 0; i < v.size(); i++) start[v.firstSlot() + i] = v.initial().get(i);
        }
        return start;
    }

    public Procedure procedure(int id) {
        return procedures.get(id);
    }

    /**
     * The procedures a run can enter: thread and interrupt bodies (workqueue workers are threads),
     * reclaim paths, mappings' fault handlers, and what they call. A procedure only a hook's
     * default body or an unused model procedure would reach is not among them: its statements
     * happen in no run.
     */
    public BitSet reachableProcedures() {
        BitSet reached = new BitSet(procedures.size());
        ArrayDeque<Integer> work = new ArrayDeque<>();
        IntConsumer enter = id -> {
            if (!reached.get(id)) {
                reached.set(id);
                work.add(id);
            }
        };
        threads.forEach(t -> enter.accept(t.body()));
        interrupts.forEach(i -> enter.accept(i.body()));
        reclaimPaths.forEach(r -> enter.accept(r.invocation().procedure()));
        mappings.forEach(m -> m.fault().ifPresent(f -> enter.accept(f.procedure())));
        while (!work.isEmpty()) {
            for (Op op : procedures.get(work.poll()).nodes()) {
                if (op instanceof Op.Call c) enter.accept(c.procedure());
            }
        }
        return reached;
    }

    /** The class an object instance belongs to. */
    public ObjectClass classOf(int instance) {
        for (ObjectClass c : objects) {
            if (c.owns(instance)) return c;
        }
        throw new IllegalArgumentException("no object instance " + instance);
    }

    /**
     * The kind of each lock class a report may name, by name: every declared object class, and
     * each class key lockdep_set_class gave (the kind of its instances; left out when instances of
     * two kinds share it, since then the key has no one kind).
     */
    public Map<String, ObjectKind> objectKinds() {
        Map<String, ObjectKind> kinds = new TreeMap<>();
        for (ObjectClass c : objects) kinds.put(c.name(), c.kind());
        Map<String, Optional<ObjectKind>> keys = new TreeMap<>();
        classKeys.forEach((instance, key) -> keys.merge(key, Optional.of(classOf(instance).kind()),
                (a, b) -> a.equals(b) ? a : Optional.empty()));
        keys.forEach((key, kind) -> kind.ifPresent(k -> kinds.putIfAbsent(key, k)));
        return kinds;
    }

    public String instanceName(int instance) {
        return classOf(instance).instanceName(instance);
    }
}
