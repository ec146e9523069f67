package io.vmlock.importer;

import java.util.Arrays;
import java.util.Optional;

/**
 * lockdep's maps that stand for code the kernel runs from a library procedure: a link that takes
 * one under a lock is a call of that procedure, a link that holds one and takes a lock is part of
 * the code behind it (see ChainThreads). vmlock runs that code in the calling thread, and these
 * are the words and the call the skeleton uses for each.
 */
enum CodeMap {
    RECLAIM(LibraryNames.FS_RECLAIM, "reclaim in the allocating thread (direct reclaim)", "reclaim.") {
        @Override
        String enter(LockClass map) {
            return "    alloc(GFP_KERNEL);  // fs_reclaim: an allocation that may enter filesystem reclaim\n";
        }
    },
    MMU_NOTIFIER(LibraryNames.MMU_NOTIFIER_MAP, "the MMU notifiers' callbacks in the invalidating thread",
            "a callback.") {
        @Override
        String enter(LockClass map) {
            return "    mmu_notifier_invalidate_range_start();  // lockdep's " + map.name() + " map: an "
                    + "invalidation runs the registered notifiers' callbacks\n";
        }
    },
    CONSOLE(LibraryNames.CONSOLE_OWNER_MAP, "the console driver's write in the flushing thread",
            "the console driver's write.") {
        @Override
        String enter(LockClass map) {
            return "    console_unlock();  // lockdep's " + map.name() + " map: a console flush runs the console "
                    + "driver's ->write\n";
        }
    };

    private final String baseName;
    /** What vmlock runs where, for the note on a recursion through the map. */
    final String runs;
    /** Where a lock taken behind the map is taken, the end of that note. */
    final String inside;

    CodeMap(String baseName, String runs, String inside) {
        this.baseName = baseName;
        this.runs = runs;
        this.inside = inside;
    }

    /** The skeleton's line that enters the code the map stands for. */
    abstract String enter(LockClass map);

    static Optional<CodeMap> of(LockClass c) {
        return Arrays.stream(values()).filter(m -> m.baseName.equals(c.baseName())).findFirst();
    }

    boolean is(LockClass c) {
        return baseName.equals(c.baseName());
    }
}
