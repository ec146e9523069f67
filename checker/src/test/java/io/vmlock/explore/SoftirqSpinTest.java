package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ir.IrProgram;
import io.vmlock.promela.PromelaExport;
import io.vmlock.testing.Spin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Softirqs and _bh masking exported to Promela: SPIN stores the reference semantics' states and finds its stuck states. */
class SoftirqSpinTest {
    static final List<String> SCENARIOS = List.of("""
            spinlock s;
            thread t { spin_lock(s); spin_unlock(s); }
            softirq rx on t { spin_lock(s); spin_unlock(s); }
            """, """
            spinlock s;
            thread t { spin_lock_bh(s); spin_unlock_bh(s); }
            softirq rx on t { spin_lock(s); spin_unlock(s); }
            """, """
            spinlock s;
            thread w { spin_lock_bh(s); spin_unlock_bh(s); }
            thread r { local_bh_disable(); local_bh_disable(); spin_lock(s); local_bh_enable(); spin_unlock(s); local_bh_enable(); }
            softirq rx on w, r { spin_lock(s); spin_unlock(s); }
            """, """
            spinlock a; spinlock b;
            thread t { spin_lock_bh(a); spin_unlock_bh(a); }
            softirq s on t { spin_lock(a); spin_lock(b); spin_unlock(b); spin_unlock(a); }
            interrupt h on t { spin_lock(b); spin_unlock(b); }
            """, """
            spinlock q; spinlock l;
            thread submitter { spin_lock_bh(q); spin_lock(l); spin_unlock(l); spin_unlock_bh(q); }
            thread poller { spin_lock(l); spin_unlock(l); }
            softirq rx on poller { spin_lock(q); spin_unlock(q); }
            """, """
            spinlock s;
            thread t { spin_lock_irq(s); spin_unlock_irq(s); local_bh_enable(); spin_lock(s); spin_unlock(s); }
            softirq rx on t { spin_lock_bh(s); spin_unlock_bh(s); }
            """);

    @Test
    void spinAgreesOnEverySoftirqScenario(@TempDir Path dir) throws Exception {
        Spin.require();
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < SCENARIOS.size(); i++) {
            String source = SCENARIOS.get(i);
            IrProgram ir = DifferentialTest.compile(source, dir, i).orElseThrow();
            Path work = Files.createDirectory(dir.resolve("softirq" + i));
            SpinDifferentialTest.Oracle oracle = SpinDifferentialTest.oracle(ir, 3000).orElseThrow();
            Spin.Outcome spin = Spin.run(PromelaExport.export(ir).text().orElseThrow(), work);
            System.out.println("softirq scenario " + i + ": states " + oracle.states() + "/" + spin.states()
                    + " transitions " + oracle.transitions() + "+1/" + spin.transitions() + " stuck " + oracle.stuck() + "/" + spin.invalidEndState());
            assertEquals(oracle.states(), spin.states(), "states of " + source);
            assertEquals(oracle.transitions() + 1, spin.transitions(), "transitions of " + source);
            assertEquals(oracle.stuck(), spin.invalidEndState(), "a stuck state in " + source);
            if (oracle.stuck()) stuck.add("" + i);
        }
        assertEquals(List.of("0", "3", "4", "5"), stuck);
    }
}
