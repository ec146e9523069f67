package io.vmlock.sema;

import io.vmlock.ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks statements in source order, nested ones included, for checks that look at every one. */
final class Statements {
    private Statements() {
    }

    static void forEach(Stmt s, Consumer<Stmt> action) {
        action.accept(s);
        for (Stmt child : children(s)) {
            forEach(child, action);
        }
    }

    /** The statements directly inside {@code s}, in source order. */
    static List<Stmt> children(Stmt s) {
        List<Stmt> out = new ArrayList<>();
        if (s instanceof Stmt.Block b) {
            out.addAll(b.statements());
        } else if (s instanceof Stmt.If i) {
            out.add(i.then());
            i.otherwise().ifPresent(out::add);
        } else if (s instanceof Stmt.IfTrylock t) {
            out.add(t.then());
            t.otherwise().ifPresent(out::add);
        } else if (s instanceof Stmt.Either e) {
            out.addAll(e.branches());
        } else if (s instanceof Stmt.While w) {
            out.add(w.body());
        } else if (s instanceof Stmt.Repeat r) {
            out.add(r.body());
        } else if (s instanceof Stmt.Foreach f) {
            out.add(f.body());
        }
        return out;
    }

    static boolean isLoop(Stmt s) {
        return s instanceof Stmt.While || s instanceof Stmt.Repeat || s instanceof Stmt.Foreach;
    }
}
