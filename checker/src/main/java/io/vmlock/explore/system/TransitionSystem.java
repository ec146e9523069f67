package io.vmlock.explore.system;

import io.vmlock.ir.IrProgram;
import java.util.List;
import java.util.Map;

/**
 * A scenario compiled to guarded commands over a flat vector of bounded fields: the same state
 * graph the explorer's successor function defines, state for state and move for move, in a form
 * both a fast search and an exporter (Promela) can use. Invariants hold when their expression is
 * non-zero.
 */
public final class TransitionSystem {
    private final IrProgram program;
    private final List<Field> fields;
    private final List<Integer> initial;
    private final List<ThreadSystem> threads;
    private final List<Expr> invariants;
    private final int firstObjectField;
    private final List<Map<Long, Integer>> locals;
    private final List<Map<Flag, Integer>> flags;
    private final int[] irqBits;
    private final int[][] current;
    private final int[][] localNumber;
    /** {@link #ownerWords()}. */
    private final java.util.BitSet ownerWords;
    /**
     * The threads as the compiler made them, before {@link Pruning}: their commands read every
     * field the explorer's successor function reads ({@link DeadValues} needs them).
     */
    private final List<ThreadSystem> compiled;
    /** [thread][position] -> the fields {@link DeadValues} resets there; null when it has not run. */
    private final int[][][] dead;

    TransitionSystem(IrProgram program, Fields f, List<ThreadSystem> threads, List<Expr> invariants,
                     List<Integer> initial, int[][] localNumber) {
        this.program = program;
        this.fields = List.copyOf(f.fields());
        this.initial = List.copyOf(initial);
        this.threads = List.copyOf(threads);
        this.invariants = List.copyOf(invariants);
        this.firstObjectField = f.firstObjectField;
        this.locals = java.util.stream.IntStream.range(0, f.threads()).mapToObj(t -> Map.copyOf(f.locals(t))).toList();
        this.flags = java.util.stream.IntStream.range(0, f.threads()).mapToObj(t -> Map.copyOf(f.flags(t))).toList();
        this.irqBits = java.util.stream.IntStream.range(0, f.threads()).map(f::irqBits).toArray();
        this.current = java.util.stream.IntStream.range(0, f.threads())
                .mapToObj(t -> java.util.stream.IntStream.range(0, program.perThreadSlotCount()).map(s -> f.current(t, s)).toArray())
                .toArray(int[][]::new);
        this.localNumber = localNumber;
        this.ownerWords = new java.util.BitSet();
        this.compiled = this.threads;
        this.dead = null;
    }

    private TransitionSystem(TransitionSystem base, List<ThreadSystem> threads, java.util.BitSet ownerWords,
                             List<ThreadSystem> compiled, int[][][] dead) {
        this.program = base.program;
        this.fields = base.fields;
        this.initial = base.initial;
        this.threads = List.copyOf(threads);
        this.invariants = base.invariants;
        this.firstObjectField = base.firstObjectField;
        this.locals = base.locals;
        this.flags = base.flags;
        this.irqBits = base.irqBits;
        this.current = base.current;
        this.localNumber = base.localNumber;
        this.ownerWords = (java.util.BitSet) ownerWords.clone();
        this.compiled = compiled;
        this.dead = dead;
    }

    /** The same system with other commands (same fields and positions). */
    TransitionSystem withThreads(List<ThreadSystem> newThreads) {
        return new TransitionSystem(this, newThreads, ownerWords, compiled, dead);
    }

    /** The same system, its owner words known ({@link #ownerWords()}). */
    TransitionSystem withOwnerWords(java.util.BitSet words) {
        return new TransitionSystem(this, threads, words, compiled, dead);
    }

    /**
     * The same system with commands that reset the fields {@code deadAt} names at each position;
     * it lets go of the unpruned commands, which only {@link DeadValues} needed.
     */
    TransitionSystem withDeadValues(List<ThreadSystem> newThreads, int[][][] deadAt) {
        return new TransitionSystem(this, newThreads, ownerWords, null, deadAt);
    }

    /** The threads before {@link Pruning}: same positions, every command the compiler made (until {@link DeadValues} ran). */
    List<ThreadSystem> compiledThreads() {
        if (compiled == null) throw new IllegalStateException("dead-value reduction ran already");
        return compiled;
    }

    /** Whether this system's commands reset dead values ({@link DeadValues}). */
    public boolean resetsDeadValues() {
        return dead != null;
    }

    /**
     * Sets, in field values of this system, each thread's locals and per-thread variables that are
     * dead at its position to their initial values, as this system's commands leave them: what a
     * state of the explorer's successor function (which keeps stale values) stands for here.
     * Nothing when the reduction has not run. The one place that relates the two.
     */
    public void resetDeadValues(int[] values) {
        if (dead == null) return;
        for (int t = 0; t < dead.length; t++) {
            for (int f : dead[t][values[threads.get(t).positionField()]]) values[f] = initial.get(f);
        }
    }

    /**
     * The lock owner words every reachable write of which is guarded by "free" or "mine" and
     * writes "free" or "mine" ({@link OwnerWords}), as found on the commands before {@link Pruning}
     * dropped the guards a thread knows to hold (an unlock's "the owner is me"): the pruned
     * commands run in the same states, so the property holds of them too, though their guards no
     * longer show it. Empty when not known (every read of an owner word is then a plain read).
     */
    public java.util.BitSet ownerWords() {
        return (java.util.BitSet) ownerWords.clone();
    }

    public IrProgram program() {
        return program;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The initial state: one value per field. */
    public List<Integer> initial() {
        return initial;
    }

    public List<ThreadSystem> threads() {
        return threads;
    }

    public List<Expr> invariants() {
        return invariants;
    }

    /** The field of local number {@code number} of the frame at {@code depth} of a thread, -1 if none. */
    public int localField(int thread, int depth, int number) {
        Integer f = locals.get(thread).get(((long) depth << 32) | number);
        return f == null ? -1 : f;
    }

    /** A thread's local fields by depth << 32 | local number. */
    public Map<Long, Integer> locals(int thread) {
        return locals.get(thread);
    }

    /** The local number of a frame slot element of a procedure; -1 for a pinned parameter (no field). */
    public int localNumber(int proc, int element) {
        return localNumber[proc][element];
    }

    /** A thread's flag field, or -1 when it never changes (0). */
    public int flag(int thread, Flag flag) {
        return flags.get(thread).getOrDefault(flag, -1);
    }

    /** The field of a thread's per-thread variable slot ({@code current->journal_info}). */
    public int currentField(int thread, int slot) {
        return current[thread][slot];
    }

    public int irqBits(int thread) {
        return irqBits[thread];
    }

    /** The field of word {@code word} of the lock and completion words, in the explorer's layout. */
    public int objectField(int word) {
        return firstObjectField + word;
    }

    public int commandCount() {
        return threads.stream().mapToInt(t -> t.commands().stream().mapToInt(List::size).sum()).sum();
    }
}
