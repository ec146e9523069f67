package io.vmlock.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.explore.Explorer;
import io.vmlock.explore.Limits;
import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.WaitLink;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.lockorder.CycleMatcher;
import io.vmlock.testing.RandomModels;
import io.vmlock.testing.Scenarios;
import io.vmlock.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deadlock's words are checked like its verdict, over generated scenarios: every thread a
 * wait-for cycle says holds a lock holds it in the trace's last state; every thread it says
 * waits is blocked there, on what it is said to wait for; the next thread of the cycle holds
 * that lock, or is queued ahead on it; the headline names exactly the cycle's threads; and no
 * note says the search found no interleaving closing a lock-order cycle that a deadlock closes.
 */
class WaitForTruthTest {
    private static final int MODELS = 1500;
    private static final Limits SMALL = new Limits(3000, 60, Limits.defaultMemory());

    @Test
    void theRwsemQueueIsInTheCycleAndTheQueuedWriterHoldsNothing() {
        CheckResult r = Pipeline.check(Scenarios.lower("""
                rwsem r;
                mutex m;
                thread reader { down_read(r); mutex_lock(m); mutex_unlock(m); up_read(r); }
                thread holder { mutex_lock(m); down_read(r); up_read(r); mutex_unlock(m); }
                thread writer { down_write(r); up_write(r); }
                """), CheckOptions.defaults());
        Finding f = r.findings().get(0);
        assertEquals("reader, holder and writer wait for each other", f.headline());
        assertEquals(List.of("reader holds r and waits for m",
                "holder holds m and waits for r (read), queued behind writer",
                "writer waits for r (write), which reader holds (read)"), f.details());
        assertEquals(List.of(), untruths(f, r.notes()));
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("no interleaving")), r.notes()::toString);
    }

    @Test
    void generatedDeadlocksSayOnlyWhatTheirTracesShow(@TempDir Path dir) throws IOException {
        int deadlocks = 0;
        int queued = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            String source = RandomModels.generate(500_000 + i, RandomModels.Features.ALL);
            Path file = dir.resolve("m" + i + ".vmlock");
            Files.writeString(file, source);
            Optional<IrProgram> ir = Pipeline.compile(file, new Loader.Options(List.of(), Optional.empty(), dir)).lower();
            assertTrue(ir.isPresent(), () -> "a generated model does not compile:\n" + source);
            CheckResult r = Pipeline.check(ir.get(), CheckOptions.of(new Explorer.Options(Explorer.Order.BFS, SMALL, Explorer.Engine.COMPILED, 1, false, Explorer.Reductions.ALL)));
            for (Finding f : r.findings()) {
                if (f.verdict() != Verdict.DEADLOCK || f.cycle().isEmpty()) continue;
                deadlocks++;
                if (f.cycle().stream().anyMatch(WaitLink::queued)) queued++;
                for (String u : untruths(f, r.notes())) wrong.add("model " + (500_000 + i) + ": " + u);
            }
        }
        assertEquals(List.of(), wrong.stream().limit(20).toList(), wrong.size() + " untruths");
        assertTrue(deadlocks > MODELS / 20, "enough generated deadlocks to mean something: " + deadlocks);
        assertTrue(queued > 0, "some deadlocks close through an rwsem queue: " + queued);
    }

    private static List<String> untruths(Finding f, List<String> notes) {
        List<String> wrong = new ArrayList<>();
        List<WaitLink> cycle = f.cycle();
        for (int i = 0; i < cycle.size(); i++) {
            WaitLink l = cycle.get(i);
            WaitLink next = cycle.get((i + 1) % cycle.size());
            Optional<BlockedAt> at = f.blocked().stream().filter(b -> b.thread().equals(l.thread())).findFirst();
            if (at.isEmpty()) {
                wrong.add(l.sentence() + ": " + l.thread() + " is not blocked");
                continue;
            }
            BlockedAt b = at.get();
            List<String> held = b.held().stream().map(HeldLock::lock).toList();
            if (l.holds() instanceof WaitLink.Lock lock && !held.contains(lock.name())) {
                wrong.add(l.sentence() + ": " + l.thread() + " holds " + held);
            }
            if (l.holds() instanceof WaitLink.QueuePlace place && !b.operation().equals("down_write(" + place.name() + ")")) {
                wrong.add(l.sentence() + ": " + l.thread() + " is not queued to write, it blocks in " + b.operation());
            }
            String waited = l.waitsFor().name();
            boolean plainLock = l.waitsFor() instanceof WaitLink.Lock && !waited.contains(" ");
            if (plainLock && !b.operation().contains("(" + waited + ")")) {
                wrong.add(l.sentence() + ": " + l.thread() + " blocks in " + b.operation());
            }
            if (plainLock && !(next.holds().name().equals(waited) && !(next.holds() instanceof WaitLink.Event))) {
                wrong.add(l.sentence() + ": the next thread " + next.thread() + " neither holds " + waited
                        + " nor queues on it");
            }
        }
        List<String> threads = cycle.stream().map(WaitLink::thread).distinct().toList();
        boolean named = threads.size() == 1 ? f.headline().equals(threads.get(0) + " waits for itself")
                : f.headline().endsWith(" wait for each other")
                && Set.copyOf(Arrays.asList(f.headline().replace(" wait for each other", "").split(", | and ")))
                .equals(Set.copyOf(threads));
        if (!named) wrong.add("headline '" + f.headline() + "' for the cycle of " + threads);
        CycleMatcher.classesOf(cycle).ifPresent(classes -> {
            for (String n : notes) {
                if (n.contains("no interleaving that closes it") && noteClasses(n).equals(classes)) {
                    wrong.add("note contradicts the deadlock of " + threads + ": " + n);
                }
            }
        });
        return wrong;
    }

    /** {@code lock-order cycle m -> r -> m can close ...}: its real lock classes. */
    private static Set<String> noteClasses(String note) {
        String chain = note.replaceAll("^.*cycle (.*) can close.*$", "$1");
        return Arrays.stream(chain.split(" -> ")).filter(c -> !c.contains("(") && !c.equals("hardirq"))
                .map(c -> c.replaceAll("\\[.*]$", "")).collect(Collectors.toCollection(TreeSet::new));
    }
}
