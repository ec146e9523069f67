package io.vmlock.ir;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Gfp;
import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a procedure's control-flow graph; its index in {@link Procedure#nodes()} is its pc,
 * and successors are pcs of the same procedure.
 *
 * <p>Two families. <b>Steps</b> ({@link #isStep()}) are the atomic operations of the
 * interleaving: every builtin and every assignment is one step of one thread. <b>Control</b>
 * nodes (branch, choice, local init, call, return) are resolved as part of the thread's next
 * step, so they never appear on their own in a trace.
 *
 * <p>Walking every path (the lock-order graph does): start at {@link Procedure#entry()}, follow
 * {@link #successors()}; at a {@link Call} descend into the callee with its arguments bound and
 * continue at {@code next} after its {@link Return}; loops are the only back edges (while loops;
 * foreach and repeat are unrolled). Allocations may additionally enter a reclaim path and user
 * copies a fault handler ({@link IrProgram#reclaimPaths()}, {@link MappingDef#fault()}).
 */
public sealed interface Op {

    SourceSpan span();

    /** Every pc control may go to next; empty for {@link Return}. */
    List<Integer> successors();

    /** An atomic step of the interleaving, as opposed to control resolved eagerly. */
    boolean isStep();

    <R> R accept(Visitor<R> v);

    interface Visitor<R> {
        R visitAcquire(Acquire op);

        R visitRelease(Release op);

        R visitTryAcquire(TryAcquire op);

        R visitJournalDrain(JournalDrain op);

        R visitWaitCompletion(WaitCompletion op);

        R visitSignal(Signal op);

        R visitWaitEvent(WaitEvent op);

        R visitAssign(Assign op);

        R visitCheck(Check op);

        R visitAssertHeld(AssertHeld op);

        R visitAlloc(Alloc op);

        R visitMemallocScope(MemallocScope op);

        R visitUserCopy(UserCopy op);

        R visitIrq(Irq op);

        R visitMightSleep(MightSleep op);

        R visitMightLock(MightLock op);

        R visitBranch(Branch op);

        R visitChoice(Choice op);

        R visitInit(Init op);

        R visitCall(Call op);

        R visitReturn(Return op);
    }

    /** A step op; {@code builtin()} of those that have one is the operation as written. */
    sealed interface Step extends Op permits Acquire, Release, TryAcquire, JournalDrain, WaitCompletion, Signal,
            WaitEvent, Assign, Check, AssertHeld, Alloc, MemallocScope, UserCopy, Irq, MightSleep, MightLock {
        default boolean isStep() {
            return true;
        }
    }

    sealed interface Control extends Op permits Branch, Choice, Init, Call, Return {
        default boolean isStep() {
            return false;
        }
    }

    /**
     * mutex_lock, spin_lock*, down_read/down_write, jbd2_journal_start (mode HANDLE) and the
     * barrier half of jbd2_journal_lock_updates / force_commit (mode COMMIT). {@code subclass}:
     * a *_nested acquisition's lockdep subclass, {@code nestLock} a *_nest_lock acquisition's nest
     * lock; only the lock-order graph reads them.
     */
    record Acquire(BuiltinOp builtin, ObjectRef lock, LockMode mode, int subclass, Optional<ObjectRef> nestLock,
                   int next, SourceSpan span) implements Step {
        public Acquire {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(lock);
            Objects.requireNonNull(mode);
            Objects.requireNonNull(nestLock);
            Objects.requireNonNull(span);
            if (subclass < 0) throw new IllegalArgumentException("subclass " + subclass);
        }

        /** A *_nested acquisition, or a plain one (subclass 0), with no nest lock. */
        public Acquire(BuiltinOp builtin, ObjectRef lock, LockMode mode, int subclass, int next, SourceSpan span) {
            this(builtin, lock, mode, subclass, Optional.empty(), next, span);
        }

        /** An acquisition in its lock's own class (lockdep subclass 0). */
        public Acquire(BuiltinOp builtin, ObjectRef lock, LockMode mode, int next, SourceSpan span) {
            this(builtin, lock, mode, 0, next, span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitAcquire(this);
        }
    }

    /** The matching releases; jbd2_journal_stop is HANDLE, unlock_updates COMMIT. */
    record Release(BuiltinOp builtin, ObjectRef lock, LockMode mode, int next, SourceSpan span) implements Step {
        public Release {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(lock);
            Objects.requireNonNull(mode);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitRelease(this);
        }
    }

    /**
     * A trylock: never blocks; {@code success} when the lock was free for {@code mode}. Also
     * read_seqretry in a condition (a sequence reader's mode): it ends the read section and
     * {@code success} is the retry, taken when a writer began since read_seqbegin.
     */
    record TryAcquire(BuiltinOp builtin, ObjectRef lock, LockMode mode, int success, int failure, SourceSpan span)
            implements Step {
        public TryAcquire {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(lock);
            Objects.requireNonNull(mode);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(success, failure);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitTryAcquire(this);
        }
    }

    /** Second half of lock_updates / force_commit: wait until no handle is open, the caller's too. */
    record JournalDrain(BuiltinOp builtin, ObjectRef journal, int next, SourceSpan span) implements Step {
        public JournalDrain {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(journal);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitJournalDrain(this);
        }
    }

    /** wait_for_completion: blocks until done, then consumes one completion (unless complete_all). */
    record WaitCompletion(BuiltinOp builtin, ObjectRef completion, int next, SourceSpan span) implements Step {
        public WaitCompletion {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(completion);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitWaitCompletion(this);
        }
    }

    /** complete, complete_all, reinit_completion ({@code builtin} says which). */
    record Signal(BuiltinOp builtin, ObjectRef completion, int next, SourceSpan span) implements Step {
        public Signal {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(completion);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitSignal(this);
        }
    }

    /**
     * wait_event(cond): sleeps until {@code condition} holds in the thread's scope. {@code label},
     * when not empty, is the operation that waits as written (flush_work(w)), shown in traces,
     * wait descriptions and lockdep names instead of the condition over the lowering's own variables.
     */
    record WaitEvent(BuiltinOp builtin, IrExpr condition, int next, SourceSpan span, String label) implements Step {
        public WaitEvent {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(condition);
            Objects.requireNonNull(span);
            Objects.requireNonNull(label);
        }

        public WaitEvent(BuiltinOp builtin, IrExpr condition, int next, SourceSpan span) {
            this(builtin, condition, next, span, "");
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitWaitEvent(this);
        }
    }

    /**
     * {@code x = e}: a step; a value outside the target's range is an assertion finding. {@code
     * label}, when not empty, is the operation as written (queue_work(events, w)) where the step
     * is one the lowering made, shown instead of the assignment.
     */
    record Assign(VarRef target, IrExpr value, int next, SourceSpan span, String label) implements Step {
        public Assign {
            Objects.requireNonNull(target);
            Objects.requireNonNull(value);
            Objects.requireNonNull(span);
            Objects.requireNonNull(label);
        }

        public Assign(VarRef target, IrExpr value, int next, SourceSpan span) {
            this(target, value, next, span, "");
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitAssign(this);
        }
    }

    /** assert(cond) fails when cond is false, BUG_ON(cond) when it is true. */
    record Check(BuiltinOp builtin, IrExpr condition, int next, SourceSpan span) implements Step {
        public Check {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(condition);
            Objects.requireNonNull(span);
        }

        /** True when the condition's value {@code v} passes the check. */
        public boolean passes(int v) {
            return builtin == BuiltinOp.BUG_ON ? v == 0 : v != 0;
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitCheck(this);
        }
    }

    record AssertHeld(BuiltinOp builtin, ObjectRef lock, int next, SourceSpan span) implements Step {
        public AssertHeld {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(lock);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitAssertHeld(this);
        }
    }

    /** alloc / kmalloc / alloc_page with its GFP context: may run a reclaim path. */
    record Alloc(BuiltinOp builtin, Gfp gfp, int next, SourceSpan span) implements Step {
        public Alloc {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(gfp);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitAlloc(this);
        }
    }

    enum Scope { NOFS, NOIO, NORECLAIM, PAGEFAULT }

    /** memalloc_{nofs,noio,noreclaim}_{save,restore} and pagefault_{disable,enable}: nestable scopes, a depth per thread. */
    record MemallocScope(BuiltinOp builtin, Scope scope, boolean save, int next, SourceSpan span) implements Step {
        public MemallocScope {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(scope);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitMemallocScope(this);
        }
    }

    /** copy_from_user / copy_to_user; {@code mapping} evaluates to a {@link MappingDef} id. */
    record UserCopy(BuiltinOp builtin, IrExpr mapping, int next, SourceSpan span) implements Step {
        public UserCopy {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(mapping);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitUserCopy(this);
        }
    }

    /** local_irq_disable / enable / save / restore ({@code builtin} says which). */
    record Irq(BuiltinOp builtin, int next, SourceSpan span) implements Step {
        public Irq {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitIrq(this);
        }
    }

    record MightSleep(BuiltinOp builtin, int next, SourceSpan span) implements Step {
        public MightSleep {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitMightSleep(this);
        }
    }

    /**
     * might_lock(l): lockdep acquires and releases l's map exclusively (read 0) without taking l;
     * might_lock_read(l) the same shared (read 1). Only the lock-order graph sees it, as an acquisition in {@code mode} and its release.
     */
    record MightLock(BuiltinOp builtin, ObjectRef lock, LockMode mode, int next, SourceSpan span) implements Step {
        public MightLock {
            Objects.requireNonNull(builtin);
            Objects.requireNonNull(lock);
            Objects.requireNonNull(mode);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitMightLock(this);
        }
    }

    /** if / while test. */
    record Branch(IrExpr condition, int then, int otherwise, SourceSpan span) implements Control {
        public Branch {
            Objects.requireNonNull(condition);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(then, otherwise);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitBranch(this);
        }
    }

    /** either/or: every branch is explored; the choice is made with the branch's first step. */
    record Choice(List<Integer> branches, SourceSpan span) implements Control {
        public Choice {
            branches = List.copyOf(branches);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return branches;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitChoice(this);
        }
    }

    /** A local declaration: sets the slot to its initial value (no step of its own). */
    record Init(VarRef.LocalVar target, IrExpr value, int next, SourceSpan span) implements Control {
        public Init {
            Objects.requireNonNull(target);
            Objects.requireNonNull(value);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitInit(this);
        }
    }

    /**
     * A procedure call: a new frame with the arguments bound to the callee's parameter slots.
     * {@code result}, for a procedure with a result whose value is used, is the caller's slot
     * the callee's {@link Return} writes; the caller then resumes at {@code next}, so {@code
     * next} is what {@link Procedure#resultAt} finds it by.
     */
    record Call(int procedure, List<IrExpr> args, Optional<VarRef.LocalVar> result, int next, SourceSpan span)
            implements Control {
        public Call {
            args = List.copyOf(args);
            Objects.requireNonNull(result);
            Objects.requireNonNull(span);
        }

        public List<Integer> successors() {
            return List.of(next);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitCall(this);
        }
    }

    /**
     * Leaves the frame; at the bottom of a thread, the thread ends. {@code value}, in a procedure
     * with a result, is evaluated in the frame being left and lands in the caller's {@link
     * Call#result}, if the caller uses it.
     */
    record Return(Optional<IrExpr> value, SourceSpan span) implements Control {
        public Return {
            Objects.requireNonNull(value);
            Objects.requireNonNull(span);
        }

        public Return(SourceSpan span) {
            this(Optional.empty(), span);
        }

        public List<Integer> successors() {
            return List.of();
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitReturn(this);
        }
    }
}
