package io.vmlock.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small random scenarios for differential tests: every lock kind, trylocks, completions,
 * wait_event, allocations entering reclaim, user copies faulting, memalloc and irq scopes,
 * choices, loops, procedures with lock and instance parameters, replicated and daemon threads,
 * interrupts, invariants and init blocks; with {@code softirqs}, softirq handlers, spin_lock_bh and
 * local_bh_disable sections too (drawn only then, so other features' scenarios stay as they were). Well typed, and every release follows an acquire of its
 * class in the text (as the checker requires), though not always on every path.
 */
public final class RandomModels {
    /**
     * What a generated scenario may contain; {@code loopy}: daemons and interrupts in most
     * scenarios, not a few; {@code softirqs}: a softirq handler in most scenarios, _bh locks and
     * sections.
     */
    public record Features(boolean interrupts, boolean invariants, boolean daemons, boolean loopy, boolean softirqs) {
        public static final Features ALL = new Features(true, true, true);
        public static final Features LOOPY = new Features(true, true, true, true, false);
        public static final Features SOFTIRQS = new Features(true, true, true, true, true);

        public Features(boolean interrupts, boolean invariants, boolean daemons) {
            this(interrupts, invariants, daemons, false, false);
        }
    }

    private final SplittableRandom random;
    private final Features features;
    private final StringBuilder out = new StringBuilder();
    private final List<String> mutexes = new ArrayList<>();
    private boolean pageLocks;
    private boolean spinlock;
    private boolean rwsem;
    private boolean journal;
    private boolean completion;
    private int ints;
    private boolean flags;
    private boolean mapping;
    private boolean reclaim;
    private int procs;
    private int locals;
    /** Procedures a call may name: the earlier ones, so calls never recurse. */
    private int callable;

    private RandomModels(long seed, Features features) {
        this.random = new SplittableRandom(seed);
        this.features = features;
    }

    public static String generate(long seed, Features features) {
        return new RandomModels(seed, features).model();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private String model() {
        declarations();
        for (int p = 0; p < procs; p++) {
            callable = p;
            out.append("proc work").append(p).append("(mutex m, page pg) {\n");
            block(2, 2, "m");
            out.append("}\n");
        }
        callable = procs;
        if (mapping) {
            out.append("proc fault_handler() {\n");
            block(2, 1, null);
            out.append("}\nmapping buf { fault = fault_handler(); }\n");
        }
        if (reclaim) {
            out.append("proc shrink() {\n");
            block(2, 1, null);
            out.append("}\nreclaim ").append(chance(50) ? "__GFP_FS " : "").append("shrink();\n");
        }
        threads();
        return out.toString();
    }

    private void declarations() {
        out.append("set page { P0, P1 };\n");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            mutexes.add("m" + i);
            out.append("mutex m").append(i).append(";\n");
        }
        pageLocks = chance(40);
        if (pageLocks) out.append("mutex pl[page];\n");
        spinlock = chance(features.softirqs() ? 80 : 40);
        if (spinlock) out.append("spinlock s0;\n");
        rwsem = chance(40);
        if (rwsem) out.append("rwsem r0;\n");
        journal = chance(30);
        if (journal) out.append("journal j0;\n");
        completion = chance(30);
        if (completion) out.append("completion c0;\n");
        ints = random.nextInt(3);
        for (int i = 0; i < ints; i++) out.append("int(0..2) g").append(i).append(" = ").append(random.nextInt(2)).append(";\n");
        flags = chance(40);
        if (flags) out.append("bool fl[page];\n");
        // a starting state per element: the search starts there, and SPIN's export too
        if (flags && chance(30)) out.append("init { foreach (p in page) { fl[p] = true; } fl[P0] = false; }\n");
        if (ints > 1 && chance(20)) out.append("init { g1 = 2; }\n");
        mapping = chance(25);
        reclaim = chance(25);
        procs = random.nextInt(3);
        if (features.invariants() && ints > 0 && chance(15)) out.append("invariant g0 <= 1 || g0 == 2 && ").append(
                flags ? "!fl[P1]" : "true").append(";\n");
    }

    private void threads() {
        int n = 1 + random.nextInt(3);
        List<String> names = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            boolean daemon = features.daemons() && chance(features.loopy() ? 45 : 20);
            boolean replicated = chance(25);
            String name = "t" + t;
            names.add(name);
            out.append(daemon ? "daemon thread " : "thread ").append(name).append(replicated ? "[2]" : "").append(" {\n");
            if (daemon) {
                out.append("while (true) {\n");
                block(2, 2, null);
                out.append("}\n");
            } else {
                block(3, 3, null);
            }
            out.append("}\n");
        }
        if (features.interrupts() && chance(features.loopy() ? 50 : 15)) {
            out.append("interrupt irq0 on ").append(pick(names)).append(" {\n");
            if (spinlock && chance(60)) out.append("spin_lock(s0);\nspin_unlock(s0);\n");
            else if (ints > 0) out.append("g0 = 1;\n");
            else out.append("might_sleep();\n");
            out.append("}\n");
        }
        if (features.softirqs() && chance(80)) softirq(names);
    }

    /**
     * A softirq on one thread: it takes the spinlock plainly (the self-deadlock where its thread
     * holds it without _bh), with _bh or _irq, writes a global, may sleep (in atomic context), or
     * unmasks more than it masked.
     */
    private void softirq(List<String> names) {
        out.append("softirq sirq0 on ").append(pick(names)).append(" {\n");
        int kind = random.nextInt(10);
        if (spinlock && kind < 3) out.append("spin_lock(s0);\nspin_unlock(s0);\n");
        else if (spinlock && kind < 5) out.append("spin_lock_bh(s0);\nspin_unlock_bh(s0);\n");
        else if (spinlock && kind < 6) out.append("spin_lock_irq(s0);\nspin_unlock_irq(s0);\n");
        else if (kind < 7) out.append("local_bh_enable();\n");
        else if (kind < 8) out.append("might_sleep();\n");
        else if (ints > 0) out.append("g0 = 1;\n");
        else out.append("local_bh_disable();\nlocal_bh_enable();\n");
        out.append("}\n");
    }

    /** Up to {@code width} statements, nested at most {@code depth}; {@code param} names a mutex parameter in scope. */
    private void block(int depth, int width, String param) {
        int n = 1 + random.nextInt(width);
        for (int i = 0; i < n; i++) statement(depth, param);
    }

    private String mutex(String param) {
        List<String> all = new ArrayList<>(mutexes);
        if (pageLocks) all.add("pl[P" + random.nextInt(2) + "]");
        if (param != null) all.add(param);
        return pick(all);
    }

    private String global() {
        return "g" + random.nextInt(ints);
    }

    private String condition() {
        List<String> c = new ArrayList<>();
        if (ints > 0) {
            c.add(global() + " == " + random.nextInt(3));
            c.add(global() + " < 2");
            if (features.loopy()) {
                // conditions that writes of one direction only can make true (PartialOrder's enablers)
                c.add(global() + " > 0");
                c.add("!(" + global() + " == 0 && " + global() + " == 0)");
            }
        }
        if (flags) c.add((chance(50) ? "!" : "") + "fl[P" + random.nextInt(2) + "]");
        if (c.isEmpty()) c.add(chance(50) ? "true" : "false");
        return pick(c);
    }

    private void statement(int depth, String param) {
        int kind = random.nextInt(depth > 0 ? 24 : 12);
        switch (kind) {
            case 0, 1 -> lockBlock(depth, param);
            case 2 -> simple("might_sleep();");
            case 3 -> assign();
            case 4 -> events();
            case 5 -> memory();
            case 6 -> checks(param);
            case 7 -> irqs();
            case 8 -> journalOps();
            case 9 -> rwsemOps(depth);
            case 10 -> spinOps(depth);
            case 11 -> call();
            case 12, 13 -> trylock(depth, param);
            case 14, 15 -> {
                out.append("if (").append(condition()).append(") {\n");
                block(depth - 1, 2, param);
                out.append("} else {\n");
                block(depth - 1, 1, param);
                out.append("}\n");
            }
            case 16, 17 -> {
                out.append("either {\n");
                block(depth - 1, 2, param);
                out.append("} or {\n");
                block(depth - 1, 2, param);
                out.append("}\n");
            }
            case 18 -> loops(depth, param);
            case 19 -> local();
            default -> lockBlock(depth, param);
        }
    }

    private void simple(String s) {
        out.append(s).append('\n');
    }

    private void lockBlock(int depth, String param) {
        String m = mutex(param);
        out.append("mutex_lock(").append(m).append(");\n");
        if (depth > 0 && chance(50)) block(depth - 1, 2, param);
        if (chance(90)) out.append("mutex_unlock(").append(m).append(");\n");
    }

    private void trylock(int depth, String param) {
        String m = mutex(param);
        out.append("if (").append(chance(20) ? "!" : "").append("mutex_trylock(").append(m).append(")) {\n");
        block(depth - 1, 1, param);
        out.append("} else {\n");
        block(depth - 1, 1, param);
        out.append("}\n");
        if (chance(30)) out.append("mutex_lock(").append(m).append(");\nmutex_unlock(").append(m).append(");\n");
    }

    private void assign() {
        if (ints > 0 && chance(70)) {
            String g = global();
            List<String> writes = new ArrayList<>(List.of(g + " = " + random.nextInt(3) + ";", g + " = " + g + " + 1;",
                    g + "++;", g + " = 2 - " + g + ";"));
            if (features.loopy()) writes.add("if (" + g + " > 0) { " + g + " = " + g + " - 1; }");
            out.append(pick(writes)).append('\n');
        } else if (flags) {
            out.append("fl[P").append(random.nextInt(2)).append("] = ").append(chance(50) ? "true" : "false").append(";\n");
        } else {
            simple("might_sleep();");
        }
    }

    private void local() {
        String x = "x" + locals++;
        out.append("int(0..3) ").append(x).append(" = ").append(ints > 0 ? global() : "1").append(";\n");
        out.append(x).append(" = ").append(x).append(" + 1;\n");
        if (ints > 0) out.append("if (").append(x).append(" > 1) { ").append(global()).append(" = 1; }\n");
    }

    private void events() {
        if (completion && chance(70)) {
            out.append(pick(List.of("complete(c0);", "wait_for_completion(c0);", "complete_all(c0);",
                    "reinit_completion(c0);", "complete(c0);"))).append('\n');
        } else if (ints > 0 || flags) {
            out.append("wait_event(").append(condition()).append(");\n");
        } else {
            simple("might_sleep();");
        }
    }

    private void memory() {
        String gfp = pick(List.of("GFP_KERNEL", "GFP_NOFS", "GFP_NOIO", "GFP_ATOMIC"));
        if (chance(30)) {
            String scope = pick(List.of("nofs", "noio", "noreclaim"));
            out.append("memalloc_").append(scope).append("_save();\nalloc(").append(gfp).append(");\nmemalloc_")
                    .append(scope).append("_restore();\n");
        } else if (mapping && chance(50)) {
            out.append(chance(50) ? "copy_from_user(buf);\n" : "copy_to_user(buf);\n");
        } else {
            out.append(pick(List.of("alloc", "kmalloc", "alloc_page"))).append('(').append(gfp).append(");\n");
        }
    }

    private void checks(String param) {
        if (ints > 0 && chance(40)) {
            out.append(chance(50) ? "assert(" + global() + " < 2);\n" : "BUG_ON(" + global() + " == 2);\n");
        } else {
            out.append("lockdep_assert_held(").append(mutex(param)).append(");\n");
        }
    }

    private void irqs() {
        if (features.softirqs() && chance(40)) {
            out.append("local_bh_disable();\n");
            if (chance(30)) out.append("local_bh_disable();\nlocal_bh_enable();\n");
            if (ints > 0) out.append(global()).append(" = 2;\n");
            if (chance(90)) out.append("local_bh_enable();\n");
            return;
        }
        if (chance(50)) simple("local_irq_disable();\nmight_sleep();\nlocal_irq_enable();");
        else simple("local_irq_save();\nlocal_irq_restore();");
    }

    private void journalOps() {
        if (!journal) {
            simple("might_sleep();");
            return;
        }
        out.append(pick(List.of("jbd2_journal_start(j0);\njbd2_journal_stop(j0);",
                "jbd2_journal_start(j0);\njbd2_journal_start(j0);\njbd2_journal_stop(j0);\njbd2_journal_stop(j0);",
                "jbd2_journal_force_commit(j0);", "jbd2_journal_lock_updates(j0);\njbd2_journal_unlock_updates(j0);",
                "jbd2_journal_start(j0);\njbd2_journal_force_commit(j0);\njbd2_journal_stop(j0);",
                "jbd2_journal_start_reserved(j0);\njbd2_journal_stop(j0);"))).append('\n');
    }

    private void rwsemOps(int depth) {
        if (!rwsem) {
            lockBlock(depth, null);
            return;
        }
        boolean write = chance(40);
        out.append(write ? "down_write(r0);\n" : "down_read(r0);\n");
        if (depth > 0 && chance(40)) block(depth - 1, 1, null);
        if (!write && chance(20)) out.append("down_read(r0);\nup_read(r0);\n");
        out.append(write ? "up_write(r0);\n" : "up_read(r0);\n");
        if (chance(20)) out.append(write ? "if (down_write_trylock(r0)) { up_write(r0); }\n"
                : "if (down_read_trylock(r0)) { up_read(r0); }\n");
    }

    private void spinOps(int depth) {
        if (!spinlock) {
            simple("might_sleep();");
            return;
        }
        List<String[]> variants = new ArrayList<>(List.of(new String[] {"spin_lock", "spin_unlock"},
                new String[] {"spin_lock_irq", "spin_unlock_irq"},
                new String[] {"spin_lock_irqsave", "spin_unlock_irqrestore"}));
        if (features.softirqs()) variants.add(new String[] {"spin_lock_bh", "spin_unlock_bh"});
        String[] variant = pick(variants);
        out.append(variant[0]).append("(s0);\n");
        if (depth > 0 && chance(40)) block(depth - 1, 1, null);
        out.append(variant[1]).append("(s0);\n");
        if (chance(20)) out.append("if (spin_trylock(s0)) { spin_unlock(s0); }\n");
    }

    private void call() {
        if (callable == 0) {
            simple("might_sleep();");
            return;
        }
        String m = pageLocks && chance(40) ? "pl[P" + random.nextInt(2) + "]" : pick(mutexes);
        out.append("work").append(random.nextInt(callable)).append('(').append(m).append(", P").append(random.nextInt(2))
                .append(");\n");
    }

    private void loops(int depth, String param) {
        if (chance(50)) {
            out.append("repeat (2) {\n");
            block(depth - 1, 1, param);
            out.append("}\n");
        } else if (flags && chance(50)) {
            out.append("foreach (p in page) {\nfl[p] = ").append(chance(50) ? "true" : "false").append(";\n}\n");
        } else if (ints > 0) {
            String g = global();
            out.append("while (").append(g).append(" < 2) {\n").append(g).append(" = ").append(g).append(" + 1;\n}\n");
        } else {
            simple("might_sleep();");
        }
    }
}
