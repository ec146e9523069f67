package io.vmlock.symbolic;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A group of commands of one thread (leaving one position, or any), with the relation they define learned
 * so far (PINS style): the states' projections onto the fields the group reads that were seen
 * already, and the (before, after) tuples they lead to. A field the group writes but not every
 * command of it writes counts as read too: the others leave its value as it was.
 */
final class Group {
    final List<Command> commands;
    /** The commands by the position they leave, in their order: a tuple runs only those of its position. */
    private final java.util.Map<Integer, List<Command>> byFrom;
    /** The length of a relation tuple: one value per touched level, two for a field read and written. */
    private final int tupleSize;
    final int thread;
    final int positionField;
    /** The position all the group's commands leave, or -1 when they leave several. */
    final int from;
    /** The levels of the fields read, ascending: the order of the projected tuples. */
    final int[] readLevels;
    /** Per level of the touched fields, ascending: its relation metadata (READ, WRITE, READ_WRITE). */
    final int[] touchedLevels;
    final int[] touchedKinds;
    /** The registered metas: projection onto the read levels, and the relation's. */
    final int projectMeta;
    final int relationMeta;
    /** Every read level kept (no filter on the position): matches a set against {@link #enabled}. */
    final int matchMeta;
    /** Projections learned, and the relation over them. */
    int learned = Ldd.FALSE;
    int relation = Ldd.FALSE;
    /** The projections learned that some command of the group leaves: its enabled states' projections. */
    int enabled = Ldd.FALSE;
    /** The (before, after) tuples learned: how big the relation grew. */
    long tuples;
    /** The relation was built whole ({@link StaticRelation}): nothing to learn. */
    boolean fixed;
    /** Over a relation's tuples: keeps the values before of the levels read (the order of {@link #readLevels}). */
    final int beforeMeta;

    Group(Ldd ldd, List<Command> commands, int positionField, int[] levelOf, BitSet invariantReads) {
        this.commands = List.copyOf(commands);
        this.byFrom = new java.util.HashMap<>();
        for (Command c : this.commands) byFrom.computeIfAbsent(c.from(), k -> new ArrayList<>()).add(c);
        Command first = commands.get(0);
        this.thread = first.thread();
        this.from = commands.stream().allMatch(c -> c.from() == first.from()) ? first.from() : -1;
        this.positionField = positionField;
        int fields = levelOf.length;
        BitSet reads = new BitSet(fields);
        BitSet writes = new BitSet(fields);
        BitSet writtenByAll = new BitSet(fields);
        writtenByAll.set(0, fields);
        reads.set(positionField);
        reads.or(invariantReads); // a state breaking an invariant is stored but not expanded
        for (Command c : commands) {
            if (c.thread() != thread) throw new IllegalArgumentException("a group is one thread's");
            for (Expr g : c.guard()) g.fields(reads::set);
            BitSet mine = new BitSet(fields);
            mine.set(positionField);
            for (Command.Effect e : c.effects()) {
                e.value().fields(reads::set);
                mine.set(e.field());
            }
            writes.or(mine);
            writtenByAll.and(mine);
        }
        BitSet partlyWritten = (BitSet) writes.clone();
        partlyWritten.andNot(writtenByAll);
        reads.or(partlyWritten);
        BitSet touched = (BitSet) reads.clone();
        touched.or(writes);
        this.readLevels = reads.stream().map(f -> levelOf[f]).sorted().toArray();
        int[] touchedFields = touched.stream().toArray();
        int[][] byLevel = new int[touchedFields.length][];
        for (int i = 0; i < touchedFields.length; i++) {
            int f = touchedFields[i];
            int kind = reads.get(f) && writes.get(f) ? Ldd.READ_WRITE : reads.get(f) ? Ldd.READ : Ldd.WRITE;
            byLevel[i] = new int[] {levelOf[f], kind};
        }
        java.util.Arrays.sort(byLevel, java.util.Comparator.comparingInt(a -> a[0]));
        this.touchedLevels = new int[byLevel.length];
        this.touchedKinds = new int[byLevel.length];
        for (int i = 0; i < byLevel.length; i++) {
            touchedLevels[i] = byLevel[i][0];
            touchedKinds[i] = byLevel[i][1];
        }
        int last = touchedLevels[touchedLevels.length - 1];
        int[] project = new int[fields + 1];
        int[] relation = new int[fields + 1];
        for (int l : readLevels) project[l] = Ldd.KEEP;
        if (from >= 0) project[levelOf[positionField]] = Ldd.keepOnly(from);
        project[readLevels[readLevels.length - 1] + 1] = Ldd.END;
        for (int i = 0; i < touchedLevels.length; i++) relation[touchedLevels[i]] = touchedKinds[i];
        relation[last + 1] = Ldd.END;
        this.projectMeta = ldd.register(project);
        if (from >= 0) project[levelOf[positionField]] = Ldd.KEEP;
        this.matchMeta = ldd.register(project);
        this.relationMeta = ldd.register(relation);
        int size = 0;
        for (int k : touchedKinds) size += k == Ldd.READ_WRITE ? 2 : 1;
        this.tupleSize = size;
        int[] before = new int[size + 1];
        int at = 0;
        for (int k : touchedKinds) {
            if (k != Ldd.WRITE) before[at++] = Ldd.KEEP;
            if (k != Ldd.READ) before[at++] = Ldd.SKIP;
        }
        before[size] = Ldd.END;
        this.beforeMeta = ldd.register(before);
    }

    /** Takes {@code whole} as the relation, built from the commands once: learning stops. */
    void fix(Ldd ldd, int whole) {
        relation = whole;
        enabled = ldd.project(whole, beforeMeta, 0);
        fixed = true;
    }

    /**
     * Learns the relation on the projections of {@code set} not seen yet: each is run through the
     * commands on {@code scratch} (only the fields read are set, and only those are read).
     */
    void learn(Ldd ldd, int set, int[] fieldAt, int[] scratch, List<Expr> invariants) {
        learn(ldd, set, 0, fieldAt, scratch, invariants);
    }

    /** The same for the vectors of {@code set} from {@code level} on, which must be no lower than the group's top. */
    void learn(Ldd ldd, int set, int level, int[] fieldAt, int[] scratch, List<Expr> invariants) {
        if (fixed) return;
        // only the states at this group's position (projectMeta keeps only it): the others' projections would be learned for nothing
        int fresh = ldd.minus(ldd.project(set, projectMeta, level), learned);
        if (fresh == Ldd.FALSE) return;
        learned = ldd.union(learned, fresh);
        List<int[]> found = new ArrayList<>();
        List<int[]> leaving = new ArrayList<>();
        Expr.Values values = f -> scratch[f];
        ldd.forEach(fresh, readLevels.length, tuple -> {
            for (int i = 0; i < tuple.length; i++) scratch[fieldAt[readLevels[i]]] = tuple[i];
            for (Expr inv : invariants) {
                if (inv.eval(values) == 0) return;
            }
            boolean moves = false;
            for (Command c : byFrom.getOrDefault(scratch[positionField], List.of())) {
                if (c.enabled(values)) {
                    found.add(tuple(c, scratch, fieldAt, values));
                    moves = true;
                }
            }
            if (moves) leaving.add(tuple.clone());
        });
        for (int[] t : found) relation = ldd.union(relation, ldd.singleton(t));
        for (int[] p : leaving) enabled = ldd.union(enabled, ldd.singleton(p));
        tuples += found.size();
    }

    /** The relation's tuple of one move: per touched level its value before, after, or both. */
    private int[] tuple(Command c, int[] scratch, int[] fieldAt, Expr.Values values) {
        int[] t = new int[tupleSize];
        int i = 0;
        for (int l = 0; l < touchedLevels.length; l++) {
            int f = fieldAt[touchedLevels[l]];
            int kind = touchedKinds[l];
            if (kind != Ldd.WRITE) t[i++] = scratch[f];
            if (kind != Ldd.READ) t[i++] = after(c, f, values);
        }
        return t;
    }

    /** The value of field {@code f} after command {@code c}: all right-hand sides read the state before. */
    private int after(Command c, int f, Expr.Values values) {
        if (f == positionField) return c.to();
        for (Command.Effect e : c.effects()) {
            if (e.field() == f) return e.value().eval(values);
        }
        return values.get(f);
    }

    /** The first level the group touches: saturation applies it to nodes there. */
    int top() {
        return touchedLevels[0];
    }

    /** The states of {@code set} some command of the group leaves (their projections must be learned). */
    int enabledIn(Ldd ldd, int set) {
        return ldd.match(set, enabled, matchMeta, 0);
    }

    /** The successors of {@code set} under the relation learned. */
    int next(Ldd ldd, int set) {
        return ldd.relProd(set, relation, relationMeta, 0);
    }
}
