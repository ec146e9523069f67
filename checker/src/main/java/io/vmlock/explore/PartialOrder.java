package io.vmlock.explore;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.OwnerWords;
import io.vmlock.explore.system.ThreadSystem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Lock-aware partial-order reduction: at each state, the moves of a set of threads closed under
 * conflict (a strong stubborn set, computed per thread), instead of every thread's moves.
 * A thread joins the set when some operation it may still perform (from where it is, statically)
 * conflicts with an enabled move of the set (operations on different locks or variables never
 * do, nor "free" and "mine" on one lock, nor two writes of the same constant to a field neither
 * reads: either order leaves the same state and changes nothing the other reads; nor a write and
 * a guard conjunct reading the field, which no effect of the reader reads, when the writer is its
 * only writer and never makes that conjunct false ({@link KeptGuards}, which finds the values the
 * writer's thread alone can give the field: an over-approximation of every reachable state's),
 * nor such a write and conjunct, whatever the writers, when the write is of a constant that
 * keeps the conjunct true for every value of what it reads ({@link KeptGuards#constantsMayFalsify}:
 * truncate's {@code pte_present = false} and a fault's {@code !pte_present}): from a state where
 * both are enabled, each stays enabled after the other, and neither's writes read what the other
 * writes, so either order reaches the same state), unless every
 * way there first passes a guard conjunct that is false now and that the thread cannot make true
 * itself: then the conjunct's enablers join in its place ({@link #standIn}); or when it must
 * move for a disabled move of the set to become enabled: it is an enabler of the first false
 * conjunct of the move's guard. A conjunct's enablers are the holder of the lock a "free" test
 * waits for (only the holder writes a held owner word), else every thread that may still run a
 * command able to turn the conjunct from false to true ({@link EnablingWrites}) on a way from
 * where it is that passes no command whose guard has the conjunct itself. The first move of any
 * path that makes the conjunct true is such a command, and the thread making it reached it while
 * the conjunct was false, so along a way that passed no command guarded by it (none could run):
 * a thread with no such way (its ways only shrink as it moves) never makes that move: along
 * moves outside a set that holds the enablers, the conjunct stays false, and so the set's
 * disabled moves stay disabled. A worker waiting for its work item's pending bit, which queues
 * the item again only past that wait, is so no enabler of its own wait (and may have a stand-in
 * for it, below). An enabler too may have a stand-in ({@link #standInEnablers}).
 *
 * <p>A set's own thread: the enablers pulled for a disabled move of thread t, and those pulled in
 * place of a thread whose conflict with t's move waits ({@link #standIn}), leave out t's own
 * stand-ins when t is a plain enabler ({@link ConjunctAnswers#enablers(int, int)}): t is in the
 * set and makes no move outside it, so along moves outside the set the first move making the
 * conjunct true would be another plain enabler's, each of them in the set or stood in for as
 * below. A fault's own results ({@code current->fault_flag_tried}, {@code fault_sigbus}), which
 * only the faulting thread writes, had it stand in with the holder of a lock on its way to its
 * next fault, a thread its own set did not need.
 *
 * <p>Why a stand-in keeps C1 below: every path of thread u from its position to a command
 * dependent with the set's move passes a command whose guard has conjunct c ({@link #mustPass},
 * a greatest fixpoint over u's control graph, the dependent command's own guard included); c is
 * false now and u is not among its enablers E. Along moves outside the set, which holds E, c
 * stays false, u runs no command guarded by it and so none dependent with the move: E is a
 * necessary enabling set for u's conflict, as a disabled move's enablers are for the move. u
 * itself must not be in E: a waiter that raises the condition before its wait, or a holder that
 * may unlock and lock again, reaches its conflict by its own moves. E may be empty (c never holds
 * again: u never gets there). Conjuncts reading an owner word through "the owner is me" atoms are
 * no such c: {@link Access} leaves those reads out, and with them the enablers (u itself).
 *
 * <p>Why a stand-in for an enabler keeps C1 below: a thread u among the plain enablers P(c) of a
 * false conjunct c (those above) whose every path to a command that may make c true passes a
 * command guarded by a conjunct d ({@link #mustPass} again, that command's own guard included),
 * d false now and u not in P(d), is replaced by P(d): the enablers E(c) are P(c) with each such u
 * replaced ({@link #standInEnablers}). Along moves outside a set that holds E(c), the first move
 * making d true would be one of P(d)'s (the argument above), so d stays false, u runs no command
 * guarded by it and so none making c true; every other thread of P(c) is in the set; the first
 * move making c true would be a plain enabler's: c stays false, and E(c) is a necessary enabling
 * set. A conflict's stand-in pulls E(d), not P(d), by the same argument one level down, and so
 * skips a d whose E(d) holds u (where a lock's holder stands in for itself, the holder's wait
 * stands in for it: u itself may then hold the lock). An enabler's stand-in is replaced by P(d),
 * not E(d): the answer for one class does not depend on another's, which could depend on it in
 * turn. The 9-thread kitchen sink's bdi_wq worker waited for its pending bit and took in every
 * thread that may still queue it, a writer that will do so only past i_rwsem among them.
 *
 * <p>Why the reduced graph keeps every finding, in the conditions' usual names (Clarke, Grumberg
 * and Peled, Model Checking, ch. 10; Valmari's stubborn sets):
 * <ul>
 * <li>C0: a state with a move keeps one (the set grows from a thread that can move).
 * <li>C1 (Valmari's D1 and D2): no sequence of moves outside the set, from this state, contains a
 *     move dependent on one of the set, nor enables a disabled move of the set; every enabled move
 *     of the set stays enabled along it. So every stuck state (deadlock, hang) stays reachable.
 * <li>C2: a visible move forces a full expansion: one that writes what an invariant reads.
 *     A finding is raised by a move of its own (an error step whose guard is the failing
 *     condition), so the closure keeps it without visibility: if a path w of moves outside the set
 *     T leads to a state where thread u's error step e is enabled, either u is in T (then w moves
 *     not u, and e's falsified conjunct stays false along w, its enablers, stand-ins included,
 *     being in T: so e is enabled already), or no enabled move of T is dependent with the part of u's future that moves
 *     outside T can reach, which holds e (the rest waits behind a conjunct only threads of T can
 *     make true: {@link #standIn}): a move t of T then leaves e enabled after w (t and e are both enabled there, so never exclusive, and t
 *     writes nothing e reads but what keeps e's guard true). C1 and C3 finish the argument as for stuck states. Writes to what
 *     a finding reads were visible until the kitchen sink showed the cost: every counter's
 *     overflow check made each write of the counter a full expansion.
 * <li>C3, the cycle proviso for breadth-first search ({@link Expander}): a reduced state has a
 *     move leading forward, to a state with a larger id, one the search stores or expands after
 *     it (ids follow breadth-first order: a state one level deeper, or later in the same level),
 *     or a move its thread never comes back from ({@link #irreversible});
 *     when the chosen set has none, another set with one is looked for, and failing one the state
 *     is expanded in full. A path of moves leading forward ends (ids grow along the first kind,
 *     and the second kind is finitely many on any path: {@link #irreversible}), at a fully
 *     expanded state: where the arguments here take "a move t of T" over and over while a move
 *     u of another thread waits (the error step above, the path w below), they take one leading
 *     forward, and so reach a state whose set holds u; no move is put off forever. (The textbook
 *     C3 asks every cycle of the reduced graph to hold a fully expanded state, which asking every
 *     move of a reduced state to lead forward gives; the arguments need only the path, and asking
 *     for all, the 7-thread kitchen sink stored 5,219,763 states instead of 3,831,475. Asking for
 *     one level deeper, earlier, 3,570,447 instead of 2,986,692 on the models then.) Every state with an id no
 *     larger than the expanded one's was stored before its level began, and states stored while
 *     the level is expanded get larger ids, so the choice does not depend on timing.
 * </ul>
 * The livelock check needs nothing more (a non-daemon thread's end was visible until the 9-thread
 * kitchen sink showed the cost: seeds turned down for it 1.8 times per state). It reports the
 * bottom components of the graph that are no dead end and where a non-daemon thread never ends
 * (or, with interrupts, daemons deadlocked); any report on the reduced graph sends the search again
 * without partial-order reduction ({@link Explorer}), so what the reduced graph must keep is that
 * one exists. (i) Let a path w reach such a component L of the full graph. At a state of the
 * reduced search with set T, either w holds a move of T, whose first one goes first (C1: it
 * commutes with the moves before it) and w shortens; or a move t of T is taken and w still runs
 * after it (C1), ending at w's end followed by t, in L again (no move leaves L). Taking t leading
 * forward (C3), a run of the second case is finite, so the first case comes, at the latest at a
 * fully expanded state, where w's first move is in T; it shortens w, so w's end is reached: the
 * reduced graph reaches L. From there its moves stay in L, where every state has a move and so (C0) a
 * reduced one: the reduced graph has a bottom component inside L, no dead end, whose threads have
 * ended (or stopped at an error) as in all of L (both are for good). (ii) Conversely, from a state
 * x of a reduced bottom component that is no dead end, where v never ends: a full-graph path from
 * x that ends v gives, as in (i), a reduced one, which would leave the component; a path to a
 * stuck state gives a reduced one (C1), which no state of the component has. So the full graph
 * reaches from x only bottom components that are no dead end, where v never ends. The check names
 * a component by one of its states (its shallowest quiescent one): with interrupts, whether the
 * daemons there are deadlocked is judged on that state, which the reduced graph could pick
 * differently; the differential tests check that the verdicts agree (ReductionDifferentialTest).
 *
 * <p>Stuck states also keep their depth ({@link #keepsDepth}): a shortest path w from a state s to
 * a stuck state d has a move of s's set T, since C1 keeps an enabled move of T enabled along
 * moves outside T and no move is enabled at d; its first such move t was enabled at s (moves
 * outside T enable none of T) and commutes with the moves before it (none depends on t), so t
 * followed by the rest of w reaches d in as many moves, from a successor the reduced graph keeps.
 * By induction, the reduced graph's depth of d is its real depth; fuller sets (C2, C3) and
 * symmetry (a renaming maps stuck states to stuck states of the same key) keep the argument. So
 * the breadth-first reduced search meets a deadlock's or hang's key first at its shortest depth.
 * Not a finding raised by a move or a broken invariant: a move of T may have to go first, one more.
 * A state whose chosen moves are all interrupts arriving is expanded in full ({@link Expander}):
 * the search judges such a state quiescent. The choice of set depends on the state alone, so the
 * parallel search stays deterministic.
 */
final class PartialOrder {
    private final CompiledModel model;
    private final int threads;
    private final Access[] access;
    private final BitSet ownerWords;
    private final BitSet visibleActions = new BitSet();
    /** [action] -> its thread never comes back to where the move starts ({@link #irreversible}). */
    private final BitSet irreversible = new BitSet();
    /** [thread][position] -> the distinct accesses of every command the thread may still run. */
    private final Access[][][] future;
    /** [thread][position] -> the positions with a command moving there: the thread's control graph backwards. */
    private final int[][][] predecessors;
    private final EnablingWrites enabling;
    private final int[][] positionIndex;
    /** [position index] -> its thread and its position there, the inverse of {@link #positionIndex}. */
    private int[] threadAt;
    private int[] positionAt;
    /**
     * [action's access class] -> may each thread, at each of its positions, still run a dependent
     * command (with dozens of threads, walking a thread's future accesses on every question made
     * the stubborn-set closure the search's whole cost: 16x fewer states per second with 65
     * threads). Actions with equal accesses (a procedure's copies in alike threads) share a row.
     */
    private final PositionRows dependency;
    private final int[] accessClass;
    /**
     * [conjunct's read class] -> may each thread, at each of its positions, still make the
     * conjunct true, on a way that passes no command guarded by it ({@link #enablers}; testing
     * each thread's future writes on every question was, after the dependency rows, the
     * closure's largest cost). Conjuncts reading the same fields share a row.
     */
    private final PositionRows writers;
    /** [action][conjunct] -> the conjunct's read class. */
    private final int[][] readClass;
    private final boolean proviso;
    private final BitSet[][] conjunctReads;
    private final int[][] freeOwner;
    /**
     * [action's access class] -> per position index, the read classes of the conjuncts every path
     * of the thread there to a command dependent with the class must pass (null: none), built when
     * first asked for ({@link #standIn}).
     */
    private final AtomicReferenceArray<int[][]> guards;
    /**
     * [read class] -> per position index, the read classes of the conjuncts every path of the
     * thread there to a command that may make the class's conjuncts true must pass, less those it
     * may make true itself (null: none), built when first asked for ({@link #standInEnablers}).
     */
    private final AtomicReferenceArray<int[][]> enablerGuards;
    /** [read class] -> its condition, and the first action and conjunct of the class. */
    private Eval[] condition;
    /** [read class] -> the owner word its "free" test reads, else -1. */
    private int[] ownerWord;
    private int[] classAction;
    private int[] classConjunct;
    /** [action] -> the read classes of its guard's {@link #passable} conjuncts. */
    private BitSet[] passed;
    private final RowBudget rowBudget;
    private final Runnable deadline;

    /**
     * Whether the reduced search's first trace to {@code key} is already a shortest one: a
     * deadlock or hang, which without interrupts only a stuck state shows before the livelock check.
     */
    static boolean keepsDepth(ProblemKey key, io.vmlock.ir.IrProgram program) {
        boolean stuckOnly = key instanceof ProblemKey.Deadlock || key instanceof ProblemKey.Hang;
        return stuckOnly && program.interrupts().isEmpty();
    }

    /**
     * {@code reserve}: the search's budget, for the closure's rows ({@link RowBudget});
     * {@code deadline} throws {@link io.vmlock.budget.BudgetExhausted} once the check's time or
     * memory is spent: asked every few hundred actions and positions, as the tables built here
     * took a second past a small --max-seconds on the kitchen sink.
     */
    PartialOrder(CompiledModel model, boolean livelocks, LongConsumer reserve, Runnable deadline) {
        this.model = model;
        this.threads = model.threads;
        this.deadline = deadline;
        // found before pruning dropped the unlocks' "mine" guards (TransitionSystem#ownerWords says why that holds)
        this.ownerWords = model.system.ownerWords();
        this.access = new Access[model.byId.length];
        KeptGuards kept = new KeptGuards(model.system);
        for (Action a : model.byId) {
            poll(a.id);
            access[a.id] = new Access(a.command, ownerWords, threads, kept);
        }
        visible();
        this.conjunctReads = new BitSet[model.byId.length][];
        this.freeOwner = new int[model.byId.length][];
        conjuncts();
        this.future = new Access[threads][][];
        this.predecessors = new int[threads][][];
        this.enabling = new EnablingWrites(model.system.fields());
        this.positionIndex = new int[threads][];
        int positions = numberPositions();
        RowBudget rows = new RowBudget(reserve);
        this.rowBudget = rows;
        this.accessClass = new int[model.byId.length];
        int classes = accessClasses();
        this.dependency = new PositionRows(classes, positions, rows);
        this.guards = new AtomicReferenceArray<>(classes);
        this.readClass = new int[model.byId.length][];
        this.writers = new PositionRows(readClasses(), positions, rows);
        this.enablerGuards = new AtomicReferenceArray<>(writers.classes());
        this.proviso = livelocks || provisoNeeded();
    }

    /**
     * Every invariant makes the fields it reads visible, and the commands writing them: an
     * invariant is judged on states, not on a move the closure could take in. A finding's
     * condition needs no such rule (see the class comment, C2).
     */
    private void visible() {
        BitSet fields = new BitSet();
        for (Expr inv : model.system.invariants()) inv.fields(fields::set);
        for (Action a : model.byId) {
            if (access[a.id].writes.intersects(fields)) visibleActions.set(a.id);
        }
    }

    /** Per position, the accesses of every command reachable from it in the thread's own control. */
    private void futures(ThreadSystem t) {
        int n = t.positions().size();
        List<List<Integer>> next = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            List<Integer> to = new ArrayList<>();
            for (Command c : t.at(p)) to.add(c.to());
            next.add(to);
        }
        int[] kind = accessKinds(t);
        Access[][] f = new Access[n][];
        for (int p = 0; p < n; p++) {
            poll(p);
            List<Access> distinct = new ArrayList<>();
            BitSet kinds = new BitSet();
            BitSet seen = new BitSet();
            List<Integer> todo = new ArrayList<>(List.of(p));
            seen.set(p);
            while (!todo.isEmpty()) {
                int q = todo.remove(todo.size() - 1);
                for (Command c : t.at(q)) {
                    // the first command met of each kind stands for its kind
                    if (!kinds.get(kind[c.id()])) {
                        kinds.set(kind[c.id()]);
                        distinct.add(access[c.id()]);
                    }
                    if (!seen.get(c.to())) {
                        seen.set(c.to());
                        todo.add(c.to());
                    }
                }
            }
            f[p] = distinct.toArray(Access[]::new);
        }
        future[t.thread()] = f;
        predecessors[t.thread()] = predecessors(next);
        int[] component = io.vmlock.graph.StrongComponents.of(next);
        for (int p = 0; p < n; p++) {
            for (Command c : t.at(p)) {
                if (component[c.from()] != component[c.to()]) irreversible.set(c.id());
            }
        }
    }

    /**
     * Whether the move of action {@code a} leaves its thread's strongly connected part of the
     * control graph: no run makes the thread come back to the position the move starts from, so
     * the move lies on no cycle of the state graph. For the cycle proviso such a move leads
     * forward whatever the id of its successor ({@link Expander}): give each thread's components
     * a topological rank; the sum of the threads' ranks never falls along a move (symmetry's
     * renamings of alike threads keep it) and rises at each such move, so a path of moves each
     * leading to a larger id or irreversible has finitely many irreversible ones and then only
     * larger ids: it ends, which is all C3 asks (the class comment). A terminating thread's steps
     * outside its retry loops are such moves: where every move of a set led to a state stored
     * before, the set used to be given up for another, or the state expanded in full.
     */
    boolean irreversible(int a) {
        return irreversible.get(a);
    }

    /**
     * Numbers the thread's commands by what decides {@link Access#dependent} (their sets and
     * key): commands of one number get the same answers, so a future keeps one of each. Built once
     * per command, as a string, not once per position that reaches it: a thread of a few thousand
     * positions reaches most of its commands from each, and that made these strings a quarter of
     * vma-lock-all-paths' whole check.
     */
    private int[] accessKinds(ThreadSystem t) {
        int[] kind = new int[access.length];
        Map<String, Integer> numbers = new HashMap<>();
        for (int p = 0; p < t.positions().size(); p++) {
            for (Command c : t.at(p)) {
                Access a = access[c.id()];
                String k = a.writes + "|" + a.reads + "|" + a.requires + "|" + a.constants + "|" + a.key;
                kind[c.id()] = numbers.computeIfAbsent(k, x -> numbers.size());
            }
        }
        return kind;
    }

    private static int[][] predecessors(List<List<Integer>> next) {
        List<List<Integer>> from = new ArrayList<>();
        for (int p = 0; p < next.size(); p++) from.add(new ArrayList<>());
        for (int p = 0; p < next.size(); p++) {
            for (int q : next.get(p)) from.get(q).add(p);
        }
        int[][] out = new int[next.size()][];
        for (int q = 0; q < out.length; q++) out[q] = from.get(q).stream().mapToInt(Integer::intValue).toArray();
        return out;
    }

    /**
     * Whether the cycle proviso is needed: stubborn sets keep every stuck state without it, but a
     * step raising a finding, a thread ending with a lock held or a broken invariant could be put
     * off forever along a cycle of other threads' moves.
     */
    boolean needsProviso() {
        return proviso;
    }

    private boolean provisoNeeded() {
        if (model.invariants.length > 0) return true;
        for (Action a : model.byId) {
            if (a.command.raisesFinding() || a.kind() == Command.Kind.EXIT) return true;
        }
        return false;
    }

    boolean visible(Action a) {
        return visibleActions.get(a.id);
    }

    /** The class of {@code a}'s accesses: actions of one class depend on the same threads' futures. */
    int accessClass(Action a) {
        return accessClass[a.id];
    }

    int threads() {
        return threads;
    }

    int accessClassCount() {
        return dependency.classes();
    }

    /** The class of a conjunct's condition and reads: conjuncts of one class have the same enablers. */
    int readClass(Action a, int conjunct) {
        return readClass[a.id][conjunct];
    }

    int readClassCount() {
        return writers.classes();
    }

    /**
     * Sets in {@code into[at..]} (a bit per thread) every thread that, where it is in state
     * {@code v}, may still run a command dependent with {@code a}; {@code a}'s own thread too,
     * as for any action of its class: the caller drops it.
     */
    void dependents(Action a, int[] v, long[] into, int at) {
        long[] row = dependency.get(accessClass[a.id]);
        if (row == null) row = dependencyRow(a);
        for (int u = 0; u < threads; u++) {
            int position = v[model.positionField[u]];
            boolean dependent = row != null ? PositionRows.test(row, positionIndex[u][position]) : computeDependency(a, u, position);
            if (dependent) into[at + (u >> 6)] |= 1L << u;
        }
    }

    /**
     * Whether others join a stubborn set in place of thread {@code u}, which may still run a
     * command dependent with {@code a} ({@link #dependents}): if so they are set in
     * {@code into[at..]}: the enablers of a false conjunct of {@link #mustPass} that u is not
     * among (see the class comment; none when nothing can make it true), the fewest of them (a's
     * own thread not counted; the first on a tie), so the choice depends on the state alone. A
     * lock is the usual reason a thread's future conflicts and yet cannot come near (the page
     * lock, i_rwsem, a spinlock held across the conflicting step); a wait for a condition only
     * other threads can raise is another.
     */
    boolean standIn(Action a, int u, int[] v, ConjunctAnswers answers, long[] into, int at) {
        int position = v[model.positionField[u]];
        int[][] row = guards.get(accessClass[a.id]);
        if (row == null) row = buildGuards(a);
        // past the rows' budget, the same answer found for this thread alone, each time
        int[] classes = row != null ? row[positionIndex[u][position]] : standInCandidates(a, model.system.threads().get(u))[position];
        if (classes == null) return false;
        int best = fewest(classes, u, a.thread, v, answers, false);
        if (best < 0) return false;
        int from = answers.enablers(best, a.thread);
        for (int w = 0; w < answers.words; w++) into[at + w] |= answers.enablers[from + w];
        return true;
    }

    /**
     * Sets in {@code into[at..]} the enablers of a false conjunct of {@code readClass}, each
     * thread u of its plain ones ({@link #enablers}, at {@code plain[from..]}) or, when every
     * path of u to a command that may make the conjunct true first passes a conjunct that is
     * false now and that u cannot make true itself, that conjunct's plain enablers, the fewest
     * (the first on a tie): see the class comment, "Why a stand-in for an enabler". Its plain
     * enablers only, not theirs in turn: a stand-in's stand-ins would make the answer depend on
     * the order the classes were asked in, or go round in a cycle.
     */
    void standInEnablers(int readClass, int[] v, ConjunctAnswers answers, long[] plain, int from, long[] into, int at) {
        int[][] row = enablerGuards.get(readClass);
        if (row == null) row = buildEnablerGuards(readClass);
        for (int w = 0; w < answers.words; w++) {
            for (long bits = plain[from + w]; bits != 0; bits &= bits - 1) {
                int u = (w << 6) + Long.numberOfTrailingZeros(bits);
                int position = v[model.positionField[u]];
                // past the rows' budget, the same answer found for this thread alone, each time
                int[] classes = row != null ? row[positionIndex[u][position]]
                        : enablerCandidates(readClass, model.system.threads().get(u))[position];
                int best = classes == null ? -1 : fewest(classes, u, -1, v, answers, true);
                if (best < 0) {
                    into[at + w] |= 1L << u;
                    continue;
                }
                int d = answers.plain(best);
                for (int x = 0; x < answers.words; x++) into[at + x] |= answers.plain[d + x];
            }
        }
    }

    /**
     * The read class among {@code classes} whose conjuncts are false in {@code v} and wait for
     * the fewest threads, u not among them, the first on a tie: for a conflict ({@link #standIn}),
     * the class's enablers ({@link ConjunctAnswers#enablers}) other than {@code asking}, the
     * thread whose set it is; for an enabler ({@code plain}, {@link #standInEnablers}), its plain
     * ones, the first with no more than one ending the look. -1 when none is false without
     * waiting for u.
     */
    private int fewest(int[] classes, int u, int asking, int[] v, ConjunctAnswers answers, boolean plain) {
        int best = -1;
        int fewest = Integer.MAX_VALUE;
        for (int c : classes) {
            // a lock's "free" test read here, not through the answers: one read of v, the plain enabler its holder
            int word = ownerWord[c];
            if (word >= 0 ? v[word] == 0 : answers.holds(c)) continue;
            int size;
            if (plain) {
                if (word >= 0 && OwnerWords.holder(v[word], threads) == u) continue;
                size = word >= 0 ? 1 : answers.plainSize(c); // u is not among them: the candidates left those out
            } else {
                // the holder, or a plain enabler, may have stand-ins of its own, and u may be among those
                if (answers.waitsFor(answers.enablers(c, asking), u)) continue;
                size = answers.others(c, asking);
            }
            if (size < fewest) {
                best = c;
                fewest = size;
                if (size == 0 || plain && size == 1) break; // none fewer; for an enabler, none worth the look
            }
        }
        return best;
    }

    /** {@link #enablerCandidates} of every thread, by position index; null when the budget refuses. */
    private int[][] buildEnablerGuards(int readClass) {
        if (!rowBudget.take(32L * threadAt.length)) return null;
        int[][] row = new int[threadAt.length][];
        for (ThreadSystem t : model.system.threads()) {
            int[][] classes = enablerCandidates(readClass, t);
            for (int p = 0; p < classes.length; p++) row[positionIndex[t.thread()][p]] = classes[p];
        }
        enablerGuards.compareAndSet(readClass, null, row);
        return enablerGuards.get(readClass);
    }

    /**
     * Per position of thread {@code t}, the conjuncts every path from there to a command that may
     * make the conjuncts of {@code readClass} true must pass, less those t may make true itself.
     */
    int[][] enablerCandidates(int readClass, ThreadSystem t) {
        int[][] classes = withoutOwnEnablers(mustPass(t, c -> mayEnable(c, readClass)), t);
        // the locks first: a held one, waiting for its holder alone, ends the look at one read of the state
        for (int p = 0; p < classes.length; p++) {
            if (classes[p] == null) continue;
            classes[p] = Arrays.stream(classes[p]).boxed().sorted(Comparator.comparing((Integer c) -> ownerWord[c] < 0))
                    .mapToInt(Integer::intValue).toArray();
        }
        return classes;
    }

    /**
     * {@link #standInCandidates} of every thread, by position index (a's own too: actions of other
     * threads share a's access class and so this row); null when the budget refuses.
     */
    private int[][] buildGuards(Action a) {
        int positions = threadAt.length;
        if (!rowBudget.take(32L * positions)) return null;
        int[][] row = new int[positions][];
        for (ThreadSystem t : model.system.threads()) {
            int[][] classes = standInCandidates(a, t);
            for (int p = 0; p < classes.length; p++) row[positionIndex[t.thread()][p]] = classes[p];
        }
        guards.compareAndSet(accessClass[a.id], null, row);
        return guards.get(accessClass[a.id]);
    }

    /**
     * Per position of thread {@code t}, the read classes of the conjuncts every path from there to
     * a command dependent with {@code a} must pass (null: none): the greatest fixpoint of "at each
     * command out of the position, its guard's {@link #passable} conjuncts, and, when it is not
     * dependent itself, those of where it leads", intersected over the position's commands.
     */
    int[][] mustPass(Action a, ThreadSystem t) {
        Access mine = access[a.id];
        return mustPass(t, c -> mine.dependent(access[c.id()]));
    }

    /** As {@link #mustPass(Action, ThreadSystem)}, on the way to any command {@code target} accepts. */
    private int[][] mustPass(ThreadSystem t, Predicate<Command> target) {
        int n = t.positions().size();
        // each command asked once, not once a round
        BitSet targets = new BitSet();
        for (int p = 0; p < n; p++) {
            for (Command c : t.at(p)) {
                if (target.test(c)) targets.set(c.id());
            }
        }
        BitSet[] must = new BitSet[n]; // null: every conjunct (no path reaches a dependent command)
        boolean changed = true;
        while (changed) {
            changed = false;
            // last position first: most commands lead forward, so a round mostly sees where they
            // lead already settled; from "every conjunct" down, any order of rounds reaches the
            // same greatest fixpoint
            for (int p = n - 1; p >= 0; p--) {
                BitSet meet = null;
                for (Command c : t.at(p)) {
                    BitSet through = (BitSet) passed[c.id()].clone();
                    if (!targets.get(c.id())) {
                        BitSet after = must[c.to()];
                        if (after == null) continue; // this way never meets a dependent command
                        through.or(after);
                    }
                    if (meet == null) meet = through;
                    else meet.and(through);
                }
                if (meet != null && !meet.equals(must[p])) {
                    must[p] = meet;
                    changed = true;
                }
            }
        }
        int[][] classes = new int[n][];
        for (int p = 0; p < n; p++) {
            if (must[p] != null && !must[p].isEmpty()) classes[p] = must[p].stream().toArray();
        }
        return classes;
    }

    /**
     * {@link #mustPass} without the conjuncts t may make true itself where it is, which never
     * stand in ({@link #standIn}): on the 7-thread kitchen sink a fifth of the conjuncts asked
     * about and half of the false ones, each a condition evaluated and its enablers found.
     */
    private int[][] standInCandidates(Action a, ThreadSystem t) {
        return withoutOwnEnablers(mustPass(a, t), t);
    }

    /** {@code classes}, a {@link #mustPass} answer, without the conjuncts t may make true itself where it is. */
    private int[][] withoutOwnEnablers(int[][] classes, ThreadSystem t) {
        BitSet[] enablingHere = new BitSet[writers.classes()];
        for (int p = 0; p < classes.length; p++) {
            if (classes[p] == null) continue;
            int at = p;
            int[] candidates = Arrays.stream(classes[p]).filter(c -> !enablesItself(c, t, at, enablingHere)).toArray();
            classes[p] = candidates.length > 0 ? candidates : null;
        }
        return classes;
    }

    /**
     * Whether thread {@code t} at {@code position} is an enabler of read class {@code readClass}
     * in every state: not a lock's "free" test, whose enabler is the holder; {@code known} keeps,
     * past the rows' budget, the class's enabling positions of t found so far.
     */
    private boolean enablesItself(int readClass, ThreadSystem t, int position, BitSet[] known) {
        if (ownerWord[readClass] >= 0) return false;
        long[] row = writersRow(readClass);
        if (row != null) return PositionRows.test(row, positionIndex[t.thread()][position]);
        if (known[readClass] == null) known[readClass] = enablingPositions(readClass, t);
        return known[readClass].get(position);
    }

    private boolean computeDependency(Action a, int u, int position) {
        for (Access other : future[u][position]) {
            if (access[a.id].dependent(other)) return true;
        }
        return false;
    }

    /** Numbers every thread's positions one after another; how many there are. */
    private int numberPositions() {
        int index = 0;
        for (ThreadSystem t : model.system.threads()) {
            futures(t);
            positionIndex[t.thread()] = new int[t.positions().size()];
            for (int p = 0; p < t.positions().size(); p++) positionIndex[t.thread()][p] = index++;
        }
        this.threadAt = new int[index];
        this.positionAt = new int[index];
        for (int u = 0; u < threads; u++) {
            for (int p = 0; p < positionIndex[u].length; p++) {
                threadAt[positionIndex[u][p]] = u;
                positionAt[positionIndex[u][p]] = p;
            }
        }
        return index;
    }

    /** Gives each action the class of its accesses (equal writes, reads and required values); how many classes. */
    private int accessClasses() {
        // keyed by the sets themselves (equal contents, equal keys), not their text: thousands of actions
        Map<List<Object>, Integer> classes = new HashMap<>();
        for (Action a : model.byId) {
            Access x = access[a.id];
            accessClass[a.id] = classes.computeIfAbsent(List.of(x.writes, x.reads, x.requires, x.constants, x.key), k -> classes.size());
        }
        return classes.size();
    }

    /** Gives each conjunct the class of its condition and the fields it reads; how many classes. */
    private int readClasses() {
        Map<List<Object>, Integer> classes = new HashMap<>();
        List<Expr> conditions = new ArrayList<>();
        List<int[]> first = new ArrayList<>();
        this.passed = new BitSet[model.byId.length];
        for (Action a : model.byId) {
            readClass[a.id] = new int[conjunctReads[a.id].length];
            passed[a.id] = new BitSet();
            for (int i = 0; i < readClass[a.id].length; i++) {
                Expr g = a.command.guard().get(i);
                List<Object> key = List.of(g, conjunctReads[a.id][i]);
                int at = i;
                readClass[a.id][i] = classes.computeIfAbsent(key, k -> {
                    conditions.add(g);
                    first.add(new int[] {a.id, at});
                    return classes.size();
                });
                if (passable(a, i)) passed[a.id].set(readClass[a.id][i]);
            }
        }
        this.condition = conditions.stream().map(Eval::of).toArray(Eval[]::new);
        this.classAction = first.stream().mapToInt(f -> f[0]).toArray();
        this.classConjunct = first.stream().mapToInt(f -> f[1]).toArray();
        this.ownerWord = first.stream().mapToInt(f -> freeOwner[f[0]][f[1]]).toArray();
        return classes.size();
    }

    /**
     * Whether a conjunct may stand between a thread and its conflict ({@link #standIn}): not when
     * it reads an owner word through "the owner is me" atoms, which {@link Access} leaves out of
     * its reads and so of its enablers, though the thread itself may make such an atom true.
     */
    private boolean passable(Action a, int conjunct) {
        BitSet read = new BitSet();
        a.command.guard().get(conjunct).fields(read::set);
        read.andNot(conjunctReads[a.id][conjunct]);
        return read.isEmpty();
    }

    /**
     * By position index: whether the thread there may still run a command that makes the
     * conjunct true ({@link EnablingWrites}), found backwards from the positions of those commands
     * through commands whose guard does not have the conjunct itself: while it is false none of
     * them runs, so a thread whose every way passes one never makes it true first (see the class
     * comment).
     */
    private BitSet enablingPositions(int readClass) {
        return byPositionIndex(t -> enablingPositions(readClass, t));
    }

    /** Every thread's positions that {@code perThread} gives, by position index. */
    private BitSet byPositionIndex(Function<ThreadSystem, BitSet> perThread) {
        BitSet out = new BitSet();
        for (ThreadSystem t : model.system.threads()) {
            BitSet mine = perThread.apply(t);
            for (int p = mine.nextSetBit(0); p >= 0; p = mine.nextSetBit(p + 1)) out.set(positionIndex[t.thread()][p]);
        }
        return out;
    }

    /** As {@link #enablingPositions(int)}, by position of thread {@code t} alone. */
    private BitSet enablingPositions(int readClass, ThreadSystem t) {
        Expr conjunct = model.byId[classAction[readClass]].command.guard().get(classConjunct[readClass]);
        return reachingBackwards(t, c -> mayEnable(c, readClass), (p, q) -> passesWithout(t, p, q, conjunct));
    }

    /**
     * The positions of {@code t} with a command {@code target} accepts, and every position from
     * which a way of commands {@code passes} accepts (from p to q) leads to one: found backwards
     * along the predecessors, each command asked once.
     */
    private BitSet reachingBackwards(ThreadSystem t, Predicate<Command> target, BiPredicate<Integer, Integer> passes) {
        BitSet out = new BitSet();
        List<Integer> todo = new ArrayList<>();
        for (int p = 0; p < t.positions().size(); p++) {
            for (Command c : t.at(p)) {
                if (out.get(p) || !target.test(c)) continue;
                out.set(p);
                todo.add(p);
            }
        }
        while (!todo.isEmpty()) {
            int q = todo.remove(todo.size() - 1);
            for (int p : predecessors[t.thread()][q]) {
                if (out.get(p) || !passes.test(p, q)) continue;
                out.set(p);
                todo.add(p);
            }
        }
        return out;
    }

    /** Whether a command of {@code t} from {@code p} to {@code q} may run while {@code conjunct} is false: its guard has no conjunct equal to it. */
    private static boolean passesWithout(ThreadSystem t, int p, int q, Expr conjunct) {
        for (Command c : t.at(p)) {
            if (c.to() == q && !c.guard().contains(conjunct)) return true;
        }
        return false;
    }

    /** Whether command {@code c} may turn the conjuncts of {@code readClass} from false to true ({@link EnablingWrites}). */
    private boolean mayEnable(Command c, int readClass) {
        Action a = model.byId[classAction[readClass]];
        BitSet reads = conjunctReads[a.id][classConjunct[readClass]];
        return access[c.id()].writes.intersects(reads) && enabling.mayEnable(c, a.command.guard().get(classConjunct[readClass]));
    }

    private long[] dependencyRow(Action a) {
        return dependency.build(accessClass[a.id], () -> dependentPositions(a));
    }

    /**
     * By position index: whether the thread there may still run a command dependent with
     * {@code a}, as {@link #computeDependency} answers it, found backwards from the positions of
     * those commands: each command is asked once, not once per position whose future holds it.
     */
    private BitSet dependentPositions(Action a) {
        Access mine = access[a.id];
        return byPositionIndex(t -> reachingBackwards(t, c -> mine.dependent(access[c.id()]), (p, q) -> true));
    }

    /**
     * Sets in {@code into[at..]} (a bit per thread) the threads that must move before a false
     * conjunct of read class {@code readClass} can hold, its enablers (see the class comment).
     * The asking action's own thread may be among them, as for any conjunct of its read class:
     * the caller drops it.
     */
    void enablers(int readClass, int[] v, long[] into, int at) {
        int owner = ownerWord[readClass];
        if (owner >= 0 && v[owner] != 0) {
            int holder = OwnerWords.holder(v[owner], threads);
            into[at + (holder >> 6)] |= 1L << holder;
            return;
        }
        long[] row = writersRow(readClass);
        for (int u = 0; u < threads; u++) {
            int position = v[model.positionField[u]];
            // past the rows' budget, found for u alone each time: the same answer
            boolean enables = row != null ? PositionRows.test(row, positionIndex[u][position])
                    : enablingPositions(readClass, model.system.threads().get(u)).get(position);
            if (enables) into[at + (u >> 6)] |= 1L << u;
        }
    }

    /** The read class's row of {@link #writers}, built when first asked for; null when the budget refuses. */
    private long[] writersRow(int readClass) {
        long[] row = writers.get(readClass);
        return row != null ? row : writers.build(readClass, () -> enablingPositions(readClass));
    }

    /**
     * Whether the conjuncts of {@code readClass} hold in state {@code v}; true when one fails to
     * evaluate (an index or a divisor an earlier conjunct of its guard checks): no wait to stand in.
     */
    boolean holds(int readClass, int[] v) {
        try {
            return condition[readClass].eval(v) != 0;
        } catch (ArithmeticException | IndexOutOfBoundsException e) {
            return true;
        }
    }

    /** Asks the deadline every 256 steps of a setup loop. */
    private void poll(int step) {
        if ((step & 255) == 0) deadline.run();
    }

    /** Per conjunct: the fields it reads other than through ownership atoms, and the owner word of a "free" test. */
    private void conjuncts() {
        for (Action a : model.byId) {
            poll(a.id);
            List<Expr> guard = a.command.guard();
            conjunctReads[a.id] = new BitSet[guard.size()];
            freeOwner[a.id] = new int[guard.size()];
            for (int i = 0; i < guard.size(); i++) {
                Expr g = guard.get(i);
                Command single = new Command(a.id, a.thread, a.command.from(), List.of(g), List.of(), a.command.to(),
                        a.kind(), a.command.span(), a.command.text());
                conjunctReads[a.id][i] = new Access(single, ownerWords, threads).reads;
                boolean free = g instanceof Expr.Binary b && b.op() == io.vmlock.ast.Expr.BinaryOp.EQ
                        && b.left() instanceof Expr.Read r && b.right() instanceof Expr.Const k && k.value() == 0
                        && ownerWords.get(r.field());
                freeOwner[a.id][i] = free ? ((Expr.Read) ((Expr.Binary) g).left()).field() : -1;
            }
        }
    }
}
