package io.vmlock.explore.system;

import io.vmlock.ir.Invocation;
import io.vmlock.ir.InterruptDef;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Op;
import io.vmlock.ir.OpText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles one thread: from its initial position, every position it can rest at and the commands
 * leaving it, found by resolving control symbolically, running the step's rules and settling the
 * control they leave behind.
 */
final class ThreadCompiler {
    /** Past this many positions a thread is taken to have no finite control (it cannot be compiled). */
    static final int MAX_POSITIONS = 200_000;

    private final IrProgram program;
    private final int thread;
    private final Fields fields;
    private final Walker walker;
    private final StepRules rules;
    private final CommandIds ids;
    private final boolean interrupts;
    private final List<Position> positions = new ArrayList<>();
    private final Map<Position.Key, Integer> byKey = new HashMap<>();
    private final Deque<Integer> todo = new ArrayDeque<>();
    private final List<List<Command>> commands = new ArrayList<>();

    /** Numbers commands across threads. */
    static final class CommandIds {
        private int next;

        int next() {
            return next++;
        }
    }

    ThreadCompiler(IrProgram program, int thread, Fields fields, Walker walker, StepRules rules, CommandIds ids,
                   boolean interrupts) {
        this.program = program;
        this.thread = thread;
        this.fields = fields;
        this.walker = walker;
        this.rules = rules;
        this.ids = ids;
        this.interrupts = interrupts;
    }

    /** Where the thread starts (its body entered and settled) and the field values that sets. */
    Map<Integer, Integer> start(List<Integer> initial) {
        StepPath p = new StepPath(thread, List.of());
        for (int f = 0; f < initial.size(); f++) p.env.put(f, Expr.constant(initial.get(f)));
        int body = program.threads().get(thread).body();
        List<StepPath> entered = walker.push(p, body, FrameSig.CALL, List.of(), List.of());
        List<StepPath> leaves = new ArrayList<>();
        List<Position.Status> statuses = new ArrayList<>();
        walker.settle(entered.get(0), new Walker.Sink() {
            public void exit(StepPath q, Op ret) {
                leaves.add(q);
                statuses.add(Position.Status.FINISHED);
            }

            public void problem(StepPath q, Op at) {
                leaves.add(q);
                statuses.add(Position.Status.ERROR);
            }

            public void rest(StepPath q) {
                leaves.add(q);
                statuses.add(Position.Status.RUNNING);
            }
        });
        if (leaves.size() != 1) throw new IllegalStateException("the start of thread " + thread + " is not determined");
        StepPath start = leaves.get(0);
        Map<Integer, Integer> values = new TreeMap<>();
        for (var e : start.env.entrySet()) values.put(e.getKey(), ((Expr.Const) e.getValue()).value());
        values.put(fields.position(thread), intern(statuses.get(0), start.frames));
        return values;
    }

    void compileAll() {
        while (!todo.isEmpty()) {
            walker.checkBudget();
            compile(todo.poll());
        }
    }

    private int intern(Position.Status status, List<FrameSig> frames) {
        Position.Key key = new Position.Key(thread, status, frames);
        Integer id = byKey.get(key);
        if (id != null) return id;
        if (positions.size() >= MAX_POSITIONS) {
            throw new Unsupported("thread " + program.threads().get(thread).name() + " has more than " + MAX_POSITIONS
                    + " control positions", program.threads().get(thread).span());
        }
        id = positions.size();
        positions.add(new Position(id, thread, status, frames));
        commands.add(List.of());
        byKey.put(key, id);
        if (status == Position.Status.RUNNING) todo.add(id);
        return id;
    }

    private void compile(int from) {
        Position at = positions.get(from);
        List<Command> out = new ArrayList<>();
        walker.resolve(new StepPath(thread, at.frames()), new Walker.Sink() {
            public void step(StepPath p, Op op) {
                rules.execute(p, op, outcome(from, op, out));
            }

            public void spins(StepPath p) {
                // a loop with no operation: the thread stays, and interrupts still arrive
            }

            public void exit(StepPath p, Op ret) {
                emit(from, p, Position.Status.FINISHED, Command.Kind.EXIT, ret, out);
            }

            public void problem(StepPath p, Op op) {
                emit(from, p, Position.Status.ERROR, Command.Kind.ERROR, op, out);
            }
        });
        if (interrupts && !at.inFrameOfKind(FrameSig.INTERRUPT)) interrupts(from, at, out);
        commands.set(from, out);
    }

    private StepRules.Outcome outcome(int from, Op op, List<Command> out) {
        return new StepRules.Outcome() {
            public void fail(StepPath p) {
                emit(from, p, Position.Status.ERROR, Command.Kind.ERROR, op, out);
            }

            public void sleepsInAtomic(StepPath p) {
                emit(from, p, Position.Status.ERROR, Command.Kind.ATOMIC_ERROR, op, out);
            }

            public void proceed(StepPath p, int next) {
                p.setPc(next);
                walker.settle(p, settling(from, op, Command.Kind.STEP, Command.Kind.EXIT, out));
            }

            public void queued(StepPath p) {
                emit(from, p, Position.Status.RUNNING, Command.Kind.STEP, op, out);
            }

            public void enter(StepPath p, int next, Invocation invocation, int kind) {
                p.setPc(next);
                for (StepPath q : walker.push(p, invocation.procedure(), kind, invocation.args(),
                        constants(invocation))) {
                    walker.settle(q, settling(from, op, Command.Kind.STEP, Command.Kind.EXIT, out));
                }
            }
        };
    }

    private static List<Expr> constants(Invocation invocation) {
        var none = new io.vmlock.ir.IrExpr.Values() {
            public int local(int slot) {
                throw new IllegalStateException("an invocation argument is constant");
            }

            public int global(int slot) {
                throw new IllegalStateException("an invocation argument is constant");
            }

            public int current(int slot) {
                throw new IllegalStateException("an invocation argument is constant");
            }
        };
        return invocation.args().stream().map(a -> Expr.constant(a.eval(none))).toList();
    }

    /**
     * An interrupt's arrival, resolved to where its handler takes its first step; a step below
     * {@code depth} frames is the interrupted code's (the handler returned on the way).
     */
    private Walker.Sink arriving(int from, int depth, Op entry, List<Command> out) {
        return new Walker.Sink() {
            public void step(StepPath p, Op op) {
                if (p.frames.size() > depth) emit(from, p, Position.Status.RUNNING, Command.Kind.INTERRUPT, entry, out);
            }

            public void spins(StepPath p) {
                emit(from, p, Position.Status.RUNNING, Command.Kind.INTERRUPT, entry, out);
            }

            public void exit(StepPath p, Op ret) {
                emit(from, p, Position.Status.FINISHED, Command.Kind.INTERRUPT, entry, out);
            }

            public void problem(StepPath p, Op at) {
                emit(from, p, Position.Status.ERROR, Command.Kind.ERROR, entry, out);
            }
        };
    }

    private Walker.Sink settling(int from, Op op, Command.Kind running, Command.Kind finished, List<Command> out) {
        return new Walker.Sink() {
            public void exit(StepPath p, Op ret) {
                emit(from, p, Position.Status.FINISHED, finished, op, out);
            }

            public void problem(StepPath p, Op at) {
                emit(from, p, Position.Status.ERROR, Command.Kind.ERROR, op, out);
            }

            public void rest(StepPath p) {
                emit(from, p, Position.Status.RUNNING, running, op, out);
            }
        };
    }

    /**
     * An interrupt may arrive whenever the thread's irqs are on: it comes to the CPU, whether the
     * thread runs, spins or sleeps there (a disk interrupt completes what its thread waits for).
     * A softirq also needs softirqs unmasked and no handler running: kernel/softirq.c (torvalds/linux
     * 01581a218644) runs pending ones where {@code !in_interrupt()}, at irq exit
     * ({@code __irq_exit_rcu}) and at the last {@code local_bh_enable}; {@code handle_softirqs}
     * runs them with irqs on and softirqs masked, so a hard interrupt may arrive in one.
     */
    private void interrupts(int from, Position at, List<Command> out) {
        int irq = fields.flag(thread, Flag.IRQ);
        List<Command> arrivals = new ArrayList<>();
        for (InterruptDef def : program.interrupts()) {
            if (!def.threads().contains(thread) || def.softirq() && at.inFrameOfKind(FrameSig.SOFTIRQ)) continue;
            StepPath p = new StepPath(thread, at.frames()).when(Expr.eq(Expr.read(irq), Expr.FALSE));
            if (def.softirq()) p.when(Expr.eq(Expr.read(fields.flag(thread, Flag.BH)), Expr.FALSE));
            if (p.dead) continue;
            Op entry = program.procedure(def.body()).node(program.procedure(def.body()).entry());
            int kind = def.softirq() ? FrameSig.SOFTIRQ : FrameSig.INTERRUPT;
            for (StepPath q : walker.push(p, def.body(), kind, List.<IrExpr>of(), List.of())) {
                // a hard interrupt runs with irqs off, a softirq with softirqs masked (__do_softirq)
                if (def.softirq()) q.write(fields.flag(thread, Flag.BH), Expr.TRUE);
                else q.write(irq, Expr.TRUE);
                // to the handler's first step, control resolved at once; a handler that returns on
                // the way does nothing and is no command (as in the reference semantics)
                walker.resolve(q, arriving(from, at.frames().size(), entry, arrivals));
            }
        }
        out.addAll(arrivals);
    }

    private void emit(int from, StepPath p, Position.Status status, Command.Kind kind, Op op, List<Command> out) {
        if (p.dead) return;
        var guard = Simplify.guard(p.guard);
        if (guard.isEmpty()) return;
        int to = intern(status, p.frames);
        List<Command.Effect> effects = new ArrayList<>();
        for (var e : new TreeMap<>(p.env).entrySet()) {
            if (e.getValue() instanceof Expr.Read r && r.field() == e.getKey()) continue;
            effects.add(new Command.Effect(e.getKey(), e.getValue()));
        }
        String text = OpText.source().render(op, program);
        out.add(new Command(ids.next(), thread, from, guard.get(), effects, to, kind, op.span(), text));
    }

    List<Position> positions() {
        return positions;
    }

    List<List<Command>> commands() {
        return commands;
    }
}
