package io.vmlock.explore;

import io.vmlock.ir.IrProgram;
import java.util.Arrays;

/**
 * Encodes states as bytes for the visited set: every number as a zigzag varint, so the small
 * numbers states are made of take one byte each. The layout is fixed by the program, so the
 * encoding is canonical: equal states, equal bytes.
 */
final class StateCodec {
    private final IrProgram program;
    private final Layout layout;
    private byte[] buffer = new byte[256];
    private int length;

    StateCodec(IrProgram program, Layout layout) {
        this.program = program;
        this.layout = layout;
    }

    byte[] encode(State s) {
        length = 0;
        for (int v : s.globals) put(v);
        for (int v : s.objects) put(v);
        for (ThreadState t : s.threads) {
            put(t.status);
            put(t.irqDisabled ? 1 : 0);
            put(t.irqSaveDepth);
            put(t.irqSaveBits);
            put(t.bhDepth);
            put(t.nofsDepth);
            put(t.noioDepth);
            put(t.noreclaimDepth);
            put(t.pagefaultDepth);
            for (int v : t.current) put(v);
            put(t.frames.length);
            for (Frame f : t.frames) {
                put(f.proc);
                put(f.pc);
                put(f.kind);
                for (int v : f.locals) put(v);
            }
        }
        return Arrays.copyOf(buffer, length);
    }

    private void put(int value) {
        if (length + 5 > buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
        int v = (value << 1) ^ (value >> 31);
        while ((v & ~0x7f) != 0) {
            buffer[length++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buffer[length++] = (byte) v;
    }

    State decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        int[] globals = new int[program.globalSlotCount()];
        for (int i = 0; i < globals.length; i++) globals[i] = in.next();
        int[] objects = new int[layout.objectWords];
        for (int i = 0; i < objects.length; i++) objects[i] = in.next();
        ThreadState[] threads = new ThreadState[layout.threads];
        for (int i = 0; i < threads.length; i++) threads[i] = thread(in);
        return new State(globals, objects, threads);
    }

    private ThreadState thread(Reader in) {
        ThreadState t = new ThreadState(null, new int[program.perThreadSlotCount()]);
        t.status = in.next();
        t.irqDisabled = in.next() != 0;
        t.irqSaveDepth = in.next();
        t.irqSaveBits = in.next();
        t.bhDepth = in.next();
        t.nofsDepth = in.next();
        t.noioDepth = in.next();
        t.noreclaimDepth = in.next();
        t.pagefaultDepth = in.next();
        for (int i = 0; i < t.current.length; i++) t.current[i] = in.next();
        t.frames = new Frame[in.next()];
        for (int i = 0; i < t.frames.length; i++) {
            int proc = in.next();
            int pc = in.next();
            int kind = in.next();
            int[] locals = new int[program.procedure(proc).frameSize()];
            for (int j = 0; j < locals.length; j++) locals[j] = in.next();
            t.frames[i] = new Frame(proc, pc, kind, locals);
        }
        return t;
    }

    private static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int next() {
            int v = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[pos++];
                v |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return (v >>> 1) ^ -(v & 1);
        }
    }
}
