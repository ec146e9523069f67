package io.vmlock.ir;

import java.util.Locale;
import java.util.stream.Collectors;

/** A readable listing of the IR, one node per line: for tests and debugging. */
public final class IrDump {
    private IrDump() {
    }

    public static String dump(IrProgram program) {
        StringBuilder out = new StringBuilder();
        OpText text = OpText.source();
        for (GlobalVar g : program.perThread()) {
            out.append("per-thread ").append(g.name()).append(g.set().map(s -> "[" + s.name() + "]").orElse(""))
                    .append(g.bool() ? " bool" : " int(" + g.low() + ".." + g.high() + ")").append(" = ")
                    .append(g.render(g.initial().get(0))).append('\n');
        }
        for (GlobalVar g : program.globals()) {
            // the starting values, after the declarations' initialisers and init blocks
            out.append("global ").append(g.name()).append(g.set().map(s -> "[" + s.name() + "]").orElse(""))
                    .append(g.bool() ? " bool" : " int(" + g.low() + ".." + g.high() + ")").append(" = ")
                    .append(g.set().isEmpty() ? g.render(g.initial().get(0))
                            : g.initial().stream().map(g::render).collect(Collectors.joining(", ", "[", "]")))
                    .append('\n');
        }
        for (Procedure p : program.procedures()) {
            out.append(p.kind().name().toLowerCase()).append(' ').append(p.name()).append('(')
                    .append(p.params().stream().map(LocalSlot::name).collect(Collectors.joining(", ")))
                    .append(") entry ").append(p.entry()).append('\n');
            for (int pc = 0; pc < p.nodes().size(); pc++) {
                Op op = p.node(pc);
                out.append(String.format(Locale.ROOT, "  %3d %s %s -> %s  @%d:%d%n", pc, op.isStep() ? "step" : "ctl ",
                        text.render(op, program), op.successors(), op.span().line(), op.span().column()));
            }
        }
        for (ThreadDef t : program.threads()) {
            out.append("thread ").append(t.name()).append(t.daemon() ? " (daemon)" : "").append(" body ")
                    .append(program.procedure(t.body()).name()).append('\n');
        }
        for (InterruptDef i : program.interrupts()) {
            out.append(i.softirq() ? "softirq " : "interrupt ").append(i.name()).append(" on ").append(i.threads()).append('\n');
        }
        return out.toString();
    }
}
