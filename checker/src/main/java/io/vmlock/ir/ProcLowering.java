package io.vmlock.ir;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.ParamType;
import io.vmlock.ast.ResultType;
import io.vmlock.ast.ValueCalls;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ast.Stmt;
import io.vmlock.ast.VarType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers one body to a control-flow graph. Statements are lowered back to front, each given the
 * pc of what follows it, so no successor ever needs patching except a while loop's head. break,
 * continue and a plain return emit no node: they are the pc they go to. A call whose value a
 * statement uses runs just before it, into a temporary the statement then reads.
 */
final class ProcLowering {
    /** Where return, break and continue go from the statement being lowered. */
    private record Targets(int exit, int breakTo, int continueTo) {
    }

    private final ExprLowering exprs;
    private final Map<String, Integer> procIds;
    /** What each procedure's definition returns. */
    private final Map<String, ResultType> results;
    /** What a call's value is: the definition's result, or its hook's for a {@code proc} defining one. */
    private final Map<String, ResultType> valueResults;
    private final List<Op> nodes = new ArrayList<>();
    private final List<LocalSlot> slots = new ArrayList<>();
    /** Unrolled loop bodies share one slot per declaration. */
    private final Map<Decl.Var, LocalSlot> declared = new IdentityHashMap<>();
    /** Likewise one temporary per call whose value is used. */
    private final Map<Expr.Call, LocalSlot> temporaries = new IdentityHashMap<>();
    private final Map<Stmt.Either, LocalSlot> eitherSlots = new IdentityHashMap<>();
    private final Map<Expr, LocalSlot> readSlots = new IdentityHashMap<>();
    private final BuiltinLowering builtins;

    private ProcLowering(ExprLowering exprs, Map<String, Integer> procIds, Map<String, ResultType> results,
                         Map<String, ResultType> valueResults, Workqueues workqueues) {
        this.exprs = exprs;
        this.procIds = procIds;
        this.results = results;
        this.valueResults = valueResults;
        this.builtins = new BuiltinLowering(exprs, this::add, workqueues,
                (name, low, high) -> slot(name, 1, false, low, high, Optional.empty()));
    }

    static Procedure lower(int id, String name, Procedure.Kind kind, List<Decl.Param> params, Stmt.Block body,
                           SourceSpan span, ExprLowering exprs, Map<String, Integer> procIds,
                           Map<String, ResultType> results, Map<String, ResultType> valueResults,
                           Workqueues workqueues) {
        ProcLowering p = new ProcLowering(exprs, procIds, results, valueResults, workqueues);
        Scope scope = Scope.empty();
        for (Decl.Param param : params) {
            LocalSlot slot = p.slot(param.name().name(), 1, param.type() instanceof ParamType.BoolParam,
                    Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.of(param.type()));
            scope = scope.with(param.name().name(), Scope.Binding.of(slot));
        }
        int exit = p.add(new Op.Return(endOf(body.span())));
        int entry = p.block(body.statements(), scope, exit, new Targets(exit, -1, -1));
        return new Procedure(id, name, kind, p.slots, params.size(), p.nodes, entry, span);
    }

    private static SourceSpan endOf(SourceSpan s) {
        return SourceSpan.point(s.file(), s.endLine(), s.endColumn());
    }

    private int add(Op op) {
        nodes.add(op);
        return nodes.size() - 1;
    }

    private LocalSlot slot(String name, int size, boolean bool, int low, int high, Optional<ParamType> param) {
        int index = slots.isEmpty() ? 0 : slots.get(slots.size() - 1).index() + slots.get(slots.size() - 1).size();
        LocalSlot s = new LocalSlot(index, name, size, bool, low, high, param);
        slots.add(s);
        return s;
    }

    private LocalSlot local(Decl.Var decl) {
        return declared.computeIfAbsent(decl, d -> {
            int size = d.set().map(set -> exprs.setSize(set.name())).orElse(1);
            if (d.type() instanceof VarType.IntRange r) {
                return slot(d.name().name(), size, false, exprs.constant(r.low()), exprs.constant(r.high()),
                        Optional.empty());
            }
            return slot(d.name().name(), size, true, 0, 1, Optional.empty());
        });
    }

    /** Scopes are computed front to back (declarations), code back to front (successors). */
    private int block(List<Stmt> statements, Scope scope, int next, Targets targets) {
        Scope[] scopes = new Scope[statements.size()];
        Scope current = scope;
        for (int i = 0; i < statements.size(); i++) {
            scopes[i] = current;
            if (statements.get(i) instanceof Stmt.LocalVar v) {
                current = current.with(v.decl().name().name(), Scope.Binding.of(local(v.decl())));
            }
        }
        int pc = next;
        for (int i = statements.size() - 1; i >= 0; i--) {
            pc = statement(statements.get(i), scopes[i], pc, targets);
        }
        return pc;
    }

    /** Runs the calls whose values {@code s} uses, then {@code s} reading them from their temporaries. */
    private int statement(Stmt s, Scope scope, int next, Targets targets) {
        List<Expr.Call> calls = ValueCalls.of(s);
        if (calls.isEmpty()) return plain(s, scope, next, targets);
        Scope inner = scope;
        for (Expr.Call c : calls) inner = inner.with(ExprLowering.temporaryKey(c), Scope.Binding.of(temporary(c)));
        if (s instanceof Stmt.While w) return loopCallingInTest(w, calls, inner, next, targets);
        return valueCalls(calls, inner, plain(s, inner, next, targets));
    }

    /** A while whose test calls: each round runs the calls again, so the back edge goes to the first. */
    private int loopCallingInTest(Stmt.While w, List<Expr.Call> calls, Scope scope, int next, Targets targets) {
        int head = add(new Op.Return(w.span())); // placeholder, replaced below
        int body = block(w.body().statements(), scope, head, new Targets(targets.exit(), next, head));
        int test = valueCalls(calls, scope, add(new Op.Branch(exprs.lower(w.condition(), scope), body, next, w.span())));
        IrExpr always = new IrExpr.Const(1, "true");
        nodes.set(head, new Op.Branch(always, test, test, w.span()));
        return head;
    }

    private int valueCalls(List<Expr.Call> calls, Scope scope, int next) {
        int pc = next;
        for (int i = calls.size() - 1; i >= 0; i--) pc = valueCall(calls.get(i), scope, pc);
        return pc;
    }

    /**
     * A procedure call whose return lands in the temporary; a trylock that sets it to whether it
     * took the lock; a user copy followed by either count of bytes left uncopied (0, or 1 for
     * "some": a copy may always come back short); a {@code proc} defining a hook, then 0.
     */
    private int valueCall(Expr.Call c, Scope scope, int next) {
        VarRef.LocalVar target = new VarRef.LocalVar(temporary(c), new IrExpr.Const(0, ""));
        Optional<BuiltinOp> builtin = BuiltinOp.bySpelling(c.callee().name());
        if (builtin.isPresent() && builtin.get().category() == BuiltinOp.Category.USER_COPY) {
            // The copy itself is the commitment to its outcome (as in userCopyIf's either): the
            // outcome chosen after it would be resolved with the step that follows, and an
            // outcome whose next step waits would never be taken.
            Stmt.Builtin copy = new Stmt.Builtin(builtin.get(), c.args(), c.span());
            int left = add(new Op.Init(target, new IrExpr.Const(1, "1"), next, c.span()));
            int copied = add(new Op.Init(target, new IrExpr.Const(0, "0"), next, c.span()));
            return add(new Op.Choice(List.of(builtins.lower(copy, scope, left), builtins.lower(copy, scope, copied)), c.span()));
        }
        if (builtin.isPresent()) {
            int taken = add(new Op.Init(target, new IrExpr.Const(1, "true"), next, c.span()));
            int busy = add(new Op.Init(target, new IrExpr.Const(0, "false"), next, c.span()));
            return builtins.trylock(builtin.get(), exprs.object(c.args().get(0), scope), taken, busy, c.span());
        }
        List<IrExpr> args = c.args().stream().map(a -> exprs.lower(a, scope)).toList();
        int callee = procIds.get(c.callee().name());
        if (results.get(c.callee().name()) == ResultType.VOID) {
            int zero = add(new Op.Init(target, new IrExpr.Const(0, temporary(c).bool() ? "false" : "0"), next, c.span()));
            return add(new Op.Call(callee, args, Optional.empty(), zero, c.span()));
        }
        return add(new Op.Call(callee, args, Optional.of(target), next, c.span()));
    }

    /**
     * The hidden local an either's branch step writes (its branch's index). Nothing reads it:
     * dead-value reduction resets it, so it only names the step in traces.
     */
    private LocalSlot eitherSlot(Stmt.Either x) {
        return eitherSlots.computeIfAbsent(x, e -> slot("either()", 1, false, 0, e.branches().size() - 1, Optional.empty()));
    }

    /**
     * The test of an if or a loop. A condition with a READ_ONCE() is read in a step of its own, into a hidden local that the
     * branch then tests: the kernel acts on what it read, so a thread that read a flag and then
     * waits in the branch it chose stays there while another thread changes the flag. Read with
     * the next step, as other conditions are (a test-and-act), it would be read again.
     */
    private Op test(Expr condition, Scope scope, int then, int otherwise, SourceSpan span) {
        IrExpr value = exprs.lower(condition, scope);
        if (!Expr.Call.readsOnce(condition)) return new Op.Branch(value, then, otherwise, span);
        LocalSlot read = readSlots.computeIfAbsent(condition, c -> slot("READ_ONCE()", 1, true, 0, 1, Optional.empty()));
        int branch = add(new Op.Branch(new IrExpr.Local(read.index(), read.name()), then, otherwise, span));
        IrExpr truth = new IrExpr.Binary(Expr.BinaryOp.NE, value, new IrExpr.Const(0, "0"));
        return new Op.Assign(new VarRef.LocalVar(read, new IrExpr.Const(0, "")), truth, branch, condition.span(),
                "reads " + value.text());
    }

    /**
     * Every branch starts with the same builtin step ({@code if (copy_from_user(m))} becomes
     * either the copy then one outcome, or the copy then the other): that step runs, or waits,
     * alike in every branch, so it is the commitment and no step of its own is needed.
     */
    private static boolean startsAlike(Stmt.Either x) {
        Stmt.Block first = x.branches().get(0);
        if (first.statements().isEmpty() || !(first.statements().get(0) instanceof Stmt.Builtin step)) return false;
        return x.branches().stream().allMatch(b -> !b.statements().isEmpty() && b.statements().get(0).equals(step));
    }

    /**
     * The step with which a thread commits to branch {@code k} of a choice, before the branch's
     * own first step. A choice is the kernel deciding on data the model leaves out: the thread
     * decides, then may wait in what it decided. Resolved together with the branch's first step
     * (as other control is), a branch whose first step cannot run now would never be taken, and
     * a wait there (a deadlock's, a hang's) never reached.
     */
    private int commit(VarRef.LocalVar chosen, int k, String shown, String label, int body, SourceSpan span) {
        return add(new Op.Assign(chosen, new IrExpr.Const(k, shown), body, span, label));
    }

    private LocalSlot temporary(Expr.Call c) {
        return temporaries.computeIfAbsent(c, call -> {
            String name = call.callee().name() + "()";
            Optional<BuiltinOp> builtin = BuiltinOp.bySpelling(call.callee().name());
            boolean bool = builtin.map(b -> b.isTrylock() || b.isSequenceRetry())
                    .orElse(valueResults.get(call.callee().name()) == ResultType.BOOL);
            return bool ? slot(name, 1, true, 0, 1, Optional.empty())
                    : slot(name, 1, false, Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty());
        });
    }

    private int plain(Stmt s, Scope scope, int next, Targets targets) {
        return s.accept(new Stmt.Visitor<Integer>() {
            public Integer visitLocalVar(Stmt.LocalVar x) {
                LocalSlot slot = local(x.decl());
                IrExpr init = x.decl().init().map(e -> exprs.lower(e, scope))
                        .orElse(new IrExpr.Const(slot.defaultValue(), Integer.toString(slot.defaultValue())));
                VarRef.LocalVar target = new VarRef.LocalVar(slot, new IrExpr.Const(0, ""));
                // READ_ONCE() in the initial value: the read is a step, as an assignment is
                if (x.decl().init().filter(Expr.Call::readsOnce).isPresent()) {
                    return add(new Op.Assign(target, init, next, x.span()));
                }
                return add(new Op.Init(target, init, next, x.span()));
            }

            public Integer visitIf(Stmt.If x) {
                int then = block(x.then().statements(), scope, next, targets);
                int otherwise = x.otherwise().map(b -> block(b.statements(), scope, next, targets)).orElse(next);
                return add(test(x.condition(), scope, then, otherwise, x.span()));
            }

            public Integer visitIfTrylock(Stmt.IfTrylock x) {
                int then = block(x.then().statements(), scope, next, targets);
                int otherwise = x.otherwise().map(b -> block(b.statements(), scope, next, targets)).orElse(next);
                ObjectRef lock = exprs.object(x.lock(), scope);
                return x.negated() ? builtins.trylock(x.op(), lock, otherwise, then, x.trySpan())
                        : builtins.trylock(x.op(), lock, then, otherwise, x.trySpan());
            }

            public Integer visitEither(Stmt.Either x) {
                VarRef.LocalVar chosen = new VarRef.LocalVar(eitherSlot(x), new IrExpr.Const(0, ""));
                boolean committed = !startsAlike(x);
                List<Integer> entries = new ArrayList<>();
                for (int k = 0; k < x.branches().size(); k++) {
                    int body = block(x.branches().get(k).statements(), scope, next, targets);
                    String branch = Integer.toString(k + 1);
                    entries.add(committed ? commit(chosen, k, branch, "either: branch " + branch, body, x.span()) : body);
                }
                return add(new Op.Choice(entries, x.span()));
            }

            public Integer visitWhile(Stmt.While x) {
                int head = add(new Op.Return(x.span())); // placeholder, replaced below
                int body = block(x.body().statements(), scope, head, new Targets(targets.exit(), next, head));
                nodes.set(head, test(x.condition(), scope, body, next, x.span()));
                return head;
            }

            public Integer visitRepeat(Stmt.Repeat x) {
                int count = exprs.constant(x.count());
                int after = next;
                for (int i = count - 1; i >= 0; i--) {
                    after = block(x.body().statements(), scope, after, new Targets(targets.exit(), next, after));
                }
                return after;
            }

            public Integer visitForeach(Stmt.Foreach x) {
                List<String> members = exprs.setMembers(x.set().name());
                int after = next;
                for (int i = members.size() - 1; i >= 0; i--) {
                    Scope inner = scope.with(x.variable().name(), Scope.Binding.of(new IrExpr.Const(i, members.get(i))));
                    after = block(x.body().statements(), inner, after, new Targets(targets.exit(), next, after));
                }
                return after;
            }

            public Integer visitReturn(Stmt.Return x) {
                if (x.value().isEmpty()) return targets.exit();
                return add(new Op.Return(Optional.of(exprs.lower(x.value().get(), scope)), x.span()));
            }

            public Integer visitBreak(Stmt.Break x) {
                return targets.breakTo();
            }

            public Integer visitContinue(Stmt.Continue x) {
                return targets.continueTo();
            }

            public Integer visitAssign(Stmt.Assign x) {
                return add(new Op.Assign(target(x, scope), exprs.lower(x.value(), scope), next, x.span()));
            }

            public Integer visitCall(Stmt.Call x) {
                int callee = procIds.get(x.procedure().name());
                List<IrExpr> args = x.args().stream().map(a -> exprs.lower(a, scope)).toList();
                return add(new Op.Call(callee, args, Optional.empty(), next, x.span()));
            }

            public Integer visitBuiltin(Stmt.Builtin x) {
                return builtins.lower(x, scope, next);
            }

            public Integer visitBlock(Stmt.Block x) {
                return block(x.statements(), scope, next, targets);
            }
        });
    }

    private VarRef target(Stmt.Assign x, Scope scope) {
        IrExpr index = x.index().map(i -> exprs.lower(i, scope)).orElse(new IrExpr.Const(0, ""));
        var local = scope.lookup(x.target().name()).flatMap(Scope.Binding::slot);
        if (local.isPresent()) return new VarRef.LocalVar(local.get(), index);
        return exprs.target(x.target().name(), index);
    }
}
