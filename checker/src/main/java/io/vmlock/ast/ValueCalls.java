package io.vmlock.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls whose values a statement's own expressions use ({@code if (inode_trylock(i))},
 * {@code ret = ext4_page_mkwrite(p);}), in the order they run: left to right, arguments before
 * the call that takes them. Nested statements are not looked into.
 */
public final class ValueCalls {
    private ValueCalls() {
    }

    public static List<Expr.Call> of(Stmt s) {
        List<Expr.Call> out = new ArrayList<>();
        for (Expr e : ownExpressions(s)) collect(e, out);
        return out;
    }

    /** The calls an expression runs (a READ_ONCE() is none). */
    public static List<Expr.Call> in(Expr e) {
        List<Expr.Call> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static List<Expr> ownExpressions(Stmt s) {
        List<Expr> out = new ArrayList<>();
        if (s instanceof Stmt.LocalVar v) v.decl().init().ifPresent(out::add);
        if (s instanceof Stmt.If i) out.add(i.condition());
        if (s instanceof Stmt.While w) out.add(w.condition());
        if (s instanceof Stmt.Return r) r.value().ifPresent(out::add);
        if (s instanceof Stmt.Call c) out.addAll(c.args());
        if (s instanceof Stmt.Assign a) {
            a.index().ifPresent(out::add);
            out.add(a.value());
        }
        return out;
    }

    private static void collect(Expr e, List<Expr.Call> out) {
        if (e instanceof Expr.Call c && c.isReadOnce()) {
            c.args().forEach(a -> collect(a, out));
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collect(a, out));
            out.add(c);
        } else if (e instanceof Expr.Index x) {
            collect(x.index(), out);
        } else if (e instanceof Expr.Unary u) {
            collect(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        }
    }
}
