package io.vmlock.explore;

import io.vmlock.explore.system.Field;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.explore.system.ValueSets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The per-model bit layout of a stored state. A field whose values {@link ValueSets} knows (owners,
 * positions, flags, and locals and globals assigned computed values: most of them) is coded as
 * the index of its value among them; any other field (an open nesting depth, a field with too
 * many values) by its offset in its range. Each field gets just the bits its codes need, and the
 * fields are packed first-fit into 64-bit words, so a state of the dining philosophers takes
 * two bits per fork and per philosopher.
 */
final class Packing {
    final int fields;
    final int words;
    final int[] word;
    final int[] shift;
    final long[] mask;
    /** Decoded value of each code, or null for range-coded fields. */
    final int[][] values;
    final int[] low;
    /** Range-coded fields' highest value; an open field past it needs a wider layout. */
    final int[] high;
    final boolean[] open;
    private final int[][] codeOf;
    private final int[] codeBase;
    /**
     * The fields with bits, the only ones {@link #decode} reads (every other field holds one value,
     * copied from {@code constant}: the 7-thread kitchen sink has 66 such fields of 414, and
     * decoding them all took 157 of its 730 profile samples, now 7 of 626), each with its word, shift, mask, and
     * its value as {@code offset} plus its code, or else its code's entry in {@code table}.
     */
    private final int[] varying;
    private final int[] varyingWord;
    private final int[] varyingShift;
    private final long[] varyingMask;
    private final int[] varyingOffset;
    private final int[][] varyingTable;
    private final int[] constant;

    /** A value an open field cannot hold in this layout: the search restarts with it wider. */
    static final class Overflow extends RuntimeException {
        final int field;

        Overflow(int field) {
            super("field " + field + " overflows", null, false, false);
            this.field = field;
        }
    }

    Packing(TransitionSystem system, int[] openHigh) {
        List<Field> all = system.fields();
        this.fields = all.size();
        this.word = new int[fields];
        this.shift = new int[fields];
        this.mask = new long[fields];
        this.values = new int[fields][];
        this.low = new int[fields];
        this.high = new int[fields];
        this.open = new boolean[fields];
        this.codeOf = new int[fields][];
        this.codeBase = new int[fields];
        ValueSets sets = ValueSets.of(system);
        int[] bits = new int[fields];
        for (Field f : all) {
            int id = f.id();
            int[] set = sets.values(id);
            if (set != null) {
                values[id] = set;
                codeBase[id] = values[id][0];
                long span = (long) values[id][values[id].length - 1] - values[id][0];
                if (span < 1 << 20) {
                    codeOf[id] = new int[(int) span + 1];
                    Arrays.fill(codeOf[id], -1);
                    for (int c = 0; c < values[id].length; c++) codeOf[id][values[id][c] - codeBase[id]] = c;
                }
                bits[id] = bitsFor(values[id].length - 1L);
            } else {
                open[id] = f.open();
                low[id] = f.low();
                high[id] = f.open() ? Math.max(f.high(), openHigh[id]) : f.high();
                bits[id] = bitsFor((long) high[id] - low[id]);
            }
        }
        this.words = place(bits);
        this.constant = new int[fields];
        long[] zero = new long[words];
        for (int f = 0; f < fields; f++) constant[f] = get(zero, 0, f);
        this.varying = IntStream.range(0, fields).filter(f -> mask[f] != 0).toArray();
        int n = varying.length;
        this.varyingWord = new int[n];
        this.varyingShift = new int[n];
        this.varyingMask = new long[n];
        this.varyingOffset = new int[n];
        this.varyingTable = new int[n][];
        for (int i = 0; i < n; i++) {
            int f = varying[i];
            varyingWord[i] = word[f];
            varyingShift[i] = shift[f];
            varyingMask[i] = mask[f];
            varyingOffset[i] = values[f] != null ? values[f][0] : low[f];
            if (values[f] != null && !consecutive(values[f])) varyingTable[i] = values[f];
        }
    }

    private static boolean consecutive(int[] values) {
        for (int c = 0; c < values.length; c++) {
            if (values[c] != values[0] + c) return false;
        }
        return true;
    }

    private static int bitsFor(long maxCode) {
        return maxCode <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(maxCode);
    }

    /** First-fit decreasing: the widest fields first, each into the first word with room. */
    private int place(int[] bits) {
        Integer[] order = new Integer[fields];
        for (int i = 0; i < fields; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> bits[b] != bits[a] ? bits[b] - bits[a] : a - b);
        List<Integer> used = new ArrayList<>();
        for (int f : order) {
            int w = 0;
            while (w < used.size() && used.get(w) + bits[f] > 64) w++;
            if (w == used.size()) used.add(0);
            word[f] = w;
            shift[f] = used.get(w);
            mask[f] = bits[f] == 64 ? -1L : (1L << bits[f]) - 1;
            used.set(w, used.get(w) + bits[f]);
        }
        return Math.max(1, used.size());
    }

    boolean valueCoded(int field) {
        return values[field] != null;
    }

    int get(long[] state, int base, int field) {
        int code = (int) ((state[base + word[field]] >>> shift[field]) & mask[field]);
        int[] v = values[field];
        return v != null ? v[code] : low[field] + code;
    }

    /** The code of a value; {@link Overflow} for an open field the layout is too narrow for. */
    long code(int field, int value) {
        int[] v = values[field];
        if (v != null) {
            int[] table = codeOf[field];
            if (table != null) {
                long i = (long) value - codeBase[field];
                if (i >= 0 && i < table.length && table[(int) i] >= 0) return table[(int) i];
            } else {
                int c = Arrays.binarySearch(v, value);
                if (c >= 0) return c;
            }
            throw new IllegalStateException("field " + field + " cannot hold " + value);
        }
        if (value < low[field] || value > high[field]) {
            if (open[field]) throw new Overflow(field);
            throw new IllegalStateException("field " + field + " = " + value + " outside " + low[field] + ".." + high[field]);
        }
        return (long) value - low[field];
    }

    void set(long[] state, int base, int field, int value) {
        setCode(state, base, field, code(field, value));
    }

    void setCode(long[] state, int base, int field, long code) {
        int w = base + word[field];
        state[w] = (state[w] & ~(mask[field] << shift[field])) | (code << shift[field]);
    }

    void decode(long[] state, int base, int[] into) {
        System.arraycopy(constant, 0, into, 0, fields);
        for (int i = 0; i < varying.length; i++) {
            int code = (int) ((state[base + varyingWord[i]] >>> varyingShift[i]) & varyingMask[i]);
            int[] table = varyingTable[i];
            into[varying[i]] = table == null ? varyingOffset[i] + code : table[code];
        }
    }

    void encode(int[] values, long[] into, int base) {
        Arrays.fill(into, base, base + words, 0L);
        for (int f = 0; f < fields; f++) set(into, base, f, values[f]);
    }

    /** The open fields' highest values, doubled where {@code field} overflowed. */
    int[] widened(int field) {
        int[] h = high.clone();
        h[field] = high[field] < 255 ? 255 : high[field] < 65535 ? 65535 : Integer.MAX_VALUE - 1;
        return h;
    }
}
