package io.vmlock.explore;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.explore.CodeContexts.Context;
import io.vmlock.ir.GlobalVar;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Op;
import io.vmlock.ir.VarRef;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which threads could bring a waiter's event about: the one place the wait-for graph and the
 * reports ask ({@link InState}). A thread could if, from where it stands, some path of its
 * remaining code ({@link CodeContexts}: its frames from their pcs, a caller going on only where
 * its callee can return, the procedures it calls, the reclaim paths and fault handlers it may
 * enter, and the interrupt handlers that may run on it, each from its entry) reaches a step that
 * makes the event happen before any step that needs the event itself:
 * <ul>
 *   <li>a bit lock's clearing: a clear of the bit (clear_bit_unlock, folio_unlock,
 *       folio_end_writeback), before a step that needs the bit clear (folio_lock,
 *       wait_on_bit_lock, wait_on_bit, a folio_trylock that succeeds). A thread that would lock
 *       the bit first only unlocks its own lock, which it cannot take while the bit is set
 *       (kworker writing back a page it locks cannot unlock the page app holds). A clear with no
 *       lock before it counts: a read's completion unlocks the page its submitter locked
 *       (mm/filemap.c generic_file_buffered_read(), torvalds/linux 0006ebb4cad2: "Start the
 *       actual read. The read will unlock the page."), and so does one after
 *       folio_start_writeback, which does not wait;</li>
 *   <li>a completion: complete()/complete_all() of it, before a wait_for_completion of it;</li>
 *   <li>a {@code wait_event} condition: an assignment to a global element it reads, before a
 *       wait for the very same condition (one that reads no frame or per-thread variable, so it
 *       is the same predicate for every thread); not one that only steps a variable against
 *       the condition ({@link Monotonicity}: {@code nr_free_pages--} never makes
 *       {@code nr_free_pages > 0} true).</li>
 * </ul>
 * A step needs the event only where its instance is known to be the event's; a step may make it
 * where its instance is the event's or not known. So an index that is not known never hides a
 * thread that could end a wait: it may name one that could not.
 */
final class EventWriters {
    /**
     * What would wake a waiter: a write to one of {@code slots} that may turn the waited
     * condition {@code waited} true (a wait for the same {@code condition}, where that is the same
     * predicate for every thread, needs it), completing {@code completion}, or clearing bit lock
     * {@code bit} (-1: not that kind of need).
     */
    record Need(BitSet slots, int completion, int bit, Optional<IrExpr> condition, Optional<IrExpr> waited) {
        static Need completion(int instance) {
            return new Need(new BitSet(), instance, -1, Optional.empty(), Optional.empty());
        }

        static Need bitClear(int instance) {
            return new Need(new BitSet(), -1, instance, Optional.empty(), Optional.empty());
        }
    }

    /** Paths from a context's entry for one need: one may make the event, one may return without needing it. */
    private record Reach(boolean makes, boolean returns, Set<Context> entered) {
    }

    /** {@code pastNeeds}: steps that need the event do not stop a path (the waiter after its own wait). */
    private record Key(Context context, Need need, boolean pastNeeds) {
    }

    /** A frame's paths from where it stands, for one need: every stuck state asks again. */
    private record FrameKey(int proc, int pc, List<Integer> known, Need need, boolean pastNeeds) {
    }

    private final CodeContexts contexts;
    private final Map<Key, Reach> summaries = new HashMap<>();
    private final Map<FrameKey, Reach> fromFrames = new HashMap<>();

    EventWriters(IrProgram program) {
        this.contexts = new CodeContexts(program);
    }

    /** The threads of one state, asked about. */
    final class InState {
        private final State state;

        private InState(State state) {
            this.state = state;
        }

        /** Whether thread {@code t}, or an interrupt handler that may run on it, could bring the event about before needing it. */
        boolean canBringAbout(int t, Need need) {
            return reaches(state, t, need, true, false);
        }

        /**
         * Whether a waiter's own code could bring its event about once its wait were over (so
         * past the steps that need the event), counting the interrupt handlers that may run on
         * it or not. {@code at} is the waiter where its control resolves to the wait: the control
         * it passes on the way (returns, branches on what the state holds now) is not its future.
         */
        boolean afterItsWait(int t, ThreadState at, Need need, boolean withInterrupts) {
            return reaches(at.frames, t, need, withInterrupts, true);
        }
    }

    /** Questions about the threads of state {@code s}. */
    InState in(State s) {
        return new InState(s);
    }

    /** What a {@code wait_event} condition needs, with the waiter's frame values for indexes. */
    static Need condition(IrExpr condition, FrameValues values) {
        BitSet slots = new BitSet();
        reads(condition, values, slots);
        Optional<IrExpr> same = sameForEveryThread(condition) ? Optional.of(condition) : Optional.empty();
        return new Need(slots, -1, -1, same, Optional.of(condition));
    }

    /** Reads only globals and constants: the same predicate whichever thread evaluates it. */
    private static boolean sameForEveryThread(IrExpr e) {
        if (e instanceof IrExpr.Const) return true;
        if (e instanceof IrExpr.Global g) return sameForEveryThread(g.index());
        if (e instanceof IrExpr.ObjectValue o) return o.ref() instanceof ObjectRef.Named n && sameForEveryThread(n.index());
        if (e instanceof IrExpr.Unary u) return sameForEveryThread(u.operand());
        if (e instanceof IrExpr.Binary b) return sameForEveryThread(b.left()) && sameForEveryThread(b.right());
        return false; // a frame's variable, a per-thread one
    }

    private static void reads(IrExpr e, FrameValues values, BitSet slots) {
        if (e instanceof IrExpr.Global g) {
            GlobalVar v = g.variable();
            int index = -1;
            if (!g.index().readsGlobals()) {
                try {
                    index = g.index().eval(values);
                } catch (IrExpr.EvaluationException ex) {
                    index = -1;
                }
            }
            if (index >= 0 && index < v.size()) {
                slots.set(v.slot(index));
            } else {
                slots.set(v.firstSlot(), v.firstSlot() + v.size());
            }
            reads(g.index(), values, slots);
        } else if (e instanceof IrExpr.LocalElement l) {
            reads(l.index(), values, slots);
        } else if (e instanceof IrExpr.ObjectValue o && o.ref() instanceof ObjectRef.Named n) {
            reads(n.index(), values, slots);
        } else if (e instanceof IrExpr.Unary u) {
            reads(u.operand(), values, slots);
        } else if (e instanceof IrExpr.Binary b) {
            reads(b.left(), values, slots);
            reads(b.right(), values, slots);
        }
    }

    /** Whether thread {@code t} of state {@code s} may make the event happen, by the rules above. */
    boolean reaches(State s, int t, Need need, boolean withInterrupts, boolean pastNeeds) {
        return reaches(s.threads[t].frames, t, need, withInterrupts, pastNeeds);
    }

    private boolean reaches(Frame[] frames, int t, Need need, boolean withInterrupts, boolean pastNeeds) {
        Set<Context> entered = new HashSet<>();
        // the top frame first; a caller goes on only if its callee can return
        for (int i = frames.length - 1; i >= 0; i--) {
            Reach r = fromFrame(frames[i], need, pastNeeds);
            if (r.makes()) return true;
            entered.addAll(r.entered());
            if (!r.returns()) break;
        }
        if (withInterrupts) entered.addAll(contexts.interrupts(t));
        return anyMakes(entered, need, pastNeeds);
    }

    private Reach fromFrame(Frame f, Need need, boolean pastNeeds) {
        Integer[] known = contexts.known(f);
        FrameKey key = new FrameKey(f.proc, f.pc, Arrays.asList(known), need, pastNeeds);
        Reach r = fromFrames.get(key);
        if (r == null) {
            r = walk(f.proc, f.pc, known, need, pastNeeds);
            fromFrames.put(key, r);
        }
        return r;
    }

    /** Whether code entered at one of {@code entries}, or at what that may enter, may make the event happen. */
    boolean anyMakes(Set<Context> entries, Need need, boolean pastNeeds) {
        Set<Context> entered = new HashSet<>(entries);
        Deque<Context> work = new ArrayDeque<>(entered);
        while (!work.isEmpty()) {
            Reach r = summary(work.pop(), need, pastNeeds);
            if (r.makes()) return true;
            for (Context c : r.entered()) {
                if (entered.add(c)) work.push(c);
            }
        }
        return false;
    }

    private Reach summary(Context c, Need need, boolean pastNeeds) {
        Key key = new Key(c, need, pastNeeds);
        Reach r = summaries.get(key);
        if (r != null) return r;
        // calls do not recurse (sema's RecursionCheck); were one to, it would be taken to return
        summaries.put(key, new Reach(false, true, Set.of()));
        r = walk(c.proc(), contexts.program().procedure(c.proc()).entry(), contexts.known(c), need, pastNeeds);
        summaries.put(key, r);
        return r;
    }

    /**
     * The nodes reachable from {@code pc} without passing a step that needs the event: whether
     * one makes it, whether one returns, and what they enter on the way (a callee, a reclaim
     * path, a fault handler), each of which may make it in turn.
     */
    private Reach walk(int proc, int pc, Integer[] known, Need need, boolean pastNeeds) {
        boolean[] makes = {false};
        boolean[] returns = {false};
        Set<Context> entered = new HashSet<>();
        contexts.walk(proc, pc, op -> {
            makes[0] |= makes(op, known, need);
            returns[0] |= op instanceof Op.Return;
            entered.addAll(contexts.sideEntries(op, known));
            if (op instanceof Op.Call call) {
                Context callee = CodeContexts.callee(call, known);
                entered.add(callee);
                return summary(callee, need, pastNeeds).returns() ? List.of(call.next()) : List.of();
            }
            return pastNeeds ? op.successors() : withoutNeeding(op, known, need);
        });
        return new Reach(makes[0], returns[0], entered);
    }

    /** Whether a step may make the event happen. */
    private boolean makes(Op op, Integer[] known, Need need) {
        BitSet may = new BitSet();
        if (need.bit() >= 0) {
            if (op instanceof Op.Release r && r.mode().kind().ownerless()) contexts.instances(r.lock(), known, may);
            return may.get(need.bit());
        }
        if (need.completion() >= 0) {
            if (op instanceof Op.Signal sig && (sig.builtin() == BuiltinOp.COMPLETE || sig.builtin() == BuiltinOp.COMPLETE_ALL)) {
                contexts.instances(sig.completion(), known, may);
            }
            return may.get(need.completion());
        }
        if (!(op instanceof Op.Assign a && a.target() instanceof VarRef.GlobalElement g)) return false;
        if (need.waited().isPresent() && !Monotonicity.mayMakeTrue(a, need.waited().get())) return false;
        GlobalVar v = g.variable();
        Integer index = CodeContexts.value(g.index(), known);
        if (index != null && index >= 0 && index < v.size()) return need.slots().get(v.slot(index));
        may.set(v.firstSlot(), v.firstSlot() + v.size());
        return may.intersects(need.slots());
    }

    /** Where a path goes on from a step without the event having happened. */
    private static List<Integer> withoutNeeding(Op op, Integer[] known, Need need) {
        if (need.bit() >= 0 && op instanceof Op.Acquire a && a.mode().kind().ownerless() && a.mode().sleeps()
                && is(a.lock(), known, need.bit())) {
            return List.of(); // folio_lock, wait_on_bit: it sleeps until the bit is clear
        }
        if (need.bit() >= 0 && op instanceof Op.TryAcquire tr && tr.mode().kind().ownerless()
                && is(tr.lock(), known, need.bit())) {
            return List.of(tr.failure()); // succeeding needs the bit clear
        }
        if (need.completion() >= 0 && op instanceof Op.WaitCompletion w && is(w.completion(), known, need.completion())) {
            return List.of();
        }
        if (need.condition().isPresent() && op instanceof Op.WaitEvent w && w.condition().equals(need.condition().get())) {
            return List.of();
        }
        return op.successors();
    }

    private static boolean is(ObjectRef ref, Integer[] known, int instance) {
        Integer one = CodeContexts.instance(ref, known);
        return one != null && one == instance;
    }
}
