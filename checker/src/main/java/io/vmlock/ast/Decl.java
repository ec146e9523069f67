package io.vmlock.ast;

import io.vmlock.verdict.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/** Top-level declarations of a .vmlock file. */
public sealed interface Decl permits Decl.Import, Decl.SetDecl, Decl.ObjectDecl, Decl.Var, Decl.Const,
        Decl.Mapping, Decl.Reclaim, Decl.Workqueue, Decl.Work, Decl.Proc, Decl.Hook, Decl.Thread, Decl.Interrupt,
        Decl.Order, Decl.Invariant,
        Decl.Init, Decl.Expect {

    SourceSpan span();

    <R> R accept(Visitor<R> v);

    interface Visitor<R> {
        R visitImport(Import d);

        R visitSet(SetDecl d);

        R visitObject(ObjectDecl d);

        R visitVar(Var d);

        R visitConst(Const d);

        R visitMapping(Mapping d);

        R visitReclaim(Reclaim d);

        R visitWorkqueue(Workqueue d);

        R visitWork(Work d);

        R visitProc(Proc d);

        R visitHook(Hook d);

        R visitThread(Thread d);

        R visitInterrupt(Interrupt d);

        R visitOrder(Order d);

        R visitInvariant(Invariant d);

        R visitInit(Init d);

        R visitExpect(Expect d);
    }

    /** {@code import "linux/jbd2";} */
    record Import(String target, SourceSpan span) implements Decl {
        public Import {
            Objects.requireNonNull(target);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitImport(this);
        }
    }

    /** {@code set page { P0, P1 };}: a finite set of instances (pages, inodes, ...). */
    record SetDecl(Ident name, List<Ident> members, SourceSpan span) implements Decl {
        public SetDecl {
            Objects.requireNonNull(name);
            members = List.copyOf(members);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitSet(this);
        }
    }

    /** {@code mutex sb_lock;}, {@code mutex page_lock[page];}, {@code completion done;} */
    record ObjectDecl(ObjectKind kind, Ident name, Optional<Ident> set, SourceSpan span) implements Decl {
        public ObjectDecl {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(name);
            Objects.requireNonNull(set);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitObject(this);
        }
    }

    /**
     * {@code int(0..4) dirty = 0;}, {@code bool writeback[page];}: global here, local in a body;
     * {@code current int(0..2) journal_info = 0;} declares a field of every task, named
     * {@code current->journal_info}.
     */
    record Var(VarType type, Ident name, Optional<Ident> set, Optional<Expr> init, SourceSpan span)
            implements Decl {
        public Var {
            Objects.requireNonNull(type);
            Objects.requireNonNull(name);
            Objects.requireNonNull(set);
            Objects.requireNonNull(init);
        }

        /** A per-thread variable: each thread instance has its own, starting at the declared value. */
        public boolean perThread() {
            return name.isCurrentField();
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitVar(this);
        }
    }

    /** {@code const dirty_limit = 2;} */
    record Const(Ident name, Expr value, SourceSpan span) implements Decl {
        public Const {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitConst(this);
        }
    }

    /** {@code key = proc(args);} inside a mapping. */
    record MappingAttr(Ident key, Ident target, List<Expr> args, SourceSpan span) {
        public MappingAttr {
            Objects.requireNonNull(key);
            Objects.requireNonNull(target);
            args = List.copyOf(args);
        }
    }

    /** {@code mapping dax_buf { fault = dax_fault_sync(P0); }}: a user buffer and its fault handler. */
    record Mapping(Ident name, List<MappingAttr> attributes, SourceSpan span) implements Decl {
        public Mapping {
            Objects.requireNonNull(name);
            attributes = List.copyOf(attributes);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitMapping(this);
        }
    }

    /**
     * {@code reclaim __GFP_FS pageout_shared_mapping();}: a reclaim path that allocations may run
     * in the allocating thread; {@code needs} is the GFP bit the path requires, if any.
     */
    record Reclaim(Optional<Ident> needs, Ident target, List<Expr> args, SourceSpan span) implements Decl {
        public Reclaim {
            Objects.requireNonNull(needs);
            Objects.requireNonNull(target);
            args = List.copyOf(args);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitReclaim(this);
        }
    }

    /**
     * {@code workqueue events;}: a workqueue (alloc_workqueue), its lockdep map {@code
     * (wq_completion)events}; {@code ordered_workqueue log_wq;} runs one item at a time, in queueing
     * order (alloc_ordered_workqueue, max_active 1). {@code ordered_workqueue wq_of[sb];} is one
     * workqueue per member of the set, {@code wq_of[S0]}, each its own lockdep class, as each
     * alloc_workqueue() registers a key of its own (wq_init_lockdep()).
     */
    record Workqueue(Ident name, boolean ordered, Optional<Ident> set, SourceSpan span) implements Decl {
        /** An ordered workqueue's items share one int of state (run, FIFO, finished runs): at most this many. */
        public static final int ORDERED_MAX_ITEMS = 5;

        public Workqueue {
            Objects.requireNonNull(name);
            Objects.requireNonNull(set);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitWorkqueue(this);
        }
    }

    /**
     * {@code work dev_work = dev_work_fn(D0) on events;}: a work item (INIT_WORK), the call its worker
     * runs and the workqueue it is queued on; arguments are bound once, as a reclaim path's are.
     * {@code work io_work_of[inode] = io_work_fn(inode) on io_wq_of[inode];} is one item per member
     * of {@code set}: in {@code args} and {@code workqueueIndex} the set's name stands for the member.
     * Its lockdep map is one class for all members (INIT_WORK's static key).
     */
    record Work(Ident name, Optional<Ident> set, Ident target, List<Expr> args, Ident workqueue,
                Optional<Expr> workqueueIndex, SourceSpan span) implements Decl {
        public Work {
            Objects.requireNonNull(name);
            Objects.requireNonNull(set);
            Objects.requireNonNull(target);
            args = List.copyOf(args);
            Objects.requireNonNull(workqueue);
            Objects.requireNonNull(workqueueIndex);
        }

        /** {@code on wq_of[inode]} in a work item per inode: each member on the workqueue of the same member. */
        public boolean indexedByMember() {
            return set.isPresent() && workqueueIndex.filter(e -> e instanceof Expr.Name n
                    && n.name().name().equals(set.get().name())).isPresent();
        }

        /**
         * The member of its workqueue that member {@code member} of this item is on (0 for an
         * unindexed workqueue): the same member, or the constant {@code constant} gives for the
         * index; empty when the index is not one.
         */
        public OptionalInt workqueueMember(int member, Function<Expr, OptionalLong> constant) {
            if (workqueueIndex.isEmpty()) return OptionalInt.of(0);
            if (indexedByMember()) return OptionalInt.of(member);
            OptionalLong value = constant.apply(workqueueIndex.get());
            return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitWork(this);
        }
    }

    record Param(ParamType type, Ident name, SourceSpan span) {
        public Param {
            Objects.requireNonNull(type);
            Objects.requireNonNull(name);
        }
    }

    /** A procedure; {@code result} is what its returns give back ({@code VOID} for {@code proc}). */
    record Proc(Ident name, ResultType result, List<Param> params, Stmt.Block body, SourceSpan span) implements Decl {
        public Proc {
            Objects.requireNonNull(name);
            Objects.requireNonNull(result);
            params = List.copyOf(params);
            Objects.requireNonNull(body);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitProc(this);
        }
    }

    /**
     * {@code int vm_ops_fault(page p, bool write);}: a procedure a library calls and another file
     * defines, as a C prototype declares a vm_operations_struct method. The definition takes the
     * same parameter types and returns the same type, or nothing: a {@code proc} definition of an
     * {@code int} hook gives 0 ({@code bool}: false), so bindings written before the library read a
     * result keep their meaning. A hook declared {@code default} carries the body it has when no
     * other file defines it, as the kernel treats a NULL method ({@code ->pfn_mkwrite}).
     */
    record Hook(Ident name, ResultType result, List<Param> params, Optional<Stmt.Block> defaultBody, SourceSpan span)
            implements Decl {
        public Hook {
            Objects.requireNonNull(name);
            Objects.requireNonNull(result);
            params = List.copyOf(params);
            Objects.requireNonNull(defaultBody);
        }

        public Hook(Ident name, ResultType result, List<Param> params, SourceSpan span) {
            this(name, result, params, Optional.empty(), span);
        }

        /** The default body as the procedure it is when in use (see {@code SymbolTable}). */
        public Optional<Proc> defaultProc() {
            return defaultBody.map(body -> new Proc(name, result, params, body, span));
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitHook(this);
        }
    }

    /**
     * {@code thread writer[3] {...}}: {@code count} identical copies. A daemon (kswapd,
     * kjournald) never has to finish: blocked daemons alone are not a hang.
     */
    record Thread(Ident name, int count, boolean daemon, Stmt.Block body, SourceSpan span) implements Decl {
        public Thread {
            Objects.requireNonNull(name);
            Objects.requireNonNull(body);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitThread(this);
        }
    }

    /**
     * {@code interrupt name on t1, t2 {...}}: may run on those threads (all if none named) with irqs
     * on. {@code softirq name on t {...}} ({@code softirq}): a softirq, which _bh masks as well and a
     * hard interrupt may interrupt.
     */
    record Interrupt(Ident name, List<Ident> threads, Stmt.Block body, boolean softirq, SourceSpan span) implements Decl {
        public Interrupt {
            Objects.requireNonNull(name);
            threads = List.copyOf(threads);
            Objects.requireNonNull(body);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitInterrupt(this);
        }
    }

    /** {@code order mmap_lock < page_lock < journal;}: outermost first. */
    record Order(List<Ident> classes, SourceSpan span) implements Decl {
        public Order {
            classes = List.copyOf(classes);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitOrder(this);
        }
    }

    /** {@code invariant expr;}: must hold in every reachable state. */
    record Invariant(Expr condition, SourceSpan span) implements Decl {
        public Invariant {
            Objects.requireNonNull(condition);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitInvariant(this);
        }
    }

    /**
     * {@code init { ... }}: the starting values of globals, set before any thread runs (per element,
     * which a declaration's one initialiser cannot); assignments of constants and foreach only.
     */
    record Init(Stmt.Block body, SourceSpan span) implements Decl {
        public Init {
            Objects.requireNonNull(body);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitInit(this);
        }
    }

    /** One verdict an expect clause requires ({@code deadlock}) or forbids ({@code not hang}). */
    record ExpectItem(boolean negated, Verdict verdict, SourceSpan span) {
        public ExpectItem {
            Objects.requireNonNull(verdict);
        }
    }

    record Expect(List<ExpectItem> items, SourceSpan span) implements Decl {
        public Expect {
            items = List.copyOf(items);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitExpect(this);
        }
    }
}
