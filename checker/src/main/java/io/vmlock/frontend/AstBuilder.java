package io.vmlock.frontend;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Ident;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.ParamType;
import io.vmlock.ast.ResultType;
import io.vmlock.ast.ScenarioFile;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ast.Stmt;
import io.vmlock.ast.VarType;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import io.vmlock.grammar.VmLockLexer;
import io.vmlock.grammar.VmLockParser.*;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the immutable AST from a parse tree that had no syntax errors. Besides shape, it checks
 * what only the tree shows: builtins used as values, trylock statements, expect ids.
 */
final class AstBuilder {
    private static final int MAX_THREAD_COPIES = 64;
    private final Spans spans;
    private final Diagnostics diagnostics;

    AstBuilder(Spans spans, Diagnostics diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    ScenarioFile build(FileContext file) {
        List<Decl> decls = new ArrayList<>();
        for (ItemContext item : file.item()) {
            decls.add(item(item));
        }
        return new ScenarioFile(spans.file(), decls);
    }

    private Decl item(ItemContext c) {
        if (c.importDecl() != null) return importDecl(c.importDecl());
        if (c.setDecl() != null) return setDecl(c.setDecl());
        if (c.objectDecl() != null) return objectDecl(c.objectDecl());
        if (c.varDecl() != null) return varDecl(c.varDecl());
        if (c.currentDecl() != null) return currentDecl(c.currentDecl());
        if (c.constDecl() != null) return constDecl(c.constDecl());
        if (c.mappingDecl() != null) return mappingDecl(c.mappingDecl());
        if (c.reclaimDecl() != null) return reclaimDecl(c.reclaimDecl());
        if (c.workqueueDecl() != null) return workqueueDecl(c.workqueueDecl());
        if (c.workDecl() != null) return workDecl(c.workDecl());
        if (c.procDecl() != null) return procDecl(c.procDecl());
        if (c.defaultHookDecl() != null) return defaultHookDecl(c.defaultHookDecl());
        if (c.threadDecl() != null) return threadDecl(c.threadDecl());
        if (c.interruptDecl() != null) return interruptDecl(c.interruptDecl());
        if (c.orderDecl() != null) return orderDecl(c.orderDecl());
        if (c.invariantDecl() != null) return new Decl.Invariant(expr(c.invariantDecl().expr()), spans.of(c));
        if (c.initDecl() != null) return new Decl.Init(block(c.initDecl().block()), spans.of(c));
        return expectDecl(c.expectDecl());
    }

    // ---- declarations -------------------------------------------------------------------

    private Decl importDecl(ImportDeclContext c) {
        String quoted = c.STRING().getText();
        return new Decl.Import(unquote(quoted), spans.of(c.STRING().getSymbol()));
    }

    private Decl setDecl(SetDeclContext c) {
        List<Ident> members = c.ID().stream().skip(1).map(this::ident).toList();
        return new Decl.SetDecl(ident(c.name), members, spans.of(c));
    }

    private Decl objectDecl(ObjectDeclContext c) {
        return new Decl.ObjectDecl(objectKind(c.objectKind()), ident(c.name), optionalIdent(c.set), spans.of(c));
    }

    private Decl.Var varDecl(VarDeclContext c) {
        VarTypeContext t = c.varType();
        VarType type = t.BOOL_T() != null
                ? new VarType.Bool(spans.of(t))
                : new VarType.IntRange(expr(t.lo), expr(t.hi), spans.of(t));
        Optional<Expr> init = c.init == null ? Optional.empty() : Optional.of(expr(c.init));
        return new Decl.Var(type, ident(c.name), optionalIdent(c.set), init, spans.of(c));
    }

    /** {@code current int(0..2) journal_info = 0;}: a per-thread variable named current->journal_info. */
    private Decl currentDecl(CurrentDeclContext c) {
        Decl.Var v = varDecl(c.varDecl());
        Ident name = Ident.currentField(v.name().name(), v.name().span());
        return new Decl.Var(v.type(), name, v.set(), v.init(), spans.of(c));
    }

    /** {@code current->name}, spanning both words; only the running task has fields. */
    private Ident currentField(Token owner, Token name) {
        if (!owner.getText().equals(Ident.CURRENT)) {
            diagnostics.error(DiagnosticCode.SYNTAX_ERROR, spans.of(owner), "'" + owner.getText() + "->" + name.getText()
                    + "' names a field of a task other than current",
                    "a thread reads and writes only its own per-thread variables: current->" + name.getText());
        }
        return Ident.currentField(name.getText(), spans.of(owner).to(spans.of(name)));
    }

    private Ident target(LvalueContext c) {
        return c.owner == null ? ident(c.name) : currentField(c.owner, c.name);
    }

    private Decl constDecl(ConstDeclContext c) {
        return new Decl.Const(ident(c.name), expr(c.value), spans.of(c));
    }

    private Decl mappingDecl(MappingDeclContext c) {
        List<Decl.MappingAttr> attrs = c.mappingAttr().stream()
                .map(a -> new Decl.MappingAttr(ident(a.key), ident(a.target), args(a.args()), spans.of(a)))
                .toList();
        return new Decl.Mapping(ident(c.name), attrs, spans.of(c));
    }

    private Decl reclaimDecl(ReclaimDeclContext c) {
        return new Decl.Reclaim(optionalIdent(c.needs), ident(c.target), args(c.args()), spans.of(c));
    }

    private Decl workqueueDecl(WorkqueueDeclContext c) {
        return new Decl.Workqueue(ident(c.name), c.ordered != null, optionalIdent(c.set), spans.of(c));
    }

    private Decl workDecl(WorkDeclContext c) {
        Optional<Expr> wqIndex = c.wqIndex == null ? Optional.empty() : Optional.of(expr(c.wqIndex));
        return new Decl.Work(ident(c.name), optionalIdent(c.set), ident(c.target), args(c.args()), ident(c.wq), wqIndex,
                spans.of(c));
    }

    private Decl procDecl(ProcDeclContext c) {
        List<Decl.Param> params = params(c.param());
        ResultType result = result(c.result);
        if (c.block() == null) return new Decl.Hook(ident(c.name), result, params, spans.of(c));
        return new Decl.Proc(ident(c.name), result, params, block(c.block()), spans.of(c));
    }

    private Decl defaultHookDecl(DefaultHookDeclContext c) {
        return new Decl.Hook(ident(c.name), result(c.result), params(c.param()), Optional.of(block(c.block())),
                spans.of(c));
    }

    private List<Decl.Param> params(List<ParamContext> params) {
        return params.stream().map(p -> new Decl.Param(paramType(p.type), ident(p.name), spans.of(p))).toList();
    }

    private static ResultType result(Token keyword) {
        return keyword == null ? ResultType.VOID
                : keyword.getType() == VmLockLexer.BOOL_T ? ResultType.BOOL : ResultType.INT;
    }

    private ParamType paramType(ParamTypeContext c) {
        if (c.objectKind() != null) return new ParamType.ObjectParam(objectKind(c.objectKind()));
        if (c.INT_T() != null) return new ParamType.IntParam();
        if (c.BOOL_T() != null) return new ParamType.BoolParam();
        if (c.MAPPING() != null) return new ParamType.MappingParam();
        return new ParamType.InstanceParam(ident(c.ID().getSymbol()));
    }

    private Decl threadDecl(ThreadDeclContext c) {
        int count = 1;
        if (c.count != null) {
            count = parseCount(c.count);
        }
        return new Decl.Thread(ident(c.name), count, c.DAEMON() != null, block(c.block()), spans.of(c));
    }

    private int parseCount(Token t) {
        long n = parseLong(t);
        if (n < 1 || n > MAX_THREAD_COPIES) {
            diagnostics.error(DiagnosticCode.INVALID_THREAD_COUNT, spans.of(t),
                    "a replicated thread needs from 1 to " + MAX_THREAD_COPIES + " copies, not " + t.getText());
            return 1;
        }
        return (int) n;
    }

    private Decl interruptDecl(InterruptDeclContext c) {
        boolean softirq = c.soft != null;
        List<Ident> threads = c.ID().stream().skip(softirq ? 2 : 1).map(this::ident).toList();
        return new Decl.Interrupt(ident(c.name), threads, block(c.block()), softirq, spans.of(c));
    }

    private Decl orderDecl(OrderDeclContext c) {
        return new Decl.Order(c.ID().stream().map(this::ident).toList(), spans.of(c));
    }

    private Decl expectDecl(ExpectDeclContext c) {
        List<Decl.ExpectItem> items = new ArrayList<>();
        for (ExpectItemContext item : c.expectItem()) {
            String id = item.verdictWord().stream().map(w -> w.getText()).collect(Collectors.joining("-"));
            SourceSpan span = spans.of(item);
            Optional<Verdict> verdict = Verdict.byId(id).filter(v -> v != Verdict.INCOMPLETE);
            if (verdict.isEmpty()) {
                diagnostics.error(DiagnosticCode.UNKNOWN_VERDICT, span, "unknown verdict '" + id + "'",
                        "known verdicts: " + knownVerdicts());
                continue;
            }
            items.add(new Decl.ExpectItem(item.NOT() != null, verdict.get(), span));
        }
        return new Decl.Expect(items, spans.of(c));
    }

    private static String knownVerdicts() {
        return java.util.Arrays.stream(Verdict.values()).filter(v -> v != Verdict.INCOMPLETE)
                .map(Verdict::id).collect(Collectors.joining(", "));
    }

    // ---- statements ---------------------------------------------------------------------

    private Stmt.Block block(BlockContext c) {
        return new Stmt.Block(c.stmt().stream().map(this::stmt).toList(), spans.of(c));
    }

    private Stmt stmt(StmtContext c) {
        SourceSpan span = spans.of(c);
        if (c instanceof LocalVarStmtContext s) return new Stmt.LocalVar(varDecl(s.varDecl()), span);
        if (c instanceof IfStmtContext s) return ifStmt(s);
        if (c instanceof EitherStmtContext s) return new Stmt.Either(s.block().stream().map(this::block).toList(), span);
        if (c instanceof WhileStmtContext s) return new Stmt.While(expr(s.cond), block(s.block()), span);
        if (c instanceof RepeatStmtContext s) return new Stmt.Repeat(expr(s.count), block(s.block()), span);
        if (c instanceof ForeachStmtContext s) {
            return new Stmt.Foreach(ident(s.var), ident(s.set), block(s.block()), span);
        }
        if (c instanceof ReturnStmtContext s) {
            return new Stmt.Return(s.value == null ? Optional.empty() : Optional.of(expr(s.value)), span);
        }
        if (c instanceof BreakStmtContext) return new Stmt.Break(span);
        if (c instanceof ContinueStmtContext) return new Stmt.Continue(span);
        if (c instanceof AssignStmtContext s) return assign(s);
        if (c instanceof IncrementStmtContext s) return increment(s);
        if (c instanceof CallStmtContext s) return call(s);
        if (c instanceof BlockStmtContext s) return block(s.block());
        return new Stmt.Block(List.of(), span);
    }

    private Stmt ifStmt(IfStmtContext s) {
        SourceSpan span = spans.of(s);
        Stmt.Block then = block(s.then);
        Optional<Stmt.Block> otherwise = Optional.empty();
        if (s.otherwise != null) {
            otherwise = Optional.of(block(s.otherwise));
        } else if (s.elif != null) {
            Stmt elif = stmt(s.elif);
            otherwise = Optional.of(elif instanceof Stmt.Block b ? b : new Stmt.Block(List.of(elif), elif.span()));
        }
        Optional<Stmt.Block> elseBlock = otherwise;
        Optional<Stmt> trylock = trylockIf(s.cond, then, elseBlock, span);
        if (trylock.isPresent()) return trylock.get();
        return userCopyIf(s.cond, then, elseBlock, span).orElseGet(() -> new Stmt.If(expr(s.cond), then, elseBlock, span));
    }

    /**
     * {@code if (copy_from_user(m))}: true, as in C, when bytes were left uncopied. A copy may
     * always come back short (a buffer not mapped there; in a pagefault_disable() scope, a page
     * not present), so both outcomes are explored: the copy, then either branch.
     */
    private Optional<Stmt> userCopyIf(ExprContext cond, Stmt.Block then, Optional<Stmt.Block> otherwise,
                                      SourceSpan span) {
        boolean negated = isNot(cond);
        if (!(unnot(cond) instanceof CallExprContext call)) return Optional.empty();
        Optional<BuiltinOp> op = BuiltinOp.bySpelling(call.name.getText())
                .filter(b -> b.category() == BuiltinOp.Category.USER_COPY);
        if (op.isEmpty()) return Optional.empty();
        Stmt copy = new Stmt.Builtin(op.get(), args(call.args()), spans.of(call));
        Stmt.Block empty = new Stmt.Block(List.of(), span);
        Stmt.Block shortCopy = negated ? otherwise.orElse(empty) : then;
        Stmt.Block copied = negated ? then : otherwise.orElse(empty);
        return Optional.of(new Stmt.Either(List.of(after(copy, shortCopy), after(copy, copied)), span));
    }

    private static Stmt.Block after(Stmt first, Stmt.Block rest) {
        List<Stmt> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest.statements());
        return new Stmt.Block(all, rest.span());
    }

    /** {@code if (trylock(x))} or {@code if (!trylock(x))}, else empty. */
    private Optional<Stmt> trylockIf(ExprContext cond, Stmt.Block then, Optional<Stmt.Block> otherwise, SourceSpan span) {
        boolean negated = isNot(cond);
        if (!(unnot(cond) instanceof CallExprContext call)) return Optional.empty();
        Optional<BuiltinOp> op = BuiltinOp.bySpelling(call.name.getText()).filter(BuiltinOp::isTrylock);
        if (op.isEmpty()) return Optional.empty();
        List<Expr> args = args(call.args());
        if (args.size() != 1) {
            diagnostics.error(DiagnosticCode.ARITY_MISMATCH, spans.of(call),
                    op.get().spelling() + " takes 1 argument, not " + args.size());
            return Optional.of(new Stmt.If(new Expr.BoolLit(false, spans.of(call)), then, otherwise, span));
        }
        return Optional.of(new Stmt.IfTrylock(op.get(), args.get(0), negated, spans.of(call), then, otherwise, span));
    }

    /** A condition written {@code !x}, brackets aside. */
    private static boolean isNot(ExprContext cond) {
        return unparen(cond) instanceof UnaryExprContext u && u.op.getText().equals("!");
    }

    /** The condition without its {@code !}, brackets aside. */
    private static ExprContext unnot(ExprContext cond) {
        ExprContext e = unparen(cond);
        return isNot(e) ? unparen(((UnaryExprContext) e).expr()) : e;
    }

    private static ExprContext unparen(ExprContext e) {
        while (e instanceof ParenExprContext p) {
            e = p.expr();
        }
        return e;
    }

    private Stmt assign(AssignStmtContext s) {
        Ident target = target(s.target);
        Optional<Expr> index = s.target.index == null ? Optional.empty() : Optional.of(expr(s.target.index));
        Expr value = expr(s.value);
        String op = s.op.getText();
        if (!op.equals("=")) {
            Expr current = lvalueExpr(target, index, spans.of(s.target));
            Expr.BinaryOp bop = op.equals("+=") ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB;
            value = new Expr.Binary(bop, current, value, spans.of(s));
        }
        return new Stmt.Assign(target, index, value, spans.of(s));
    }

    private Stmt increment(IncrementStmtContext s) {
        Ident target = target(s.target);
        Optional<Expr> index = s.target.index == null ? Optional.empty() : Optional.of(expr(s.target.index));
        SourceSpan span = spans.of(s);
        Expr current = lvalueExpr(target, index, spans.of(s.target));
        Expr.BinaryOp bop = s.op.getText().equals("++") ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB;
        Expr value = new Expr.Binary(bop, current, new Expr.IntLit(1, spans.of(s.op)), span);
        return new Stmt.Assign(target, index, value, span);
    }

    private static Expr lvalueExpr(Ident target, Optional<Expr> index, SourceSpan span) {
        return index.<Expr>map(i -> new Expr.Index(target, i, span)).orElseGet(() -> new Expr.Name(target, span));
    }

    private Stmt call(CallStmtContext s) {
        SourceSpan span = spans.of(s);
        List<Expr> args = args(s.args());
        Optional<BuiltinOp> builtin = BuiltinOp.bySpelling(s.name.getText());
        if (builtin.isEmpty()) {
            return new Stmt.Call(ident(s.name), args, span);
        }
        if (builtin.get().isTrylock()) {
            diagnostics.error(DiagnosticCode.TRYLOCK_CONTEXT, spans.of(s.name),
                    builtin.get().spelling() + " must be the condition of an if, so its failure is handled",
                    "write: if (" + builtin.get().spelling() + "(...)) { ... } else { ... }");
        }
        return new Stmt.Builtin(builtin.get(), args, span);
    }

    // ---- expressions --------------------------------------------------------------------

    private List<Expr> args(ArgsContext c) {
        return c == null ? List.of() : c.expr().stream().map(this::expr).toList();
    }

    private Expr expr(ExprContext c) {
        SourceSpan span = spans.of(c);
        if (c instanceof IntLitContext i) return new Expr.IntLit(parseLong(i.INT().getSymbol()), span);
        if (c instanceof BoolLitContext b) return new Expr.BoolLit(b.TRUE() != null, span);
        if (c instanceof NameExprContext n) return new Expr.Name(ident(n.name), span);
        if (c instanceof IndexExprContext x) return new Expr.Index(ident(x.name), expr(x.index), span);
        if (c instanceof CurrentExprContext f) {
            Ident field = currentField(f.owner, f.name);
            return f.index == null ? new Expr.Name(field, span) : new Expr.Index(field, expr(f.index), span);
        }
        if (c instanceof ParenExprContext p) return expr(p.expr());
        if (c instanceof UnaryExprContext u) {
            Expr.UnaryOp op = u.op.getText().equals("!") ? Expr.UnaryOp.NOT : Expr.UnaryOp.NEG;
            return new Expr.Unary(op, expr(u.expr()), span);
        }
        if (c instanceof BinaryExprContext b) {
            return new Expr.Binary(Expr.BinaryOp.bySymbol(b.op.getText()), expr(b.left), expr(b.right), span);
        }
        if (c instanceof FlagsExprContext f) return flags(f);
        if (c instanceof ClearFlagsExprContext f) return clearFlags(f);
        CallExprContext call = (CallExprContext) c;
        String name = call.name.getText();
        Optional<BuiltinOp> builtin = BuiltinOp.bySpelling(name);
        if (builtin.isEmpty() || builtin.get().givesValue()) {
            return new Expr.Call(ident(call.name), args(call.args()), span);
        }
        diagnostics.error(DiagnosticCode.CALL_IN_EXPRESSION, span, "'" + name + "(...)' computes no value",
                "call " + name + "(...); as a statement of its own");
        return new Expr.IntLit(0, span);
    }

    /** {@code A | B | C} as one list of names; anything but a name is reported where it stands. */
    private Expr flags(FlagsExprContext c) {
        List<Ident> names = orNames(c);
        return names.isEmpty() ? new Expr.IntLit(0, spans.of(c)) : new Expr.Flags(names, List.of(), spans.of(c));
    }

    /**
     * {@code (A | B) & ~C & ~D}: the names or'ed, then the cleared ones. A clear only applies to the
     * whole mask, so {@code A | B & ~C} (which C reads as {@code A | (B & ~C)}) must be bracketed.
     */
    private Expr clearFlags(ClearFlagsExprContext c) {
        List<Ident> cleared = new ArrayList<>();
        ExprContext e = c;
        while (e instanceof ClearFlagsExprContext clear) {
            ExprContext bit = unparen(clear.right);
            if (!(bit instanceof NameExprContext n)) return notAFlag(bit, c);
            cleared.add(0, ident(n.name));
            e = unparen(clear.left);
        }
        List<Ident> names = e instanceof FlagsExprContext or ? orNames(or) : List.of();
        if (e instanceof NameExprContext n) names = List.of(ident(n.name));
        if (!(e instanceof FlagsExprContext) && !(e instanceof NameExprContext)) return notAFlag(e, c);
        return names.isEmpty() ? new Expr.IntLit(0, spans.of(c)) : new Expr.Flags(names, cleared, spans.of(c));
    }

    /** The names of {@code A | B | C}, or none after reporting what is not a name. */
    private List<Ident> orNames(FlagsExprContext c) {
        List<Ident> names = new ArrayList<>();
        List<ExprContext> todo = new ArrayList<>(List.of(c.left, c.right));
        while (!todo.isEmpty()) {
            ExprContext e = unparen(todo.remove(0));
            if (e instanceof FlagsExprContext inner) {
                todo.addAll(0, List.of(inner.left, inner.right));
            } else if (e instanceof NameExprContext n) {
                names.add(ident(n.name));
            } else if (e instanceof ClearFlagsExprContext) {
                diagnostics.error(DiagnosticCode.UNKNOWN_GFP, spans.of(e), "'& ~' inside '|' clears a bit of one flag, not"
                        + " of the mask", "bracket the or, as in (GFP_KERNEL | __GFP_NOFAIL) & ~__GFP_FS");
                return List.of();
            } else {
                notAFlag(e, c);
                return List.of();
            }
        }
        return names;
    }

    private Expr notAFlag(ExprContext e, ExprContext mask) {
        diagnostics.error(DiagnosticCode.UNKNOWN_GFP, spans.of(e), "a GFP mask joins flags by name, not '"
                + e.getText() + "'", "write e.g. GFP_KERNEL | __GFP_NOLOCKDEP or GFP_KERNEL & ~__GFP_FS");
        return new Expr.IntLit(0, spans.of(mask));
    }

    private long parseLong(Token t) {
        try {
            long v = Long.parseLong(t.getText());
            if (v <= Integer.MAX_VALUE) return v;
        } catch (NumberFormatException ignored) {
            // too many digits for a long: reported below like any other too-large literal
        }
        diagnostics.error(DiagnosticCode.OUT_OF_RANGE, spans.of(t), "integer literal " + t.getText() + " is too large");
        return 0;
    }

    // ---- names --------------------------------------------------------------------------

    private Ident ident(Token t) {
        return new Ident(t.getText(), spans.of(t));
    }

    private Ident ident(TerminalNode n) {
        return ident(n.getSymbol());
    }

    private Optional<Ident> optionalIdent(Token t) {
        return t == null ? Optional.empty() : Optional.of(ident(t));
    }

    /** The grammar's objectKind tokens are the kinds' keywords. */
    private static ObjectKind objectKind(ObjectKindContext c) {
        return ObjectKind.byKeyword(c.getText())
                .orElseThrow(() -> new IllegalStateException("no object kind is spelt " + c.getText()));
    }

    private static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        return body.replaceAll("\\\\(.)", "$1");
    }
}
