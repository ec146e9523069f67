package io.vmlock.promela;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.Field;
import io.vmlock.explore.system.Position;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.explore.system.TransitionSystem;
import java.util.BitSet;
import java.util.List;

/**
 * Writes a transition system as Promela: globals and lock words as global variables, each thread
 * as an active proctype whose locals are its flags and frame variables and whose control
 * locations are its positions (a label each), each command one {@code atomic} option. So SPIN's
 * state is vmlock's state, one for one, and SPIN's transitions are vmlock's moves.
 */
final class PromelaWriter {
    private final TransitionSystem system;
    private final Names names;
    private final ExprText text;
    private final StringBuilder out = new StringBuilder();
    private int temporaries;

    PromelaWriter(TransitionSystem system) {
        this.system = system;
        this.names = new Names(system);
        this.text = new ExprText(names);
    }

    String write() {
        header();
        StringBuilder body = new StringBuilder();
        for (ThreadSystem t : system.threads()) body.append(proctype(t));
        for (int i = 0; i < temporaries; i++) out.append("hidden int tmp").append(i).append(";\n");
        out.append('\n').append(body);
        return out.toString();
    }

    private void header() {
        out.append("/*\n * ").append(system.program().mainFile()).append(", exported by vmlock export --promela.\n")
                .append(" *\n")
                .append(" * One atomic option per vmlock step: SPIN explores vmlock's state graph state for state\n")
                .append(" * (to compare counts: spin -o1 -o2 -a, without the optimisations that merge states; gcc -DNOREDUCE;\n")
                .append(" * ./pan -c0 to go on past errors).\n")
                .append(" * An invalid end state is a state where no thread can move and some thread, daemon or not,\n")
                .append(" * is blocked: vmlock's deadlocks and hangs. An assertion marks a step where vmlock reports\n")
                .append(" * another finding (the thread then stops at an end_ label) or a broken invariant.\n")
                .append(" * Not checked here: runs that loop forever without finishing (vmlock's livelock hangs).\n")
                .append(" */\n\n");
        for (Field f : system.fields()) {
            if (f.threadLocal()) continue;
            out.append(type(f)).append(' ').append(names.field(f.id())).append(" = ")
                    .append(system.initial().get(f.id())).append(";  /* ").append(f.name()).append(" */\n");
        }
    }

    /** The smallest Promela type holding the field's range (nesting depths get a byte). */
    private static String type(Field f) {
        if (f.low() >= 0 && f.high() <= 1 && !f.open()) return "bit";
        if (f.low() >= 0 && f.high() <= 255) return "byte";
        if (f.low() >= -32768 && f.high() <= 32767) return "short";
        return "int";
    }

    private String proctype(ThreadSystem t) {
        StringBuilder s = new StringBuilder();
        var def = system.program().threads().get(t.thread());
        s.append("\nactive proctype ").append(names.thread(t.thread())).append("() {  /* ")
                .append(def.daemon() ? "daemon thread " : "thread ").append(def.name()).append(" */\n");
        for (Field f : system.fields()) {
            if (!f.threadLocal() || f.thread() != t.thread() || f.role() == Field.Role.POSITION) continue;
            s.append("    ").append(type(f)).append(' ').append(names.field(f.id())).append(" = ")
                    .append(system.initial().get(f.id())).append(";\n");
        }
        int start = system.initial().get(t.positionField());
        java.util.BitSet reached = reachable(t, start);
        position(s, t, t.positions().get(start));
        for (Position p : t.positions()) {
            if (p.id() != start && reached.get(p.id())) position(s, t, p);
        }
        return s.append("}\n").toString();
    }

    /** The positions the thread's commands can lead to from where it starts: the others get no label. */
    private static java.util.BitSet reachable(ThreadSystem t, int start) {
        java.util.BitSet seen = new java.util.BitSet();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(start));
        seen.set(start);
        while (!todo.isEmpty()) {
            for (Command c : t.at(todo.poll())) {
                if (!seen.get(c.to())) {
                    seen.set(c.to());
                    todo.add(c.to());
                }
            }
        }
        return seen;
    }

    private static String label(Position p) {
        return (p.status() == Position.Status.RUNNING ? "P" : "end_P") + p.id();
    }

    private void position(StringBuilder s, ThreadSystem t, Position p) {
        s.append(label(p)).append(":  /* ").append(where(p)).append(" */\n");
        List<Command> commands = t.at(p.id());
        if (p.status() != Position.Status.RUNNING || commands.isEmpty()) {
            s.append("    false;\n");
            return;
        }
        s.append("    if\n");
        for (Command c : commands) s.append(option(t, c));
        s.append("    fi;\n");
    }

    private String where(Position p) {
        var top = p.top();
        var proc = system.program().procedure(top.proc());
        String status = p.status() == Position.Status.RUNNING ? "" : p.status().name().toLowerCase() + " ";
        return status + proc.name() + " " + proc.node(top.pc()).span().position() + ", depth " + (p.frames().size() - 1);
    }

    private String option(ThreadSystem t, Command c) {
        StringBuilder s = new StringBuilder("    :: atomic { ");
        Expr guard = Expr.and(c.guard());
        for (Expr inv : system.invariants()) guard = Expr.and(guard, inv);
        // SPIN rejects an unconditional step back to the same place; a guard it cannot see through keeps it
        String always = c.to() == c.from() ? "_pid >= 0" : "true";
        s.append(Expr.isTrue(guard) ? always : text.of(guard)).append(" -> ");
        effects(s, c);
        Position to = t.positions().get(c.to());
        if (c.raisesFinding()) s.append("assert(false); ");
        if (c.kind() == Command.Kind.EXIT) s.append("assert(!(").append(text.of(t.holdsAny())).append(")); ");
        for (Expr inv : system.invariants()) s.append("assert(").append(text.of(inv)).append("); ");
        s.append("goto ").append(label(to)).append(" }  /* ").append(c.text()).append(" @")
                .append(c.span().line()).append(':').append(c.span().column()).append(" */\n");
        return s.toString();
    }

    /** Right-hand sides read the state before the step: through temporaries when an effect reads an earlier target. */
    private void effects(StringBuilder s, Command c) {
        BitSet written = new BitSet();
        boolean conflict = false;
        for (Command.Effect e : c.effects()) {
            BitSet reads = new BitSet();
            e.value().fields(reads::set);
            if (reads.intersects(written)) conflict = true;
            written.set(e.field());
        }
        if (!conflict) {
            for (Command.Effect e : c.effects()) {
                s.append(names.field(e.field())).append(" = ").append(text.of(e.value())).append("; ");
            }
            return;
        }
        temporaries = Math.max(temporaries, c.effects().size());
        for (int i = 0; i < c.effects().size(); i++) {
            s.append("tmp").append(i).append(" = ").append(text.of(c.effects().get(i).value())).append("; ");
        }
        for (int i = 0; i < c.effects().size(); i++) {
            s.append(names.field(c.effects().get(i).field())).append(" = tmp").append(i).append("; ");
        }
    }
}
