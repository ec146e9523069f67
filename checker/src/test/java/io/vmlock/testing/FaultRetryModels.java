package io.vmlock.testing;

/** Pieces of fault-retry scenarios shared by the search, graph-walk and SPIN tests. */
public final class FaultRetryModels {
    private FaultRetryModels() {
    }

    /**
     * do_user_addr_fault() in small: mmap_lock for read around the handler, retried with TRIED
     * set while it returns VM_FAULT_RETRY (1024). The scenario adds {@code int handler()}.
     */
    public static final String FAULTING_THREAD = """
            rwsem mmap_lock; mutex page_lock;
            current bool tried;
            thread fault {
                down_read(mmap_lock);
                while (handler() / 1024 % 2 == 1) { current->tried = true; down_read(mmap_lock); }
                up_read(mmap_lock);
            }
            """;

    /**
     * lock_folio_maybe_drop_mmap() in small: take the page lock if free; on a second try sleep on
     * it under mmap_lock; on the first, release mmap_lock before sleeping, then ask for a retry.
     * Needs {@code rwsem mmap_lock; mutex page_lock; current bool tried;}.
     */
    public static final String RETRYING_HANDLER = """
            int handler() {
                if (mutex_trylock(page_lock)) { mutex_unlock(page_lock); return 0; }
                if (current->tried) { mutex_lock(page_lock); mutex_unlock(page_lock); return 0; }
                up_read(mmap_lock); mutex_lock(page_lock); mutex_unlock(page_lock);
                return 1024;
            }
            """;
}
