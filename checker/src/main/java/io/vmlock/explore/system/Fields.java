package io.vmlock.explore.system;

import io.vmlock.ast.ObjectKind;
import io.vmlock.ir.GlobalVar;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.ObjectClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The fields of the state vector, allocated as the compiler needs them: globals first, then the
 * words of every lock and completion instance in the explorer's layout order (the kind's
 * {@link ObjectKind#words()}: mutex, spinlock: owner; rwsem: writer, a read depth per thread,
 * queue length, queued writers; journal: barrier holder, a handle depth per thread; completion:
 * count, done-all), then per thread its position, its per-thread variables, flags and frame locals.
 */
final class Fields {
    /** Counters start with room for this much nesting; the explorer widens them when a model needs more. */
    static final int COUNTER_HIGH = 15;

    private final List<Field> fields = new ArrayList<>();
    private final List<Integer> initial = new ArrayList<>();
    private final int threads;
    /** The contexts a thread owns locks in: task and hard interrupt, and softirq when the program has one. */
    private final int contexts;
    final int firstObjectField;
    private final int[] objectOffset;
    private final ObjectKind[] kinds;
    final int objectWords;
    private final int[] position;
    private final List<Map<Flag, Integer>> flags = new ArrayList<>();
    private final List<Map<Long, Integer>> locals = new ArrayList<>();
    private final int[] irqBits;
    /** Per thread, the field of each per-thread variable slot. */
    private final int[][] current;

    Fields(IrProgram program) {
        this.threads = program.threads().size();
        this.contexts = program.interrupts().stream().anyMatch(io.vmlock.ir.InterruptDef::softirq) ? 3 : 2;
        for (GlobalVar g : program.globals()) {
            for (int i = 0; i < g.size(); i++) add(g.elementName(i), Field.Role.GLOBAL, -1, g.low(), g.high(), g.initial().get(i));
        }
        this.firstObjectField = fields.size();
        this.objectOffset = new int[program.instanceCount()];
        this.kinds = new ObjectKind[program.instanceCount()];
        for (ObjectClass c : program.objects()) {
            for (int i : c.instances()) {
                objectOffset[i] = fields.size() - firstObjectField;
                kinds[i] = c.kind();
                objectWords(program.instanceName(i), c.kind());
            }
        }
        this.objectWords = fields.size() - firstObjectField;
        this.position = new int[threads];
        this.irqBits = new int[threads];
        java.util.Arrays.fill(irqBits, -1);
        this.current = new int[threads][program.perThreadSlotCount()];
        for (int t = 0; t < threads; t++) {
            position[t] = add("pos_" + t, Field.Role.POSITION, t, 0, Integer.MAX_VALUE, 0);
            for (GlobalVar v : program.perThread()) {
                for (int i = 0; i < v.size(); i++) {
                    current[t][v.firstSlot() + i] = add(v.elementName(i) + "_" + t, Field.Role.CURRENT, t, v.low(),
                            v.high(), v.initial().get(i));
                }
            }
            flags.add(new HashMap<>());
            locals.add(new HashMap<>());
        }
    }

    /** The field of per-thread slot {@code slot} of a thread. */
    int current(int thread, int slot) {
        return current[thread][slot];
    }

    private void objectWords(String name, ObjectKind kind) {
        for (ObjectKind.Word w : kind.words()) {
            for (WordField f : fields(name, kind.modes(), w)) {
                // depths only the program's structure bounds; a retry flag is 0 or 1
                add(f.name, f.role, f.thread, 0, f.high, 0, f.role == Field.Role.COUNTER && w != ObjectKind.Word.RETRY);
            }
        }
    }

    /** A field an object's word needs: its name, role, thread (-1 for none) and upper bound. */
    private record WordField(String name, Field.Role role, int thread, int high) {
    }

    private List<WordField> fields(String name, ObjectKind.Modes modes, ObjectKind.Word w) {
        List<Integer> perThread = IntStream.range(0, threads).boxed().toList();
        return switch (w) {
            case OWNER -> List.of(new WordField(name + ownerName(modes), Field.Role.OBJECT, -1, contexts * threads));
            case SHARED_DEPTH -> perThread.stream()
                    .map(t -> new WordField(name + "." + depthName(modes) + t, Field.Role.COUNTER, t, COUNTER_HIGH)).toList();
            case FREEZE_DEPTH -> perThread.stream()
                    .map(t -> new WordField(name + ".frozen" + t, Field.Role.COUNTER, t, COUNTER_HIGH)).toList();
            case RETRY -> perThread.stream()
                    .map(t -> new WordField(name + ".retry" + t, Field.Role.COUNTER, t, 1)).toList();
            case QUEUE -> Stream.concat(Stream.of(new WordField(name + ".queued", Field.Role.OBJECT, -1, threads)),
                    perThread.stream().map(i -> new WordField(name + ".queue" + i, Field.Role.OBJECT, -1, Math.max(0, threads - 1))))
                    .toList();
            case COUNT -> List.of(new WordField(name + ".done", Field.Role.OBJECT, -1, StepRules.COMPLETION_CAP));
            case DONE_ALL -> List.of(new WordField(name + ".all", Field.Role.OBJECT, -1, 1));
        };
    }

    /** The owner word's name: the lock's own for one-mode locks, else its exclusive holder's. */
    private static String ownerName(ObjectKind.Modes modes) {
        return switch (modes) {
            case EXCLUSIVE -> "";
            case READ_WRITE -> ".writer";
            case HANDLE_COMMIT -> ".barrier";
            case REF_FREEZE -> ".owner";
            case NONE -> throw new IllegalArgumentException("an event has no owner");
        };
    }

    private static String depthName(ObjectKind.Modes modes) {
        return switch (modes) {
            case READ_WRITE -> "readers";
            case HANDLE_COMMIT -> "handles";
            case REF_FREEZE -> "refs";
            case EXCLUSIVE, NONE -> throw new IllegalArgumentException(modes + " has no shared mode");
        };
    }

    private int add(String name, Field.Role role, int thread, int low, int high, int init) {
        return add(name, role, thread, low, high, init, role == Field.Role.COUNTER);
    }

    private int add(String name, Field.Role role, int thread, int low, int high, int init, boolean open) {
        fields.add(new Field(fields.size(), name, role, thread, low, high, open));
        initial.add(init);
        return fields.size() - 1;
    }

    int global(int slot) {
        return slot;
    }

    /** Word {@code word} of an instance, in the explorer's object layout. */
    int object(int instance, int word) {
        return firstObjectField + objectOffset[instance] + word;
    }

    ObjectKind kind(int instance) {
        return kinds[instance];
    }

    int instances() {
        return kinds.length;
    }

    int position(int thread) {
        return position[thread];
    }

    /** A flag's field, or -1 when the thread never touches it (it stays 0). */
    int flag(int thread, Flag flag) {
        return flags.get(thread).getOrDefault(flag, -1);
    }

    void addFlag(int thread, Flag flag) {
        int high = switch (flag) {
            case IRQ -> 1;
            case IRQ_SAVE, BH -> COUNTER_HIGH;
            default -> StepRules.SCOPE_CAP;
        };
        boolean open = flag == Flag.IRQ_SAVE || flag == Flag.BH;
        // a softirq that unmasks more than it masked returns to depth -1, as in the reference semantics
        int low = flag == Flag.BH ? -1 : 0;
        String name = flag.name().toLowerCase() + "_" + thread;
        flags.get(thread).put(flag, add(name, Field.Role.FLAG, thread, low, high, 0, open));
        if (flag == Flag.IRQ_SAVE) {
            irqBits[thread] = add("irq_bits_" + thread, Field.Role.FLAG, thread, 0, COUNTER_HIGH, 0, true);
        }
    }

    /** The saved irq bits of local_irq_save nesting (only with {@link Flag#IRQ_SAVE}). */
    int irqBits(int thread) {
        return irqBits[thread];
    }

    /** Local number {@code index} of the frame at {@code depth} of a thread's stack. */
    int local(int thread, int depth, int index, int low, int high) {
        long key = ((long) depth << 32) | index;
        Integer f = locals.get(thread).get(key);
        if (f == null) {
            f = add("l" + thread + "_" + depth + "_" + index, Field.Role.LOCAL, thread, Math.min(0, low),
                    Math.max(0, high), 0);
            locals.get(thread).put(key, f);
        } else {
            Field old = fields.get(f);
            if (low < old.low() || high > old.high()) {
                fields.set(f, new Field(f, old.name(), old.role(), thread, Math.min(old.low(), low), Math.max(old.high(), high),
                        false));
            }
        }
        return f;
    }

    Map<Flag, Integer> flags(int thread) {
        return flags.get(thread);
    }

    /** The thread's local fields: depth << 32 | index -> field. */
    Map<Long, Integer> locals(int thread) {
        return locals.get(thread);
    }

    int size() {
        return fields.size();
    }

    List<Field> fields() {
        return fields;
    }

    List<Integer> initial() {
        return initial;
    }

    void setPositionCount(int thread, int count) {
        Field f = fields.get(position[thread]);
        fields.set(f.id(), new Field(f.id(), f.name(), f.role(), thread, 0, Math.max(0, count - 1), false));
    }

    int threads() {
        return threads;
    }

    /** How many owner tokens a thread has: one per context it may take a lock in (see {@link OwnerWords#names}). */
    int contexts() {
        return contexts;
    }
}
