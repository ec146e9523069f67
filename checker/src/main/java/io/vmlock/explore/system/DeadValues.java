package io.vmlock.explore.system;

import io.vmlock.ir.LocalSlot;
import io.vmlock.ir.Procedure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Dead-variable reduction (SPIN's): a thread's local or per-thread variable ({@code current->x})
 * that no path from where the thread stands reads before writing it again is reset to its initial
 * value, so that states differing only in stale values are one state. Only the thread itself
 * reads these fields (its interrupt, fault and reclaim handlers are its own commands), so where
 * each is dead depends on the thread's position alone, and the resets are effects of its
 * commands, fixed before the search: the search does no work per state for them.
 *
 * <p>Liveness is a backward data-flow over each thread's positions: {@code live(p)} is the union
 * over the commands c leaving p of the fields c's guard and effects read, and of {@code live(c.to)}
 * less the fields c writes. It runs on the commands as the compiler made them, before
 * {@link Pruning}: those read every field the explorer's successor function reads, while a pruned
 * command may have a value the thread knows folded in where the reference semantics still reads
 * the field (and the reference semantics runs on states of this system: for findings, waits and
 * traces). Two more readers keep fields live: the parameters of every frame on a thread's stack are
 * live there (a report prints a frame as {@code lock_page(P0)}, and the wait analysis reads the
 * parameters a procedure never assigns). Nothing else reads them: invariants read globals only
 * (no thread evaluates them), and a thread's end check reads lock words.
 *
 * <p>Every command c from p to q then resets each field dead at q that is live at p or that c
 * writes (the write is replaced: a value out of range is still refused by c's own guard, which
 * reads the value's operands, not the field). By induction over the search, in every state stored
 * each thread's fields dead at its position hold their initial values: the initial state is put in
 * that form ({@link TransitionSystem#resetDeadValues}, which every conversion of a reference state
 * into field values applies), a reset keeps it, and a field dead at q that c neither writes nor
 * finds live at p was dead at p already, at its initial value, and c leaves it so.
 *
 * <p>Why verdicts, stuck states, livelock components and shortest trace lengths stay: map each
 * state s of the unreduced system to r(s), s with its dead fields reset. A command reads only fields
 * live where it starts, on which s and r(s) agree, so it is enabled in both or neither, and its
 * successors agree on every field live at its target (written from live values, or kept from s,
 * where it was live) and on every field but the thread's own; the reduced command resets the rest.
 * So r(succ(s)) = succ'(r(s)) move for move: r is a functional bisimulation, and the reduced graph
 * is the unreduced one's quotient by it. A state and its image have the same moves (the same
 * findings, stuck or not), the same breadth-first depth, and r maps the bottom components of one
 * graph onto those of the other. The livelock check, though, may meet a run that never ends
 * sooner: a state that leaves a bottom component for good only by a stale value (a reader's
 * {@code seq} before its first read of a seqcount it then spins on) is merged with one inside it,
 * and it has the same future, so its shorter trace shows the same run; the loop then comes back
 * to the state after the trace but for values no path reads again.
 *
 * <p>What pays in the 7-thread kitchen sink is the per-thread variables ({@code current->fault_*},
 * set by one fault and kept until the next): with partial-order reduction, locals alone merge 706
 * of its 3,740,999 states, locals and per-thread variables leave 3,335,166.
 */
public final class DeadValues {
    private final TransitionSystem system;
    private final ThreadSystem thread;
    /** The thread's locals and per-thread variables, in field order; {@link #bit} is each one's index. */
    private final int[] fields;
    private final Map<Integer, Integer> bit = new HashMap<>();

    private DeadValues(TransitionSystem system, ThreadSystem thread) {
        this.system = system;
        this.thread = thread;
        this.fields = system.fields().stream()
                .filter(f -> f.thread() == thread.thread() && (f.role() == Field.Role.LOCAL || f.role() == Field.Role.CURRENT))
                .mapToInt(Field::id).toArray();
        for (int i = 0; i < fields.length; i++) bit.put(fields[i], i);
    }

    /** The system whose commands reset dead values (positions, fields and initial state unchanged). */
    public static TransitionSystem reduce(TransitionSystem system) {
        List<ThreadSystem> threads = new ArrayList<>();
        int[][][] dead = new int[system.threads().size()][][];
        for (ThreadSystem t : system.threads()) {
            DeadValues d = new DeadValues(system, t);
            List<BitSet> live = d.live(system.compiledThreads().get(t.thread()));
            threads.add(d.resetting(live));
            dead[t.thread()] = live.stream().map(d::deadFields).toArray(int[][]::new);
        }
        return system.withDeadValues(threads, dead);
    }

    /** The live fields (as bits) at each position, from the thread's unpruned commands. */
    private List<BitSet> live(ThreadSystem compiled) {
        int n = compiled.positions().size();
        List<BitSet> own = new ArrayList<>();
        List<BitSet> live = new ArrayList<>();
        List<List<Integer>> predecessors = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            BitSet s = parameters(compiled.positions().get(p));
            own.add(s);
            live.add((BitSet) s.clone());
            predecessors.add(new ArrayList<>());
        }
        for (List<Command> at : compiled.commands()) {
            for (Command c : at) predecessors.get(c.to()).add(c.from());
        }
        // backward: a position's predecessors are visited again when its live set grows
        Deque<Integer> work = new ArrayDeque<>();
        boolean[] queued = new boolean[n];
        for (int p = n - 1; p >= 0; p--) {
            work.add(p);
            queued[p] = true;
        }
        while (!work.isEmpty()) {
            int p = work.poll();
            queued[p] = false;
            BitSet s = (BitSet) own.get(p).clone();
            for (Command c : compiled.at(p)) {
                BitSet after = (BitSet) live.get(c.to()).clone();
                after.andNot(written(c));
                s.or(after);
                s.or(read(c));
            }
            if (s.equals(live.get(p))) continue;
            live.set(p, s);
            for (int q : predecessors.get(p)) {
                if (!queued[q]) {
                    queued[q] = true;
                    work.add(q);
                }
            }
        }
        return live;
    }

    /** The parameters of every frame on the stack at a position (bits of the fields that hold them). */
    private BitSet parameters(Position position) {
        BitSet s = new BitSet();
        for (int depth = 0; depth < position.frames().size(); depth++) {
            int proc = position.frames().get(depth).proc();
            Procedure p = system.program().procedure(proc);
            for (LocalSlot slot : p.params()) {
                for (int e = slot.index(); e < slot.index() + slot.size(); e++) {
                    int number = system.localNumber(proc, e);
                    int field = number < 0 ? -1 : system.localField(thread.thread(), depth, number);
                    if (field >= 0) s.set(bit.get(field));
                }
            }
        }
        return s;
    }

    private BitSet read(Command c) {
        BitSet read = new BitSet();
        IntConsumer into = f -> {
            Integer b = bit.get(f);
            if (b != null) read.set(b);
        };
        for (Expr g : c.guard()) g.fields(into);
        for (Command.Effect e : c.effects()) e.value().fields(into);
        return read;
    }

    private BitSet written(Command c) {
        BitSet s = new BitSet();
        for (Command.Effect e : c.effects()) {
            Integer b = bit.get(e.field());
            if (b != null) s.set(b);
        }
        return s;
    }

    private int[] deadFields(BitSet live) {
        return IntStream.range(0, fields.length).filter(i -> !live.get(i)).map(i -> fields[i]).toArray();
    }

    /** The thread's (pruned) commands, each resetting what dies on it. */
    private ThreadSystem resetting(List<BitSet> live) {
        List<List<Command>> commands = new ArrayList<>();
        for (List<Command> at : thread.commands()) {
            List<Command> out = new ArrayList<>();
            for (Command c : at) out.add(resetting(c, live.get(c.from()), live.get(c.to())));
            commands.add(out);
        }
        return new ThreadSystem(thread.thread(), thread.positionField(), thread.positions(), commands, thread.holdsAny());
    }

    private Command resetting(Command c, BitSet liveBefore, BitSet liveAfter) {
        List<Command.Effect> effects = new ArrayList<>();
        for (Command.Effect e : c.effects()) {
            Integer b = bit.get(e.field());
            effects.add(b != null && !liveAfter.get(b) ? initial(e.field()) : e);
        }
        BitSet dies = (BitSet) liveBefore.clone();
        dies.andNot(liveAfter);
        dies.andNot(written(c));
        dies.stream().forEach(i -> effects.add(initial(fields[i])));
        if (effects.equals(c.effects())) return c;
        return new Command(c.id(), c.thread(), c.from(), c.guard(), effects, c.to(), c.kind(), c.span(), c.text());
    }

    private Command.Effect initial(int field) {
        return new Command.Effect(field, Expr.constant(system.initial().get(field)));
    }
}
