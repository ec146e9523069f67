package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.explore.system.Field;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.testing.Scenarios;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The bit layout of stored states, on a model whose fields are counted by hand. */
class PackingTest {
    /**
     * x is never assigned: its one value, 5, takes no bits, and decode fills it in without reading
     * the state, into a fresh array and over one holding other values alike. y takes the values
     * 0, 1 and 3 (codes 0 to 2, two bits); z counts, a range-coded field.
     */
    @Test
    void aFieldWithOneValueTakesNoBitsAndStillDecodes() {
        TransitionSystem system = SystemCompiler.compile(Scenarios.lower("""
                int(0..9) x = 5; int(0..3) y; int(0..9) z;
                thread a { y = 1; y = 3; }
                thread b { z++; z++; }
                """));
        Packing packing = new Packing(system, new int[system.fields().size()]);
        int x = field(system, "x");
        int y = field(system, "y");
        int z = field(system, "z");
        assertEquals(0, packing.mask[x]);
        assertEquals(3, packing.mask[y]);
        int[] values = system.initial().stream().mapToInt(Integer::intValue).toArray();
        values[y] = 3;
        values[z] = 2;
        long[] state = new long[packing.words];
        packing.encode(values, state, 0);
        int[] fresh = new int[packing.fields];
        packing.decode(state, 0, fresh);
        assertArrayEquals(values, fresh);
        int[] reused = new int[packing.fields];
        Arrays.fill(reused, 7);
        packing.decode(state, 0, reused);
        assertArrayEquals(values, reused);
        assertEquals(5, reused[x]);
    }

    private static int field(TransitionSystem system, String name) {
        return system.fields().stream().filter(f -> f.name().equals(name)).mapToInt(Field::id).findFirst().orElseThrow();
    }
}
