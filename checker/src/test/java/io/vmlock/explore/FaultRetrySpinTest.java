package io.vmlock.explore;

import io.vmlock.testing.FaultRetryModels;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SPIN as the oracle for hooks, a user copy's value and fault retry, as {@link LanguageSpinTest} is for the rest. */
class FaultRetrySpinTest {
    static Stream<String> scenarios() {
        return Stream.of(
                // a proc defining an int hook gives 0; a copy's count of bytes left, faulting or not
                """
                mutex page_lock; mutex other;
                int handler(bool w);
                proc handler(bool w) { mutex_lock(other); mutex_unlock(other); }
                proc fault_in() { mutex_lock(page_lock); mutex_unlock(page_lock); }
                mapping buf { fault = fault_in(); }
                thread t[2] {
                    int(0..1) r = handler(true);
                    int(0..1) n = copy_from_user(buf);
                    if (n + r != 0) { mutex_lock(page_lock); mutex_lock(other); mutex_unlock(other); mutex_unlock(page_lock); }
                }
                """,
                // the retry protocol against a thread taking the page lock, then mmap_lock for write
                FaultRetryModels.RETRYING_HANDLER + """
                rwsem mmap_lock; mutex page_lock;
                current bool tried;
                proc do_fault() {
                    down_read(mmap_lock);
                    while (handler() / 1024 % 2 == 1) { current->tried = true; down_read(mmap_lock); }
                    up_read(mmap_lock);
                    if (current->tried) { current->tried = false; }
                }
                mapping buf { fault = do_fault(); }
                thread reader { copy_to_user(buf); copy_to_user(buf); }
                thread mapper { mutex_lock(page_lock); down_write(mmap_lock); up_write(mmap_lock); mutex_unlock(page_lock); }
                """,
                // the same handler sleeping under mmap_lock: a deadlock SPIN must find too
                """
                rwsem mmap_lock; mutex page_lock;
                int handler() { mutex_lock(page_lock); mutex_unlock(page_lock); return 0; }
                thread reader { down_read(mmap_lock); while (handler() / 1024 % 2 == 1) { down_read(mmap_lock); } up_read(mmap_lock); }
                thread mapper { mutex_lock(page_lock); down_write(mmap_lock); up_write(mmap_lock); mutex_unlock(page_lock); }
                """);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void spinStoresTheReferenceSearchsStates(String source, @TempDir Path dir) throws Exception {
        LanguageSpinTest.assertSpinAgrees(source, dir);
    }
}
