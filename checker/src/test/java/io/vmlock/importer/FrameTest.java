package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stack line is a frame only as the kernel prints one: an offset, a source position, or an address. */
class FrameTest {
    private static Optional<String> function(String line) {
        return Frame.of(line).map(Frame::function);
    }

    @Test
    void framesAsTheKernelPrintsThem() {
        assertEquals(Optional.of("mutex_lock_nested"), function(" mutex_lock_nested+0x1c/0x40"));
        assertEquals(Optional.of("jbd2_log_wait_commit"), function("jbd2_log_wait_commit+0x1c/0x40 [jbd2]"));
        assertEquals(Optional.of("down_write"), function("? down_write+0x1c/0x40"));
        assertEquals(Optional.of("inode_lock"), function("inode_lock include/linux/fs.h:804 [inline]"));
        // old kernels: the address first, then the function, with or without its offset
        assertEquals(Optional.of("schedule"), function("[<ffffffff8106d9a1>] schedule"));
        assertEquals(Optional.of("ext4_writepages"), function("[<ffffffffa0123456>] ext4_writepages [ext4]"));
    }

    @Test
    void proseIsNoFrame() {
        assertEquals(Optional.empty(), function("schedule"));
        assertEquals(Optional.empty(), function("the lock is held"));
        assertEquals(Optional.empty(), function("mutex_lock+0x1c/0x40 was called here"));
        assertEquals(Optional.empty(), function("[<ffffffff8106d9a1>]"));
    }
}
