package io.vmlock.importer;

import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The threads of a circular report: one per link of the dependency chain, taking the link's held
 * lock and then its new one, so that together they close the cycle lockdep saw. Three of lockdep's
 * maps stand for code the kernel runs from a library procedure, and a link through one is a call
 * of that procedure (the lock before the map) or part of that code (the lock after it): a link
 * through {@code fs_reclaim} is an allocation or a reclaim path; one through
 * {@code mmu_notifier_invalidate_range_start} is an invalidation (linux/rmap's
 * {@code mmu_notifier_invalidate_range_start()}) or a registered notifier's callback, which the
 * skeleton binds as {@code mn_invalidate_range_start()}; one through {@code console_owner} is a
 * console flush (linux/printk's {@code console_unlock()}) or the console driver's write, which
 * the skeleton binds as {@code console_write()} (a thread of its own only when no link of the chain
 * flushes). Nobody waits on a map, so the search finds the cycle through the code they stand for.
 */
final class ChainThreads {
    /**
     * Entry {@code index}: {@code to} taken while {@code from} is held, on {@code stack}. Each mode
     * is this link's own: links are other tasks at other times, which may hold a class otherwise.
     */
    private record Link(int index, LockClass from, LockClass to, List<Frame> stack, String at, String note,
                        Optional<Boolean> fromSharedAsPrinted) {
        Link(int index, LockClass from, LockClass to, List<Frame> stack, String at, String note) {
            this(index, from, to, stack, at, note, Optional.empty());
        }

        boolean toShared() {
            return KindGuess.shared(to, stack, at);
        }

        /**
         * As the report prints this hold (the closing task's, in the scenario table or by the lock
         * function on its "already holding" line), else as this
         * link's stack says; where neither does, as the report's links take the class (shared if all do).
         */
        boolean fromShared(Scenario.Lock held, List<Link> links) {
            if (fromSharedAsPrinted.isPresent()) return fromSharedAsPrinted.get();
            List<Link> taking = links.stream().filter(l -> l.to().name().equals(from.name())).toList();
            return KindGuess.heldShared(held, stack)
                    .orElseGet(() -> !taking.isEmpty() && taking.stream().allMatch(Link::toShared));
        }
    }

    private ChainThreads() {
    }

    static void write(Splat.Circular c, Scenario s, List<String> notes) {
        List<Link> links = links(c);
        Map<String, Scenario.Lock> locks = new LinkedHashMap<>();
        for (Link l : links) {
            if (isReclaim(l.to()) || locks.containsKey(l.to().name())) continue;
            locks.put(l.to().name(), s.lock(l.to(), KindGuess.of(l.to(), l.stack(), l.at())));
        }
        for (Link l : links) {
            if (!isReclaim(l.from()) && !locks.containsKey(l.from().name())) {
                locks.put(l.from().name(), s.lock(l.from(), KindGuess.of(l.from(), List.of(), "")));
            }
        }
        if (!c.chainExistsOf().isEmpty()) notes.add("Chain exists of: " + String.join(" --> ", c.chainExistsOf()));
        cpuTable(c.cpus(), notes);
        Map<String, Boolean> onlyRead = new HashMap<>();
        for (Link l : links) s.block(thread(s, l, links, locks, onlyRead));
        for (Scenario.Lock l : locks.values()) {
            if (l.kind().readersQueueBehindWriter() && onlyRead.getOrDefault(l.lockdep().name(), false)) {
                s.block(writer(s, l));
            }
        }
        if (sleepsUnderSpinlock(links, locks, notes)) {
            s.expect(Verdict.SLEEP_IN_ATOMIC.id());
        } else {
            s.expect(hookRecursion(links, locks, notes) ? Verdict.RECURSIVE_LOCK.id() : Verdict.DEADLOCK.id());
        }
        if (breaksLibraryOrder(links, locks, notes)) s.expect(Verdict.ORDER_VIOLATION.id());
    }

    /**
     * A link that takes a sleeping lock (a mutex, an rw-semaphore, or a journal handle, whose
     * start_this_handle() may wait for the running transaction's commit) while holding a spinlock:
     * the search stops that thread there with sleep-in-atomic, which a kernel with
     * CONFIG_DEBUG_ATOMIC_SLEEP prints first too (the lock's might_sleep()), and the cycle it
     * would close is not reached: the skeleton expects that finding, and a note says which link
     * (jffs2's garbage collector before 226bb7df3d22 took alloc_sem under erase_completion_lock).
     * A link thread holds no handle before the link's own, so its start is never a nested one,
     * which would not sleep.
     */
    private static boolean sleepsUnderSpinlock(List<Link> links, Map<String, Scenario.Lock> locks, List<String> notes) {
        boolean sleeps = false;
        for (Link l : links) {
            Scenario.Lock held = locks.get(l.from().name());
            Scenario.Lock taken = locks.get(l.to().name());
            if (held == null || taken == null || held.kind() != LockKind.SPINLOCK || !sleeping(taken.kind())) continue;
            notes.add("Expected: sleep-in-atomic, not the deadlock: link #" + l.index() + " takes " + l.to().name()
                    + " (" + sleepingKind(taken.kind()) + ", which may sleep) while holding the spinlock "
                    + l.from().name() + "; vmlock stops that thread there, as a kernel with "
                    + "CONFIG_DEBUG_ATOMIC_SLEEP reports it first, so the cycle is not reached.");
            sleeps = true;
        }
        return sleeps;
    }

    private static boolean sleeping(LockKind kind) {
        return kind == LockKind.MUTEX || kind == LockKind.RWSEM || kind == LockKind.PERCPU_RWSEM
                || kind == LockKind.JOURNAL;
    }

    private static String sleepingKind(LockKind kind) {
        return kind == LockKind.JOURNAL ? "a journal handle" : "a " + kind.keyword();
    }

    /**
     * A link that takes two library locks against an order the library declares between them (a
     * report on another filesystem's class of a library lock: corpus 55's hugetlbfs i_mutex taken
     * under mmap_sem, which the library's i_rwsem, a regular file's, ranks outside), or takes a
     * library lock in the code behind a map it enters (corpus 81: nouveau's notifier callback takes
     * svmm->mutex under vmm->mutex, which linux/nouveau-svm ranks inside): the search reports that
     * acquisition too, so the skeleton expects it, and a note says which.
     */
    private static boolean breaksLibraryOrder(List<Link> links, Map<String, Scenario.Lock> locks, List<String> notes) {
        boolean broken = false;
        for (Link l : links) {
            if (isHook(l.from())) continue;
            List<Link> taking = isHook(l.to()) ? takenBehind(l, links) : List.of(l);
            for (Link t : taking) {
                Optional<LibraryNames.ModelLock> held = Optional.ofNullable(locks.get(l.from().name()))
                        .flatMap(Scenario.Lock::model);
                Optional<LibraryNames.ModelLock> taken = Optional.ofNullable(locks.get(t.to().name()))
                        .flatMap(Scenario.Lock::model);
                if (held.isEmpty() || taken.isEmpty()) continue;
                Optional<LibraryNames.ModelOrder> order = LibraryNames.orderBroken(held.get().modelName(),
                        taken.get().modelName());
                if (order.isEmpty()) continue;
                boolean otherKey = l.from().versioned() || t.to().versioned();
                notes.add("Expected: order-violation too: link #" + l.index() + " takes " + taken.get().modelName()
                        + (t == l ? "" : " (in the code behind " + l.to().name() + ", link #" + t.index() + ")")
                        + " while holding " + held.get().modelName() + ", against " + order.get().model()
                        + "'s order " + order.get().outer() + " < " + order.get().inner() + (otherKey ? " (a class "
                        + "with #N is one of several of that name, by lockdep's keys: the library's lock is one "
                        + "of them, and the report's may be another, such as another filesystem's)." : "."));
                broken = true;
            }
        }
        return broken;
    }

    /**
     * The links of the code behind the map {@code entering} takes, and behind the maps that code
     * enters in turn (reclaim's unmapping runs the notifiers): each takes its new lock there.
     */
    private static List<Link> takenBehind(Link entering, List<Link> links) {
        Set<String> behind = new HashSet<>(Set.of(entering.to().baseName()));
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Link l : links) {
                if (behind.contains(l.from().baseName()) && isHook(l.to())) grew |= behind.add(l.to().baseName());
            }
        }
        return links.stream().filter(l -> behind.contains(l.from().baseName()) && !isHook(l.to())).toList();
    }

    /**
     * A cycle through fs_reclaim or the MMU notifier map whose entering link holds the very lock the
     * code behind the map takes: vmlock runs reclaim in the allocating thread (as direct reclaim
     * does) and the notifiers' callbacks in the invalidating one, so that thread takes the lock
     * again; lockdep's two-task deadlock is found as that recursion. The code behind a map includes
     * what it enters in turn (reclaim's unmapping runs the notifiers).
     */
    private static boolean hookRecursion(List<Link> links, Map<String, Scenario.Lock> locks, List<String> notes) {
        for (Link entering : links) {
            if (!isHook(entering.to()) || isHook(entering.from())) continue;
            for (Link inside : takenBehind(entering, links)) {
                if (!inside.to().name().equals(entering.from().name())) continue;
                if (entering.fromShared(locks.get(entering.from().name()), links) && inside.toShared()) continue;
                // inside.from() is a map too: takenBehind() follows only maps
                notes.add("Expected: recursive-lock, not deadlock: vmlock runs "
                        + CodeMap.of(entering.to()).orElseThrow().runs + ", which holds " + entering.from().name()
                        + " and takes it again in " + CodeMap.of(inside.from()).orElseThrow().inside);
                return true;
            }
        }
        return false;
    }

    private static List<Link> links(Splat.Circular c) {
        List<Link> links = new ArrayList<>();
        if (c.chain().isEmpty()) {
            links.add(new Link(1, c.acquiring(), c.holding(), List.of(), "",
                    "assumed: the report's chain is missing; lockdep says the held lock already depends on the new one"));
            links.add(new Link(0, c.holding(), c.acquiring(), List.of(), c.acquiringAt(), ""));
            return links;
        }
        Map<Integer, ChainLink> byIndex = new HashMap<>();
        c.chain().forEach(e -> byIndex.putIfAbsent(e.index(), e));
        for (ChainLink e : c.chain()) {
            if (e.index() == 0 || links.stream().anyMatch(l -> l.index() == e.index())) continue;
            ChainLink below = byIndex.get(e.index() - 1);
            String note = below == null && e.index() > 1
                    ? (e.index() == 2 ? "entry #1 is missing" : "entries #" + (e.index() - 1) + "..#1 are missing")
                            + ": taken after " + c.acquiring().name() + " directly"
                    : "";
            links.add(new Link(e.index(), below == null ? c.acquiring() : below.lock(), e.lock(), e.stack(), "", note));
        }
        Optional<ChainLink> zero = Optional.ofNullable(byIndex.get(0));
        links.add(new Link(0, c.holding(), c.acquiring(), zero.map(ChainLink::stack).orElse(List.of()),
                c.acquiringAt(), "the acquisition that closed the cycle (" + c.header().task() + ")",
                heldSharedAsPrinted(c.cpus(), c.holding()).or(() -> KindGuess.sharedAt(c.holdingAt()))));
        return links;
    }

    /**
     * How the task that closed the cycle holds its lock, as the scenario table prints it. Since
     * Boqun Feng's "locking/lockdep: Improve the deadlock scenario print for sync and read lock"
     * (2023), print_circular_lock_scenario() writes CPU0's held lock as {@code rlock(} when it is
     * read-held and {@code lock(} otherwise, and the new lock as {@code rlock(}, {@code sync(} or
     * {@code lock(}; before it, every step was {@code lock(}. So only a table showing an
     * {@code rlock(} or {@code sync(} step is known to print modes, and only there does CPU0's
     * {@code lock(} mean a write hold. Empty where the table does not say.
     */
    static Optional<Boolean> heldSharedAsPrinted(List<CpuStep> steps, LockClass holding) {
        boolean printsModes = steps.stream()
                .anyMatch(st -> st.action().startsWith("rlock(") || st.action().startsWith("sync("));
        if (!printsModes) return Optional.empty();
        Optional<CpuStep> first = steps.stream().filter(st -> st.cpu() == 0).findFirst();
        if (first.isEmpty()) return Optional.empty();
        String action = first.get().action();
        if (action.equals("rlock(" + holding.name() + ");")) return Optional.of(true);
        if (action.equals("lock(" + holding.name() + ");")) return Optional.of(false);
        return Optional.empty();
    }

    /** The thread of one link; records in {@code onlyRead} whether each class it holds is held only for read. */
    private static String thread(Scenario s, Link l, List<Link> links, Map<String, Scenario.Lock> locks,
                                 Map<String, Boolean> onlyRead) {
        StringBuilder b = new StringBuilder();
        b.append("// #").append(l.index()).append(": ").append(l.to().name()).append(" taken while ")
                .append(l.from().name()).append(" is held").append(l.note().isEmpty() ? "" : "; " + l.note())
                .append(l.stack().isEmpty() ? "" : ":").append('\n');
        b.append(SkeletonWriter.stackComment("//   ", l.stack()).replace("//   // ", "//   "));
        String name = s.fresh("chain_" + l.index());
        if (isReclaim(l.from())) {
            // the new lock is taken in reclaim: a reclaim path, entered by an allocation
            String path = s.fresh("chain_" + l.index() + "_in_reclaim");
            s.declare("reclaim __GFP_FS " + path + "();  // #" + l.index() + ": " + l.to().name()
                    + " taken under fs_reclaim");
            s.declare("proc " + path + "() {\n" + behindMap(s, l, locks, onlyRead) + "}");
            b.append("thread ").append(name).append(" {\n    alloc(GFP_KERNEL);  // enters reclaim, as kswapd or ")
                    .append("a direct reclaimer does\n}\n");
            return b.toString();
        }
        if (isConsoleMap(l.from())) {
            // the new lock is taken in the console driver's ->write, which every console flush runs
            s.consoleWrite("// #" + l.index() + ": " + l.to().name() + " taken under "
                    + l.from().name() + "\n" + behindMap(s, l, locks, onlyRead));
            // a link that flushes under a lock of the chain runs this write already: a flush thread of
            // its own would only add the map's cycle, which no thread waits on, beside the real one
            Optional<Link> flush = links.stream().filter(e -> isConsoleMap(e.to()) && !isHook(e.from())).findFirst();
            if (flush.isPresent()) {
                return b.append("// no thread of its own: link #").append(flush.get().index())
                        .append("'s console_unlock() runs the driver's write\n").toString();
            }
            b.append("thread ").append(name).append(" {\n    console_unlock();  // flushes the console: its ")
                    .append("driver's ->write under console_owner\n}\n");
            return b.toString();
        }
        if (isNotifierMap(l.from())) {
            // the new lock is taken in a notifier's callback, which every invalidation runs
            s.notifierCallback("// #" + l.index() + ": " + l.to().name() + " taken under "
                    + l.from().name() + "\n" + behindMap(s, l, locks, onlyRead));
            b.append("thread ").append(name).append(" {\n    mmu_notifier_invalidate_range_start();  // runs the ")
                    .append("registered notifiers' callbacks, as an unmap does\n}\n");
            return b.toString();
        }
        Scenario.Lock from = locks.get(l.from().name());
        if (from.equals(locks.get(l.to().name()))) {
            // write_seqlock(): spin_lock(&sl->lock), then the seqcount (include/linux/seqlock.h)
            return b.append("// the seqlock_t's own two classes: write_seqlock() takes both, one seqlock here\n")
                    .toString();
        }
        boolean fromShared = shared(l.fromShared(from, links), from, onlyRead);
        b.append("thread ").append(name).append(" {\n");
        b.append("    ").append(from.acquire(fromShared)).append('\n');
        if (isHook(l.to())) {
            b.append(enterMap(l.to()));
        } else {
            Scenario.Lock to = locks.get(l.to().name());
            Optional<LibraryNames.ModelProcedure> call = to.model().isPresent()
                    ? LibraryNames.procedureTaking(to.name(), l.stack()) : Optional.empty();
            if (call.isPresent()) {
                s.use(call.get().model());
                if (!call.get().setup().isEmpty()) b.append("    ").append(call.get().setup()).append('\n');
                b.append("    ").append(call.get().call()).append("  // takes ").append(to.name())
                        .append(" as the stack's ").append(call.get().function()).append("() does\n");
            } else {
                boolean toShared = shared(l.toShared(), to, onlyRead);
                b.append("    ").append(to.acquire(toShared)).append('\n');
                b.append("    ").append(to.release(toShared)).append('\n');
                if (guessedMap(to)) b.append(workMap(s, to, false, l.stack()));
            }
        }
        b.append("    ").append(from.release(fromShared)).append('\n');
        if (guessedMap(from)) b.append(workMap(s, from, true, List.of()));
        b.append("}\n");
        return b.toString();
    }

    /**
     * The statements of code behind a map (a reclaim path, a notifier's callback) for a link that
     * holds the map: the new lock taken and released, or the map it enters in turn.
     */
    private static String behindMap(Scenario s, Link l, Map<String, Scenario.Lock> locks, Map<String, Boolean> onlyRead) {
        if (isHook(l.to())) return enterMap(l.to());
        Scenario.Lock to = locks.get(l.to().name());
        boolean toShared = shared(l.toShared(), to, onlyRead);
        return "    " + to.acquire(toShared) + "\n    " + to.release(toShared) + "\n";
    }

    /** The call that enters the code a map stands for. */
    private static String enterMap(LockClass map) {
        return CodeMap.of(map).orElseThrow().enter(map);
    }

    /** A map the report's class name alone made a lockdep_map (a workqueue's), not one of the library's. */
    private static boolean guessedMap(Scenario.Lock l) {
        return l.kind() == LockKind.LOCKDEP_MAP && l.model().isEmpty();
    }

    /**
     * After a workqueue map: a flush waits for the work to have run; the worker completes that wait
     * once it has run the work. lockdep sees only the maps; the search, which never waits on a map,
     * finds the deadlock through the wait. A map a link holds is the worker's; one a link takes
     * on its own is a flush unless the stack shows the worker taking it.
     */
    private static String workMap(Scenario s, Scenario.Lock map, boolean held, List<Frame> stack) {
        Optional<String> taker = LibraryNames.flushOrWorker(stack);
        boolean worker = held || taker.filter(LibraryNames.PROCESS_ONE_WORK::equals).isPresent();
        if (worker) return "    complete(" + s.barrier(map) + ");  // the work has run: a flush waiting for it returns\n";
        String flush = taker.map(f -> f + "()").orElse("a flush (assumed: the stack names none, and only a flush "
                + "takes a work's map on its own)");
        return "    wait_for_completion(" + s.barrier(map) + ");  // " + flush + ": waits until the work has run\n";
    }

    /** A hold's mode as written: shared only where the kind has a shared mode (recorded in {@code onlyRead}). */
    private static boolean shared(boolean wanted, Scenario.Lock l, Map<String, Boolean> onlyRead) {
        boolean shared = wanted && l.kind().shareable();
        onlyRead.merge(l.lockdep().name(), shared, Boolean::logicalAnd);
        return shared;
    }

    /** A thread queued for write: lockdep treats down_read as blocking behind one (it is not recursive-read). */
    static String writer(Scenario s, Scenario.Lock l) {
        String name = s.fresh("writer_" + l.name());
        return "// lockdep reports read holds of " + l.lockdep().name() + " because a writer may queue between them "
                + "(rwsems are fair):\n// this thread is that writer\nthread " + name + " {\n    "
                + l.acquire(false) + "\n    " + l.release(false) + "\n}\n";
    }

    static void cpuTable(List<CpuStep> steps, List<String> notes) {
        if (steps.isEmpty()) return;
        notes.add("lockdep's unsafe locking scenario:");
        steps.forEach(st -> notes.add("  CPU" + st.cpu() + ": " + SkeletonWriter.printable(st.action())));
    }

    static boolean isReclaim(LockClass c) {
        return CodeMap.RECLAIM.is(c);
    }

    static boolean isNotifierMap(LockClass c) {
        return CodeMap.MMU_NOTIFIER.is(c);
    }

    /** printk's console_owner map, held around a console driver's write: linux/printk's {@code console_unlock()}. */
    static boolean isConsoleMap(LockClass c) {
        return CodeMap.CONSOLE.is(c);
    }

    /** A map that stands for code a library procedure runs ({@link CodeMap}). */
    private static boolean isHook(LockClass c) {
        return CodeMap.of(c).isPresent();
    }
}
