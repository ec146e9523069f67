package io.vmlock.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Statements of procedure, thread and interrupt bodies. */
public sealed interface Stmt permits Stmt.LocalVar, Stmt.If, Stmt.IfTrylock, Stmt.Either, Stmt.While,
        Stmt.Repeat, Stmt.Foreach, Stmt.Return, Stmt.Break, Stmt.Continue, Stmt.Assign, Stmt.Call,
        Stmt.Builtin, Stmt.Block {

    SourceSpan span();

    <R> R accept(Visitor<R> v);

    interface Visitor<R> {
        R visitLocalVar(LocalVar s);

        R visitIf(If s);

        R visitIfTrylock(IfTrylock s);

        R visitEither(Either s);

        R visitWhile(While s);

        R visitRepeat(Repeat s);

        R visitForeach(Foreach s);

        R visitReturn(Return s);

        R visitBreak(Break s);

        R visitContinue(Continue s);

        R visitAssign(Assign s);

        R visitCall(Call s);

        R visitBuiltin(Builtin s);

        R visitBlock(Block s);
    }

    /** A thread- or frame-local variable. */
    record LocalVar(Decl.Var decl, SourceSpan span) implements Stmt {
        public LocalVar {
            Objects.requireNonNull(decl);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitLocalVar(this);
        }
    }

    record If(Expr condition, Block then, Optional<Block> otherwise, SourceSpan span) implements Stmt {
        public If {
            Objects.requireNonNull(condition);
            Objects.requireNonNull(then);
            Objects.requireNonNull(otherwise);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitIf(this);
        }
    }

    /**
     * {@code if (mutex_trylock(m)) {...} else {...}}: the only place a trylock may stand, so its
     * failure branch is always explicit. {@code negated} is {@code if (!trylock(..))}.
     */
    record IfTrylock(BuiltinOp op, Expr lock, boolean negated, SourceSpan trySpan, Block then,
                     Optional<Block> otherwise, SourceSpan span) implements Stmt {
        public IfTrylock {
            Objects.requireNonNull(op);
            if (!op.isTrylock()) throw new IllegalArgumentException(op + " is not a trylock");
            Objects.requireNonNull(lock);
            Objects.requireNonNull(trySpan);
            Objects.requireNonNull(then);
            Objects.requireNonNull(otherwise);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitIfTrylock(this);
        }
    }

    /** Nondeterministic choice: every branch is explored. */
    record Either(List<Block> branches, SourceSpan span) implements Stmt {
        public Either {
            branches = List.copyOf(branches);
            if (branches.size() < 2) throw new IllegalArgumentException("either needs two branches");
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitEither(this);
        }
    }

    record While(Expr condition, Block body, SourceSpan span) implements Stmt {
        public While {
            Objects.requireNonNull(condition);
            Objects.requireNonNull(body);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitWhile(this);
        }
    }

    /** {@code repeat (N) {...}}: N is a constant, checked by sema. */
    record Repeat(Expr count, Block body, SourceSpan span) implements Stmt {
        public Repeat {
            Objects.requireNonNull(count);
            Objects.requireNonNull(body);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitRepeat(this);
        }
    }

    /** {@code foreach (p in page) {...}}: once per instance of the set, in declaration order. */
    record Foreach(Ident variable, Ident set, Block body, SourceSpan span) implements Stmt {
        public Foreach {
            Objects.requireNonNull(variable);
            Objects.requireNonNull(set);
            Objects.requireNonNull(body);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitForeach(this);
        }
    }

    /** {@code return;} in a {@code proc}, {@code return e;} in a procedure with a result. */
    record Return(Optional<Expr> value, SourceSpan span) implements Stmt {
        public Return {
            Objects.requireNonNull(value);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitReturn(this);
        }
    }

    record Break(SourceSpan span) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitBreak(this);
        }
    }

    record Continue(SourceSpan span) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitContinue(this);
        }
    }

    /** {@code x = e}, {@code a[i] = e}; {@code +=}, {@code ++} and friends are desugared to this. */
    record Assign(Ident target, Optional<Expr> index, Expr value, SourceSpan span) implements Stmt {
        public Assign {
            Objects.requireNonNull(target);
            Objects.requireNonNull(index);
            Objects.requireNonNull(value);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitAssign(this);
        }
    }

    /** A call of a declared procedure. */
    record Call(Ident procedure, List<Expr> args, SourceSpan span) implements Stmt {
        public Call {
            Objects.requireNonNull(procedure);
            args = List.copyOf(args);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitCall(this);
        }
    }

    /** A builtin operation ({@code mutex_lock(m)}, {@code alloc(GFP_NOFS)}, ...). */
    record Builtin(BuiltinOp op, List<Expr> args, SourceSpan span) implements Stmt {
        public Builtin {
            Objects.requireNonNull(op);
            args = List.copyOf(args);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitBuiltin(this);
        }
    }

    record Block(List<Stmt> statements, SourceSpan span) implements Stmt {
        public Block {
            statements = List.copyOf(statements);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitBlock(this);
        }
    }
}
