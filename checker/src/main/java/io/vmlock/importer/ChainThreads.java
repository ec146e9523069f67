package io.vmlock.importer;

import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The threads of a circular report: one per link of the dependency chain, taking the link's held
 * lock and then its new one, so that together they close the cycle lockdep saw. A link through
 * {@code fs_reclaim} is an allocation (the lock before it) or a reclaim path (the lock after it).
 */
final class ChainThreads {
    /** Entry {@code index}: {@code to} taken while {@code from} is held, on {@code stack}. */
    private record Link(int index, LockClass from, LockClass to, List<Frame> stack, String at, String note) {
    }

    private ChainThreads() {
    }

    static void write(Splat.Circular c, Scenario s, List<String> notes) {
        List<Link> links = links(c);
        Map<String, Boolean> shared = new HashMap<>();
        Map<String, Scenario.Lock> locks = new LinkedHashMap<>();
        for (Link l : links) {
            if (isReclaim(l.to())) continue;
            boolean readHold = KindGuess.shared(l.to(), l.stack(), l.at());
            shared.merge(l.to().name(), readHold, Boolean::logicalAnd);
            locks.put(l.to().name(), s.lock(l.to(), KindGuess.of(l.to(), l.stack(), l.at())));
        }
        for (Link l : links) {
            if (!isReclaim(l.from()) && !locks.containsKey(l.from().name())) {
                locks.put(l.from().name(), s.lock(l.from(), KindGuess.of(l.from(), List.of(), "")));
            }
        }
        if (!c.chainExistsOf().isEmpty()) notes.add("Chain exists of: " + String.join(" --> ", c.chainExistsOf()));
        cpuTable(c.cpus(), notes);
        for (Link l : links) s.block(thread(s, l, locks, shared, c.header().task()));
        for (Scenario.Lock l : locks.values()) {
            if (l.kind().readersQueueBehindWriter() && shared.getOrDefault(l.lockdep().name(), false)) {
                s.block(writer(s, l));
            }
        }
        s.expect(reclaimRecursion(links, shared, notes) ? Verdict.RECURSIVE_LOCK.id() : Verdict.DEADLOCK.id());
    }

    /**
     * A cycle through fs_reclaim whose allocation holds the very lock its reclaim path takes: vmlock
     * runs reclaim in the allocating thread (as direct reclaim does), so that thread takes the lock
     * again; lockdep's kswapd-and-allocator deadlock is found as that recursion.
     */
    private static boolean reclaimRecursion(List<Link> links, Map<String, Boolean> shared, List<String> notes) {
        for (Link allocation : links) {
            if (!isReclaim(allocation.to())) continue;
            for (Link inReclaim : links) {
                if (!isReclaim(inReclaim.from()) || !inReclaim.to().name().equals(allocation.from().name())) continue;
                if (shared.getOrDefault(allocation.from().name(), false)) continue;
                notes.add("Expected: recursive-lock, not deadlock: vmlock runs reclaim in the allocating thread (direct "
                        + "reclaim), which holds " + allocation.from().name() + " and takes it again in reclaim.");
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
                c.acquiringAt(), "the acquisition that closed the cycle (" + c.header().task() + ")"));
        return links;
    }

    private static String thread(Scenario s, Link l, Map<String, Scenario.Lock> locks, Map<String, Boolean> shared,
                                 String task) {
        StringBuilder b = new StringBuilder();
        b.append("// #").append(l.index()).append(": ").append(l.to().name()).append(" taken while ")
                .append(l.from().name()).append(" is held").append(l.note().isEmpty() ? "" : "; " + l.note())
                .append(l.stack().isEmpty() ? "" : ":").append('\n');
        b.append(SkeletonWriter.stackComment("//   ", l.stack()).replace("//   // ", "//   "));
        String name = s.fresh("chain_" + l.index());
        if (isReclaim(l.from())) {
            // the new lock is taken in reclaim: a reclaim path, entered by an allocation
            String path = s.fresh("chain_" + l.index() + "_in_reclaim");
            Scenario.Lock to = locks.get(l.to().name());
            boolean toShared = shared.getOrDefault(l.to().name(), false);
            s.declare("reclaim __GFP_FS " + path + "();  // #" + l.index() + ": " + l.to().name()
                    + " taken under fs_reclaim");
            s.declare("proc " + path + "() {\n    " + to.acquire(toShared) + "\n    " + to.release(toShared) + "\n}");
            b.append("thread ").append(name).append(" {\n    alloc(GFP_KERNEL);  // enters reclaim, as kswapd or ")
                    .append("a direct reclaimer does\n}\n");
            return b.toString();
        }
        Scenario.Lock from = locks.get(l.from().name());
        boolean fromShared = shared.getOrDefault(l.from().name(), false);
        b.append("thread ").append(name).append(" {\n");
        b.append("    ").append(from.acquire(fromShared)).append('\n');
        if (isReclaim(l.to())) {
            b.append("    alloc(GFP_KERNEL);  // fs_reclaim: an allocation that may enter filesystem reclaim\n");
        } else {
            Scenario.Lock to = locks.get(l.to().name());
            boolean toShared = shared.getOrDefault(l.to().name(), false);
            Optional<LibraryNames.ModelProcedure> call = to.model().isPresent()
                    ? LibraryNames.procedureTaking(to.name(), l.stack()) : Optional.empty();
            if (call.isPresent()) {
                s.use(call.get().model());
                if (!call.get().setup().isEmpty()) b.append("    ").append(call.get().setup()).append('\n');
                b.append("    ").append(call.get().call()).append("  // takes ").append(to.name())
                        .append(" as the stack's ").append(call.get().function()).append("() does\n");
            } else {
                b.append("    ").append(to.acquire(toShared)).append('\n');
                b.append("    ").append(to.release(toShared)).append('\n');
            }
        }
        b.append("    ").append(from.release(fromShared)).append('\n');
        b.append("}\n");
        return b.toString();
    }

    /** A thread queued for write: lockdep treats down_read as blocking behind one (it is not recursive-read). */
    static String writer(Scenario s, Scenario.Lock l) {
        String name = s.fresh("writer_" + l.name());
        return "// lockdep reports read holds of " + l.lockdep().name() + " because a writer may queue between them "
                + "(rwsems are fair):\n// this thread is that writer\nthread " + name + " {\n    "
                + l.kind().acquire(l.name(), false) + "\n    " + l.kind().release(l.name(), false) + "\n}\n";
    }

    static void cpuTable(List<CpuStep> steps, List<String> notes) {
        if (steps.isEmpty()) return;
        notes.add("lockdep's unsafe locking scenario:");
        steps.forEach(st -> notes.add("  CPU" + st.cpu() + ": " + SkeletonWriter.printable(st.action())));
    }

    static boolean isReclaim(LockClass c) {
        return c.baseName().equals(LibraryNames.FS_RECLAIM);
    }
}
