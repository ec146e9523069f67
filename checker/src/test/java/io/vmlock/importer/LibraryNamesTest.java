package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The importer's names agree with models/README.md's lock-name table (model name | kernel lock |
 * lockdep class | model file | ...), the one place the library states them: each LibraryNames
 * lock is a row, and each row of a model the importer imports is a LibraryNames lock.
 */
class LibraryNamesTest {
    /** A row: `model name` | kernel lock | `lockdep class` | model file | where the name comes from. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| [^|]+ \\| `([^`]+)`[^|]* \\| (linux/[\\w-]+) \\|.*$");

    record Row(String modelName, String lockdepClass, String model) {
    }

    static List<Row> table() throws Exception {
        Path readme = TestFiles.repoRoot().resolve("models/README.md");
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(readme)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) rows.add(new Row(m.group(1), m.group(2), m.group(3)));
        }
        assertTrue(rows.size() >= 10, "the lock-name table was not found in " + readme);
        return rows;
    }

    /** Each library lock, and each class the library has per instance, is a row of the table. */
    @Test
    void everyLibraryLockIsARowOfTheTable() throws Exception {
        Set<Row> rows = Set.copyOf(table());
        List<Row> named = new ArrayList<>();
        LibraryNames.LOCKS.forEach(l -> named.add(new Row(l.modelName(), l.lockdepName(), l.model())));
        LibraryNames.PER_INSTANCE.forEach(l -> named.add(new Row(l.modelName(), l.lockdepName(), l.model())));
        for (Row row : named) {
            assertTrue(rows.contains(row), row + " is not in models/README.md's lock-name table");
        }
    }

    @Test
    void aPerInstanceClassFindsItsArrayWhateverItsNumber() {
        LockClass umount = new LockClass("&type->s_umount_key#48", "++++", java.util.Optional.empty());
        LockClass dirIlock = new LockClass("&xfs_dir_ilock_class", "++++", java.util.Optional.empty());
        LockClass other = new LockClass("&c->gc_lock", "++++", java.util.Optional.empty());
        assertEquals("s_umount[sb]", LibraryNames.perInstance(umount).orElseThrow().modelName());
        assertEquals("linux/xfs", LibraryNames.perInstance(dirIlock).orElseThrow().model());
        LockClass ipAllocSem = new LockClass("&ocfs2_file_ip_alloc_sem_key", "++++", java.util.Optional.empty());
        assertEquals("ip_alloc_sem_of[inode]", LibraryNames.perInstance(ipAllocSem).orElseThrow().modelName());
        LockClass snapshotCreate = new LockClass("&c->snapshot_create_lock", "++++", java.util.Optional.empty());
        assertEquals("snapshot_create_lock_of[sb]", LibraryNames.perInstance(snapshotCreate).orElseThrow().modelName());
        assertEquals("linux/bcachefs", LibraryNames.perInstance(snapshotCreate).orElseThrow().model());
        // 5.x's pipe_lock() printed the I_MUTEX_PARENT subclass; the array is the same
        LockClass pipeMutex = new LockClass("&pipe->mutex/1", "+.+.", java.util.Optional.empty());
        assertEquals("pipe_mutex_of[pipe]", LibraryNames.perInstance(pipeMutex).orElseThrow().modelName());
        LockClass ovlInode = new LockClass("&ovl_i_mutex_key[depth]", "+.+.", java.util.Optional.empty());
        assertEquals("i_rwsem_of[inode]", LibraryNames.perInstance(ovlInode).orElseThrow().modelName());
        assertEquals("linux/overlayfs", LibraryNames.perInstance(ovlInode).orElseThrow().model());
        // corpus 115: IMA's integrity cache mutex, per inode
        LockClass iintMutex = new LockClass("&iint->mutex", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("iint_mutex_of[inode]", LibraryNames.perInstance(iintMutex).orElseThrow().modelName());
        assertEquals("linux/ima", LibraryNames.perInstance(iintMutex).orElseThrow().model());
        LockClass extentsLock = new LockClass("&HFSPLUS_I(inode)->extents_lock", "+.+.", java.util.Optional.empty());
        assertEquals("hfsplus_extents_lock_of[inode]", LibraryNames.perInstance(extentsLock).orElseThrow().modelName());
        // corpus 58: f2fs's checkpoint rwsem, per filesystem
        LockClass cpRwsem = new LockClass("&sbi->cp_rwsem", "++++", java.util.Optional.of("3:3"));
        assertEquals("f2fs_cp_rwsem_of[sb]", LibraryNames.perInstance(cpRwsem).orElseThrow().modelName());
        assertEquals("linux/f2fs", LibraryNames.perInstance(cpRwsem).orElseThrow().model());
        LockClass quotaSem = new LockClass("&sbi->quota_sem", ".+.+", java.util.Optional.of("3:3"));
        assertEquals("f2fs_quota_sem_of[sb]", LibraryNames.perInstance(quotaSem).orElseThrow().modelName());
        LockClass reiserfsLock = new LockClass("&REISERFS_SB(s)->lock", "+.+.+.", java.util.Optional.empty());
        assertEquals("reiserfs_lock_of[sb]", LibraryNames.perInstance(reiserfsLock).orElseThrow().modelName());
        assertEquals("linux/reiserfs", LibraryNames.perInstance(reiserfsLock).orElseThrow().model());
        LockClass inotifyMutex = new LockClass("&inode->inotify_mutex", "+.+.?.", java.util.Optional.empty());
        assertEquals("inotify_mutex_of[inode]", LibraryNames.perInstance(inotifyMutex).orElseThrow().modelName());
        assertEquals("linux/inotify", LibraryNames.perInstance(inotifyMutex).orElseThrow().model());
        // corpus 75: a zram device's init_lock (an rwsem), one class for every device
        LockClass zramInit = new LockClass("&zram->init_lock", "+++++-", java.util.Optional.empty());
        assertEquals("zram_init_lock_of[disk]", LibraryNames.perInstance(zramInit).orElseThrow().modelName());
        assertEquals("linux/zram", LibraryNames.perInstance(zramInit).orElseThrow().model());
        // corpus 79: a process's cred_guard_mutex and 5.7's exec_update_mutex; the seq_file's &p->lock
        // is no array (bcachefs's rcu_pending lock prints the same name, corpus 27)
        LockClass credGuard = new LockClass("&sig->cred_guard_mutex", "+.+.", java.util.Optional.empty());
        assertEquals("cred_guard_mutex_of[task]", LibraryNames.perInstance(credGuard).orElseThrow().modelName());
        assertEquals("linux/exec", LibraryNames.perInstance(credGuard).orElseThrow().model());
        LockClass execUpdate = new LockClass("&sig->exec_update_mutex", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("exec_update_mutex_of[task]", LibraryNames.perInstance(execUpdate).orElseThrow().modelName());
        LockClass seqLock = new LockClass("&p->lock", "+.+.", java.util.Optional.empty());
        assertTrue(LibraryNames.perInstance(seqLock).isEmpty());
        // fs/hfs's B-trees print the same name as hfsplus's: a report on either is told of no array
        LockClass treeLock = new LockClass("&tree->tree_lock", "+.+.", java.util.Optional.empty());
        assertTrue(LibraryNames.perInstance(treeLock).isEmpty());
        // corpus 88: classic HFS's extents_lock, a B-tree's file's (its own class) and another file's
        LockClass btreeExtents = new LockClass("&HFS_I(tree->inode)->extents_lock", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("hfs_extents_lock_of[inode]", LibraryNames.perInstance(btreeExtents).orElseThrow().modelName());
        assertEquals("linux/hfs", LibraryNames.perInstance(btreeExtents).orElseThrow().model());
        LockClass fileExtents = new LockClass("&HFS_I(inode)->extents_lock#2", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("hfs_extents_lock_of[inode]", LibraryNames.perInstance(fileExtents).orElseThrow().modelName());
        // corpus 50: an md array's open_mutex is keyed by its gendisk, as the disk's own
        LockClass diskOpen = new LockClass("&disk->open_mutex", "+.+.", java.util.Optional.empty());
        LockClass mddevOpen = new LockClass("&mddev->open_mutex", "+.+.", java.util.Optional.empty());
        assertEquals("disk_open_mutex_of[disk]", LibraryNames.perInstance(diskOpen).orElseThrow().modelName());
        assertEquals("linux/bdev", LibraryNames.perInstance(diskOpen).orElseThrow().model());
        assertEquals("mddev_open_mutex_of[disk]", LibraryNames.perInstance(mddevOpen).orElseThrow().modelName());
        assertEquals("linux/md", LibraryNames.perInstance(mddevOpen).orElseThrow().model());
        // corpus 61: JFS's per-inode locks (lockdep numbered the rdwrlock's class #3) and its log lock
        LockClass rdwrlock = new LockClass("&jfs_ip->rdwrlock#3", "++++", java.util.Optional.of("4:4"));
        assertEquals("jfs_rdwrlock_of[inode]", LibraryNames.perInstance(rdwrlock).orElseThrow().modelName());
        assertEquals("linux/jfs", LibraryNames.perInstance(rdwrlock).orElseThrow().model());
        LockClass commitMutex = new LockClass("&jfs_ip->commit_mutex", "+.+.", java.util.Optional.of("4:4"));
        assertEquals("jfs_commit_mutex_of[inode]", LibraryNames.perInstance(commitMutex).orElseThrow().modelName());
        LockClass loglock = new LockClass("&(log)->loglock", "+.+.", java.util.Optional.of("4:4"));
        assertEquals("jfs_loglock_of[sb]", LibraryNames.perInstance(loglock).orElseThrow().modelName());
        // corpus 63: a dma-buf's reservation, one class for every buffer and GEM object
        LockClass resv = new LockClass("reservation_ww_class_mutex", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("dma_resv_of[dmabuf]", LibraryNames.perInstance(resv).orElseThrow().modelName());
        assertEquals("linux/dma-buf", LibraryNames.perInstance(resv).orElseThrow().model());
        // corpus 65: an epoll instance's mutex and an io_uring instance's uring_lock
        LockClass epMtx = new LockClass("&ep->mtx", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("ep_mtx_of[ep]", LibraryNames.perInstance(epMtx).orElseThrow().modelName());
        assertEquals("linux/eventpoll", LibraryNames.perInstance(epMtx).orElseThrow().model());
        LockClass uringLock = new LockClass("&ctx->uring_lock", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("uring_lock_of[ring]", LibraryNames.perInstance(uringLock).orElseThrow().modelName());
        assertEquals("linux/io_uring", LibraryNames.perInstance(uringLock).orElseThrow().model());
        // corpus 103: an SQPOLL ring's io_sq_data mutex
        LockClass sqdLock = new LockClass("&sqd->lock", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("sqd_lock_of[ring]", LibraryNames.perInstance(sqdLock).orElseThrow().modelName());
        assertEquals("linux/io_uring", LibraryNames.perInstance(sqdLock).orElseThrow().model());
        // a JFFS2 filesystem's alloc_sem and erase_completion_lock (3.0's spinlock class name, 226bb7df3d22's report)
        LockClass allocSem = new LockClass("&c->alloc_sem", "+.+.+.", java.util.Optional.empty());
        assertEquals("jffs2_alloc_sem_of[sb]", LibraryNames.perInstance(allocSem).orElseThrow().modelName());
        LockClass eraseLock = new LockClass("&(&c->erase_completion_lock)->rlock", "+.+...",
                java.util.Optional.empty());
        assertEquals("jffs2_erase_completion_lock_of[sb]", LibraryNames.perInstance(eraseLock).orElseThrow().modelName());
        assertEquals("linux/jffs2", LibraryNames.perInstance(eraseLock).orElseThrow().model());
        // corpus 66: btrfs's quota leaf (level 0 only: a node's class is btrfs-quota-01, no array) and rescan mutex
        LockClass quotaLeaf = new LockClass("btrfs-quota-00", "++++", java.util.Optional.of("3:3"));
        assertEquals("btrfs_quota_leaf_of[sb]", LibraryNames.perInstance(quotaLeaf).orElseThrow().modelName());
        assertEquals("linux/btrfs", LibraryNames.perInstance(quotaLeaf).orElseThrow().model());
        LockClass rescanLock = new LockClass("&fs_info->qgroup_rescan_lock", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("btrfs_qgroup_rescan_lock_of[sb]", LibraryNames.perInstance(rescanLock).orElseThrow().modelName());
        assertTrue(LibraryNames.perInstance(new LockClass("btrfs-quota-01", "++++", java.util.Optional.empty())).isEmpty());
        // corpus 67: videobuf2's q->mmap_lock maps; a driver's "&dev->mutex" (also the driver core's) does not
        LockClass vb2MmapLock = new LockClass("&q->mmap_lock", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("vb2_mmap_lock_of[vdev]", LibraryNames.perInstance(vb2MmapLock).orElseThrow().modelName());
        assertEquals("linux/v4l2", LibraryNames.perInstance(vb2MmapLock).orElseThrow().model());
        assertTrue(LibraryNames.perInstance(new LockClass("&dev->mutex#3", "+.+.+.", java.util.Optional.empty())).isEmpty());
        // corpus 74: an ALSA PCM runtime's buffer mutex and OSS parameter mutex, per substream
        LockClass bufferMutex = new LockClass("&runtime->buffer_mutex", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("pcm_buffer_mutex_of[pcm]", LibraryNames.perInstance(bufferMutex).orElseThrow().modelName());
        assertEquals("linux/alsa-pcm", LibraryNames.perInstance(bufferMutex).orElseThrow().model());
        LockClass paramsLock = new LockClass("&runtime->oss.params_lock", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("pcm_oss_params_lock_of[pcm]", LibraryNames.perInstance(paramsLock).orElseThrow().modelName());
        // corpus 77: a CPU's perf context mutex and a tracing CPU buffer's mapping lock, per CPU;
        // pmus_lock is one lock of linux/perf; the ring buffer's "&buffer->mutex" (also configfs's) does not map
        LockClass cpuctxMutex = new LockClass("&cpuctx_mutex", "+.+.", java.util.Optional.of("4:4"));
        assertEquals("perf_cpuctx_mutex_of[cpu]", LibraryNames.perInstance(cpuctxMutex).orElseThrow().modelName());
        assertEquals("linux/perf", LibraryNames.perInstance(cpuctxMutex).orElseThrow().model());
        LockClass mappingLock = new LockClass("&cpu_buffer->mapping_lock", "+.+.", java.util.Optional.of("4:4"));
        assertEquals("rb_mapping_lock_of[cpu]", LibraryNames.perInstance(mappingLock).orElseThrow().modelName());
        assertEquals("linux/ring-buffer", LibraryNames.perInstance(mappingLock).orElseThrow().model());
        LockClass pmusLock = new LockClass("pmus_lock", "+.+.", java.util.Optional.of("4:4"));
        assertEquals("linux/perf", LibraryNames.lock(pmusLock).orElseThrow().model());
        LockClass ringBufferMutex = new LockClass("&buffer->mutex", "+.+.", java.util.Optional.of("4:4"));
        assertTrue(LibraryNames.perInstance(ringBufferMutex).isEmpty());
        assertTrue(LibraryNames.lock(ringBufferMutex).isEmpty());
        // corpus 68: a superblock's rename mutex, under 6.x's class name and 2.6.31's (one class
        // for every superblock then, named by mutex_init()), which OTHER_NAMES maps
        LockClass renameKey = new LockClass("&type->s_vfs_rename_key#5", "+.+.", java.util.Optional.of("4:4"));
        assertEquals("s_vfs_rename_mutex[sb]", LibraryNames.perInstance(renameKey).orElseThrow().modelName());
        LockClass renameMutex = new LockClass("&s->s_vfs_rename_mutex", "+.+.+.", java.util.Optional.empty());
        assertEquals("s_vfs_rename_mutex[sb]", LibraryNames.perInstance(renameMutex).orElseThrow().modelName());
        assertEquals("linux/namei", LibraryNames.perInstance(renameMutex).orElseThrow().model());
        assertTrue(LibraryNames.lock(renameMutex).isEmpty());
        // corpus 76: a shmem inode's info->lock maps; the i_pages xa_lock's class names every xarray's lock
        LockClass infoLock = new LockClass("&info->lock", "....", java.util.Optional.of("2:2"));
        assertEquals("shmem_info_lock_of[inode]", LibraryNames.perInstance(infoLock).orElseThrow().modelName());
        assertEquals("linux/shmem", LibraryNames.perInstance(infoLock).orElseThrow().model());
        assertTrue(LibraryNames.perInstance(new LockClass("&xa->xa_lock#4", "..-.", java.util.Optional.of("2:2"))).isEmpty());
        assertTrue(LibraryNames.lock(new LockClass("&xa->xa_lock#4", "..-.", java.util.Optional.of("2:2"))).isEmpty());
        // 5.x's block device mutex before a8698707a183 "block: move bd_mutex to struct gendisk": no array
        assertTrue(LibraryNames.perInstance(new LockClass("&bdev->bd_mutex", "+.+.", java.util.Optional.empty())).isEmpty());
        assertTrue(LibraryNames.perInstance(other).isEmpty());
        // one lock in the library is no per-instance array, and the other way round
        assertTrue(LibraryNames.lock(umount).isEmpty());
        assertTrue(LibraryNames.perInstance(new LockClass("sb_internal", ".+.+", java.util.Optional.empty())).isEmpty());
    }

    /**
     * Library locks whose lockdep class name other drivers print for their own locks (a struct's
     * field named alike): the importer leaves them unmapped, rather than take another driver's
     * lock for the library's. A kernfs node's active map prints kn->active#N for every attribute
     * (linux/memory-block's row is the memory block's state file).
     */
    private static final Set<String> NAMES_OF_MANY_DRIVERS = Set.of("&cmd->lock", "&clp->cl_lock", "&iommu->lock",
            "&vdev->igate", "kn->active#N");

    @Test
    void everyRowOfAnImportedModelIsALibraryLock() throws Exception {
        Set<String> imported = LibraryNames.LOCKS.stream().map(LibraryNames.ModelLock::model)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> expected = new TreeMap<>();
        for (Row r : table()) {
            // page_lock[page] is a bit lock (no lockdep class); *_of[inode] are per-instance arrays
            boolean oneLock = r.modelName().matches("\\w+") && !r.lockdepClass().startsWith("none")
                    && !NAMES_OF_MANY_DRIVERS.contains(r.lockdepClass());
            if (imported.contains(r.model()) && oneLock) expected.put(r.lockdepClass(), r.modelName());
        }
        Map<String, String> actual = new TreeMap<>();
        LibraryNames.LOCKS.forEach(l -> actual.put(l.lockdepName(), l.modelName()));
        assertEquals(expected, actual);
    }

    @Test
    void otherNamesStandForClassesOfTheTable() throws Exception {
        Set<String> classes = table().stream().map(Row::lockdepClass).collect(Collectors.toSet());
        LibraryNames.OTHER_NAMES.forEach((other, name) -> {
            assertTrue(classes.contains(name), other + " stands for " + name + ", which the table lacks");
            assertTrue(!classes.contains(other), other + " is in the table itself");
        });
    }

    /** Corpus 76's global classes (5.6) are linux/shmem's spinlocks. */
    @Test
    void theShmLockClassesFindShmem() {
        LibraryNames.ModelLock user = LibraryNames.lock(
                new LockClass("shmlock_user_lock", "+.+.", java.util.Optional.of("2:2"))).orElseThrow();
        assertEquals("shmlock_user_lock", user.modelName());
        assertEquals("linux/shmem", user.model());
        assertEquals(LockKind.SPINLOCK, user.kind());
        LibraryNames.ModelLock lru = LibraryNames.lock(
                new LockClass("&pgdat->lru_lock", "....", java.util.Optional.of("2:2"))).orElseThrow();
        assertEquals("pgdat_lru_lock", lru.modelName());
        assertEquals("linux/shmem", lru.model());
    }

    /**
     * Corpus 89's 4.13 classes: a percpu rwsem printed with its embedded rw_sem's name is linux/cpuhp's
     * cpu_hotplug_lock, taken by its procedures; memcg's and the microcode loader's mutexes are library locks.
     */
    @Test
    void theOldPercpuRwsemNameFindsCpuHotplugLock() {
        assertOneLock("cpu_hotplug_lock.rw_sem", "linux/cpuhp", "cpu_hotplug_lock", LockKind.PERCPU_RWSEM);
        LockClass hotplug = new LockClass("cpu_hotplug_lock.rw_sem", "++++++", java.util.Optional.empty());
        assertEquals("cpus_read_lock();", LibraryNames.lock(hotplug).orElseThrow().lockShared());
        assertOneLock("percpu_charge_mutex", "linux/memcg", "percpu_charge_mutex", LockKind.MUTEX);
        assertOneLock("microcode_mutex", "linux/microcode", "microcode_mutex", LockKind.MUTEX);
        assertOneLock("oom_lock", "linux/memcg-oom", "oom_lock", LockKind.MUTEX);
    }

    /**
     * Corpus 108's 5.5 classes: mem_hotplug_lock printed with its embedded rw_sem's name is
     * linux/memory-hotplug's percpu rwsem; a kernfs node's active reference (kn->count#N) is no
     * library lock: every attribute has its own class.
     */
    @Test
    void theOldPercpuRwsemNameFindsMemHotplugLock() {
        assertOneLock("mem_hotplug_lock.rw_sem", "linux/memory-hotplug", "mem_hotplug_lock", LockKind.PERCPU_RWSEM);
        assertTrue(LibraryNames.lock(new LockClass("kn->count#241", "++++", java.util.Optional.empty())).isEmpty());
    }

    /** Corpus 40's classes (2.6.36's six-state usage) are linux/memory-hotplug's locks, of its kinds. */
    @Test
    void theMemoryNotifierClassesFindMemoryHotplug() {
        LockClass chain = new LockClass("(memory_chain).rwsem", ".+.+.+", java.util.Optional.empty());
        LockClass ksm = new LockClass("ksm_thread_mutex", "+.+.+.", java.util.Optional.empty());
        LibraryNames.ModelLock chainLock = LibraryNames.lock(chain).orElseThrow();
        assertEquals("memory_chain_rwsem", chainLock.modelName());
        assertEquals("linux/memory-hotplug", chainLock.model());
        assertEquals(LockKind.RWSEM, chainLock.kind());
        assertEquals(LockKind.MUTEX, LibraryNames.lock(ksm).orElseThrow().kind());
        assertTrue(LibraryNames.perInstance(chain).isEmpty());
    }

    /**
     * Corpus 57's userfaultfd wait-queue classes are linux/userfaultfd's spinlocks; aio's
     * ctx_lock (linux/aio, which the importer does not import) is not a library lock.
     */
    @Test
    void theUserfaultfdWaitQueueClassesFindUserfaultfd() {
        LockClass fdWqh = new LockClass("&ctx->fd_wqh", "....", java.util.Optional.empty());
        LockClass pending = new LockClass("&ctx->fault_pending_wqh", "+.+.", java.util.Optional.empty());
        assertEquals("uffd_fd_wqh_lock", LibraryNames.lock(fdWqh).orElseThrow().modelName());
        assertEquals("linux/userfaultfd", LibraryNames.lock(pending).orElseThrow().model());
        assertEquals(LockKind.SPINLOCK, LibraryNames.lock(pending).orElseThrow().kind());
        assertTrue(LibraryNames.lock(new LockClass("&(&ctx->ctx_lock)->rlock", "..-.", java.util.Optional.empty())).isEmpty());
    }

    /** Corpus 49's cpu_hotplug_lock is linux/cpuhp's, taken through cpus_read_lock() / cpus_write_lock(). */
    @Test
    void theCpuHotplugClassesFindCpuhp() {
        LockClass hotplug = new LockClass("cpu_hotplug_lock", "++++", java.util.Optional.of("0:0"));
        LibraryNames.ModelLock lock = LibraryNames.lock(hotplug).orElseThrow();
        assertEquals("linux/cpuhp", lock.model());
        assertEquals(LockKind.PERCPU_RWSEM, lock.kind());
        assertEquals("cpus_read_lock();", lock.lockShared());
        assertEquals("cpus_write_unlock();", lock.unlock());
        LockClass maps = new LockClass("cpu_add_remove_lock", "+.+.", java.util.Optional.of("4:4"));
        assertEquals("cpu_maps_update_begin();", LibraryNames.lock(maps).orElseThrow().lock());
        assertEquals(LockKind.MUTEX, LibraryNames.lock(maps).orElseThrow().kind());
    }

    /** Corpus 59's slab_mutex (and the jump label mutex beside it) are linux/slab's global mutexes. */
    @Test
    void theSlabMutexFindsSlab() {
        assertOneLock("slab_mutex", "linux/slab", "slab_mutex", LockKind.MUTEX);
        LockClass jump = new LockClass("jump_label_mutex", "+.+.", java.util.Optional.empty());
        assertEquals("linux/slab", LibraryNames.lock(jump).orElseThrow().model());
    }

    /** A report's class that the library declares once (a global lock, no per-instance array), by that model's name and kind. */
    private static void assertOneLock(String lockdepName, String model, String modelName, LockKind kind) {
        LockClass c = new LockClass(lockdepName, "+.+.", java.util.Optional.empty());
        LibraryNames.ModelLock lock = LibraryNames.lock(c).orElseThrow();
        assertEquals(model, lock.model());
        assertEquals(modelName, lock.modelName());
        assertEquals(kind, lock.kind());
        assertTrue(LibraryNames.perInstance(c).isEmpty());
    }

    /** A report's class that the library declares per instance (an array over a set), by its array and model. */
    private static void assertInstanceLock(String lockdepName, String model, String modelName) {
        LockClass c = new LockClass(lockdepName, "+.+.", java.util.Optional.empty());
        LibraryNames.InstanceLock lock = LibraryNames.perInstance(c).orElseThrow();
        assertEquals(model, lock.model());
        assertEquals(modelName, lock.modelName());
        assertTrue(LibraryNames.lock(c).isEmpty());
    }

    /** Corpus 70's cgroup_mutex, cgroup_threadgroup_rwsem and &cpuset_rwsem are linux/cgroup's global locks. */
    @Test
    void theCgroupAndCpusetClassesFindCgroup() {
        assertOneLock("&cpuset_rwsem", "linux/cgroup", "cpuset_rwsem", LockKind.PERCPU_RWSEM);
        assertOneLock("cgroup_threadgroup_rwsem", "linux/cgroup", "cgroup_threadgroup_rwsem", LockKind.PERCPU_RWSEM);
        assertOneLock("cgroup_mutex", "linux/cgroup", "cgroup_mutex", LockKind.MUTEX);
    }

    /** Corpus 60's &clnt->lock (and the fd connection's &m->req_lock) are linux/9p's spinlocks, one client. */
    @Test
    void theNinePClientLockFindsNineP() {
        assertOneLock("&clnt->lock", "linux/9p", "p9_client_lock", LockKind.SPINLOCK);
        LockClass req = new LockClass("&m->req_lock", "+.+.", java.util.Optional.empty());
        assertEquals("p9_conn_req_lock", LibraryNames.lock(req).orElseThrow().modelName());
    }

    /**
     * Corpus 80's k-sk_lock-AF_INET6 is linux/sock's socket lock, one per socket; nbd's connection
     * and config mutexes and RDS's accept mutex are one lock each; nbd's "&cmd->lock" is not mapped.
     */
    @Test
    void theKernelSocketLockFindsSockAndTheNbdAndRdsMutexesTheirModels() {
        LockClass sk = new LockClass("k-sk_lock-AF_INET6", "+.+.", java.util.Optional.of("0:0"));
        assertEquals("sk_lock_of[sock]", LibraryNames.perInstance(sk).orElseThrow().modelName());
        assertEquals("linux/sock", LibraryNames.perInstance(sk).orElseThrow().model());
        assertTrue(LibraryNames.lock(sk).isEmpty());
        assertOneLock("&nsock->tx_lock", "linux/nbd", "nbd_tx_lock", LockKind.MUTEX);
        // a name any driver's command struct prints: not taken for nbd's
        LockClass cmd = new LockClass("&cmd->lock", "+.+.", java.util.Optional.empty());
        assertTrue(LibraryNames.lock(cmd).isEmpty());
        assertTrue(LibraryNames.perInstance(cmd).isEmpty());
        assertOneLock("&nbd->config_lock", "linux/nbd", "nbd_config_lock", LockKind.MUTEX);
        assertOneLock("&rtn->rds_tcp_accept_lock", "linux/rds", "rds_tcp_accept_lock", LockKind.MUTEX);
    }

    /** Corpus 69's sk_lock-AF_INET-NVME is linux/nvme-tcp's socket lock, one per socket; the send mutex one. */
    @Test
    void theNvmeTcpSocketLockFindsNvmeTcp() {
        LockClass sk = new LockClass("sk_lock-AF_INET-NVME", "+.+.", java.util.Optional.of("0:0"));
        assertEquals("nvme_tcp_sk_lock_of[sock]", LibraryNames.perInstance(sk).orElseThrow().modelName());
        assertEquals("linux/nvme-tcp", LibraryNames.perInstance(sk).orElseThrow().model());
        assertTrue(LibraryNames.lock(sk).isEmpty());
        LockClass send = new LockClass("&queue->send_mutex", "+.+.", java.util.Optional.empty());
        assertEquals("nvme_tcp_send_mutex", LibraryNames.lock(send).orElseThrow().modelName());
        assertEquals(LockKind.MUTEX, LibraryNames.lock(send).orElseThrow().kind());
    }

    /**
     * Corpus 112's sk_lock-AF_UNIX is linux/sock's socket lock and &u->iolock linux/af-unix's I/O
     * mutex, one each per socket; neither is one lock of the library.
     */
    @Test
    void theUnixSocketClassesFindSockAndAfUnix() {
        assertInstanceLock("sk_lock-AF_UNIX", "linux/sock", "sk_lock_of[sock]");
        assertInstanceLock("&u->iolock", "linux/af-unix", "unix_iolock_of[sock]");
        LockClass io = new LockClass("&u->iolock", "+.+.", java.util.Optional.of("3:3"));
        assertTrue(LibraryNames.lock(io).isEmpty());
    }

    /**
     * Corpus 73's delayed_uprobe_lock (kernel/events/uprobes.c DEFINE_MUTEX) is linux/uprobes's mutex,
     * and so is the one bucket of uprobes_mmap_mutex[] the model has.
     */
    @Test
    void theUprobesMutexesFindUprobes() {
        assertOneLock("delayed_uprobe_lock", "linux/uprobes", "delayed_uprobe_lock", LockKind.MUTEX);
        assertOneLock("&uprobes_mmap_mutex[i]", "linux/uprobes", "uprobes_mmap_mutex", LockKind.MUTEX);
    }

    /** Corpus 84's &tty->termios_rwsem and &ldata->atomic_read_lock are linux/tty's locks, one terminal. */
    @Test
    void theTtyClassesFindTty() {
        assertOneLock("&tty->termios_rwsem", "linux/tty", "tty_termios_rwsem", LockKind.RWSEM);
        assertOneLock("&ldata->atomic_read_lock", "linux/tty", "n_tty_atomic_read_lock", LockKind.MUTEX);
    }

    /**
     * Corpus 78's FUSE classes: &fc->killsb is linux/fuse's rwsem (one connection), &fi->mutex its
     * per-inode mutex, one lockdep class for every inode.
     */
    @Test
    void theFuseClassesFindFuse() {
        assertOneLock("&fc->killsb", "linux/fuse", "fuse_killsb", LockKind.RWSEM);
        LockClass fi = new LockClass("&fi->mutex", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("fuse_inode_mutex_of[inode]", LibraryNames.perInstance(fi).orElseThrow().modelName());
        assertEquals("linux/fuse", LibraryNames.perInstance(fi).orElseThrow().model());
        assertTrue(LibraryNames.lock(fi).isEmpty());
    }

    /**
     * Corpus 82's KVM classes: kvm_lock and kvm_usage_lock are linux/kvm's global mutexes;
     * &kvm->slots_lock and &kvm->srcu are its per-VM locks, one lockdep class for every VM.
     */
    @Test
    void theKvmClassesFindKvm() {
        assertOneLock("kvm_lock", "linux/kvm", "kvm_lock", LockKind.MUTEX);
        assertOneLock("kvm_usage_lock", "linux/kvm", "kvm_usage_lock", LockKind.MUTEX);
        LockClass slots = new LockClass("&kvm->slots_lock", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("kvm_slots_lock_of[vm]", LibraryNames.perInstance(slots).orElseThrow().modelName());
        assertEquals("linux/kvm", LibraryNames.perInstance(slots).orElseThrow().model());
        assertTrue(LibraryNames.lock(slots).isEmpty());
        LockClass srcu = new LockClass("&kvm->srcu", ".?.+", java.util.Optional.of("0:0"));
        assertEquals("kvm_srcu_of[vm]", LibraryNames.perInstance(srcu).orElseThrow().modelName());
    }

    /**
     * Corpus 85's classes: mf_mutex and pcp_batch_high_lock (and the drain's pcpu_drain_mutex) are
     * linux/memory-failure's global locks; the hstates' hugetlb_lock is linux/hugetlb's (mm/hugetlb.c
     * declares it), which linux/memory-failure imports.
     */
    @Test
    void theMemoryFailureClassesFindMemoryFailure() {
        assertOneLock("mf_mutex", "linux/memory-failure", "mf_mutex", LockKind.MUTEX);
        assertOneLock("pcp_batch_high_lock", "linux/memory-failure", "pcp_batch_high_lock", LockKind.MUTEX);
        assertOneLock("pcpu_drain_mutex", "linux/memory-failure", "pcpu_drain_mutex", LockKind.MUTEX);
        assertOneLock("hugetlb_lock", "linux/hugetlb", "hugetlb_lock", LockKind.SPINLOCK);
        // linux/hugetlb's other global lock: a private mapping's VMA lock
        assertOneLock("&resv_map->rw_sema", "linux/hugetlb", "hugetlb_vma_lock", LockKind.RWSEM);
    }

    /**
     * Corpus 98's class: a VM_MAYSHARE vma's hugetlb VMA lock (mm/hugetlb.c hugetlb_vma_lock_alloc()'s
     * init_rwsem(&vma_lock->rw_sema)) is linux/hugetlb's hugetlb_vma_lock_shared, taken by its
     * hugetlb_vma_lock_read_shared() / _write_shared(); mm/rmap.c ranks it before i_mmap_rwsem,
     * and mmap_lock is outside it.
     */
    @Test
    void theHugetlbVmaLockOfAMayshareVmaFindsHugetlb() {
        assertOneLock("&vma_lock->rw_sema", "linux/hugetlb", "hugetlb_vma_lock_shared", LockKind.RWSEM);
        LibraryNames.ModelLock lock = LibraryNames.lock(
                new LockClass("&vma_lock->rw_sema", "++++", java.util.Optional.of("3:3"))).orElseThrow();
        assertEquals("hugetlb_vma_lock_read_shared();", lock.lockShared());
        assertEquals("hugetlb_vma_lock_write_shared();", lock.lock());
        assertEquals(new LibraryNames.ModelOrder("mmap_lock", "hugetlb_vma_lock_shared", "linux/hugetlb"),
                LibraryNames.orderBroken("hugetlb_vma_lock_shared", "mmap_lock").orElseThrow());
        assertTrue(LibraryNames.orderBroken("hugetlb_vma_lock_shared", "i_mmap_rwsem").isEmpty());
    }

    /**
     * Corpus 100's class: an AF_PACKET socket's ring mutex (net/packet/af_packet.c packet_create()'s
     * mutex_init(&po->pg_vec_lock)) is linux/af-packet's pg_vec_lock; the VMA lock packet_mmap()
     * takes under it stays linux/vma-lock's vm_lock, and no order is declared between them.
     */
    @Test
    void thePacketRingMutexFindsAfPacket() {
        assertOneLock("&po->pg_vec_lock", "linux/af-packet", "pg_vec_lock", LockKind.MUTEX);
        assertEquals("vm_lock", LibraryNames.lock(
                new LockClass("&vma->vm_lock->lock", "++++", java.util.Optional.of("4:4"))).orElseThrow().modelName());
        assertTrue(LibraryNames.orderBroken("vm_lock", "pg_vec_lock").isEmpty());
        assertTrue(LibraryNames.orderBroken("pg_vec_lock", "mmap_lock").isEmpty());
    }

    /**
     * Corpus 106's class: every fsnotify group's mark_mutex is one class, linux/fsnotify's
     * fsnotify_mark_mutex (one inotify instance); a skeleton importing it declares linux/udf's
     * ->evict_inode, which the model's dcache path calls.
     */
    @Test
    void theGroupMarkMutexFindsFsnotify() throws Exception {
        assertOneLock("&group->mark_mutex", "linux/fsnotify", "fsnotify_mark_mutex", LockKind.MUTEX);
        assertTrue(Scenario.withImports(List.of("linux/fsnotify")).containsAll(
                List.of("linux/udf", "linux/super", "linux/inode-instances")));
    }

    /** A request queue's sysfs mutexes (corpus 113's rmmod holds the first) are linux/blk-sysfs's, which imports nothing. */
    @Test
    void theQueueSysfsLocksFindBlkSysfs() {
        assertOneLock("&q->sysfs_lock", "linux/blk-sysfs", "q_sysfs_lock", LockKind.MUTEX);
        assertOneLock("&q->sysfs_dir_lock", "linux/blk-sysfs", "q_sysfs_dir_lock", LockKind.MUTEX);
        assertEquals(Set.of("linux/blk-sysfs"), Scenario.withImports(List.of("linux/blk-sysfs")));
    }

    /** A SCSI host's scan mutex (corpus 111's scan holds it) is linux/scsi-scan's, which builds on linux/blk-mq. */
    @Test
    void theScanMutexFindsScsiScan() {
        assertOneLock("&shost->scan_mutex", "linux/scsi-scan", "scan_mutex", LockKind.MUTEX);
        assertTrue(Scenario.withImports(List.of("linux/scsi-scan")).contains("linux/blk-mq"));
    }

    /**
     * Corpus 87's keyring semaphore: every key of a type is one class (key_alloc()'s
     * lockdep_set_class(&key->sem, &type->lock_class)), linux/keys' semaphore per key; request_key()'s
     * construction mutexes are linux/keys' global locks.
     */
    @Test
    void theKeyClassesFindKeys() {
        LockClass keySem = new LockClass("&type->lock_class", "+++++.", java.util.Optional.empty());
        assertEquals("key_sem_of[key]", LibraryNames.perInstance(keySem).orElseThrow().modelName());
        assertEquals("linux/keys", LibraryNames.perInstance(keySem).orElseThrow().model());
        assertTrue(LibraryNames.lock(keySem).isEmpty());
        assertOneLock("&user->cons_lock", "linux/keys", "key_user_cons_lock", LockKind.MUTEX);
        assertOneLock("key_construction_mutex", "linux/keys", "key_construction_mutex", LockKind.MUTEX);
    }

    /**
     * Corpus 91's AF_XDP classes: every XDP socket's &xs->mutex is one class, linux/xsk's mutex per
     * socket; RTNL and init_net's &net->xdp.lock are linux/xsk's global mutexes.
     */
    @Test
    void theXdpSocketClassesFindXsk() {
        LockClass xsMutex = new LockClass("&xs->mutex", "+.+.", java.util.Optional.empty());
        assertEquals("xs_mutex_of[sock]", LibraryNames.perInstance(xsMutex).orElseThrow().modelName());
        assertEquals("linux/xsk", LibraryNames.perInstance(xsMutex).orElseThrow().model());
        assertTrue(LibraryNames.lock(xsMutex).isEmpty());
        assertOneLock("rtnl_mutex", "linux/xsk", "rtnl_mutex", LockKind.MUTEX);
        assertOneLock("&net->xdp.lock", "linux/xsk", "net_xdp_lock", LockKind.MUTEX);
    }

    /**
     * Corpus 90's dm-thin classes: every pool's metadata &pmd->root_lock is one class, linux/dm-thin's
     * semaphore per pool; the pool table's mutex is its global lock, 5.x's shrinker_rwsem linux/shrinker-rwsem's.
     */
    @Test
    void theDmThinClassesFindDmThin() {
        LockClass rootLock = new LockClass("&pmd->root_lock", "++++", java.util.Optional.empty());
        assertEquals("pmd_root_lock_of[pool]", LibraryNames.perInstance(rootLock).orElseThrow().modelName());
        assertEquals("linux/dm-thin", LibraryNames.perInstance(rootLock).orElseThrow().model());
        assertTrue(LibraryNames.lock(rootLock).isEmpty());
        assertOneLock("&dm_thin_pool_table.mutex", "linux/dm-thin", "dm_thin_pool_table_mutex", LockKind.MUTEX);
        assertOneLock("shrinker_rwsem", "linux/shrinker-rwsem", "shrinker_rwsem", LockKind.RWSEM);
    }

    /**
     * Corpus 109's GFS2 classes: &sdp->sd_quota_mutex and &sdp->sd_log_flush_lock are linux/gfs2's
     * locks per superblock, &ip->i_rw_mutex its rwsem per inode (one class for every gfs2 inode).
     */
    @Test
    void theGfs2ClassesFindGfs2PerInstance() {
        for (String[] row : new String[][] {{"&sdp->sd_quota_mutex", "+.+.", "gfs2_quota_mutex_of[sb]"},
                {"&sdp->sd_log_flush_lock", "++++", "gfs2_log_flush_lock_of[sb]"},
                {"&ip->i_rw_mutex", "++++", "gfs2_i_rw_mutex_of[inode]"}}) {
            LockClass c = new LockClass(row[0], row[1], java.util.Optional.empty());
            assertEquals(row[2], LibraryNames.perInstance(c).orElseThrow().modelName());
            assertEquals("linux/gfs2", LibraryNames.perInstance(c).orElseThrow().model());
            assertTrue(LibraryNames.lock(c).isEmpty());
        }
    }

    /**
     * Corpus 93's classes: an LPM trie's &trie->lock and a zone's &zone->lock are linux/bpf's
     * spinlocks (one trie, one zone).
     */
    @Test
    void theLpmTrieAndZoneLocksFindBpf() {
        assertOneLock("&trie->lock", "linux/bpf", "lpm_trie_lock", LockKind.SPINLOCK);
        assertOneLock("&zone->lock", "linux/page-alloc", "zone_lock", LockKind.SPINLOCK);
    }

    /**
     * Corpus 96's classes: kmemleak_lock is linux/kmemleak's, the console port's &port_lock_key
     * linux/serial8250's (one console port) and printk's console_owner map linux/printk's (a
     * lockdep_map): the console's locks are not kmemleak's, whoever prints.
     */
    @Test
    void theKmemleakPrintkAndSerialLocksFindTheirModels() {
        assertOneLock("kmemleak_lock", "linux/kmemleak", "kmemleak_lock", LockKind.SPINLOCK);
        assertOneLock("&port_lock_key", "linux/serial8250", "uart_port_lock", LockKind.SPINLOCK);
        assertOneLock("console_owner", "linux/printk", "console_owner", LockKind.LOCKDEP_MAP);
    }

    /**
     * Corpus 101's class: 3.9's ftrace_regex_lock is linux/ftrace's mutex, and so are the per-ops
     * regex locks that replaced it (two static ops' classes, and ftrace_ops_init()'s &ops->regex_lock,
     * kprobe_ftrace_ops' in the model) and the tracer's global mutexes.
     */
    @Test
    void theFtraceRegexLocksFindFtrace() {
        assertOneLock("ftrace_regex_lock", "linux/ftrace", "ftrace_regex_lock", LockKind.MUTEX);
        assertOneLock("global_ops.regex_lock", "linux/ftrace", "global_ops_regex_lock", LockKind.MUTEX);
        assertOneLock("&ops->regex_lock", "linux/ftrace", "kprobe_ftrace_ops_regex_lock", LockKind.MUTEX);
        assertOneLock("event_mutex", "linux/ftrace", "event_mutex", LockKind.MUTEX);
        assertOneLock("kprobe_mutex", "linux/ftrace", "kprobe_mutex", LockKind.MUTEX);
    }

    /**
     * Corpus 97's classes: an inode's &ctx->flc_lock is linux/file-locks' spinlock, an NFSv4 server
     * file's &fp->fi_lock linux/nfsd's (one inode, one file); &clp->cl_lock, which the NFS client's
     * struct nfs_client prints too, stays unmapped.
     */
    @Test
    void theFileLockAndNfsdFileLocksFindTheirModels() {
        assertOneLock("&ctx->flc_lock", "linux/file-locks", "flc_lock", LockKind.SPINLOCK);
        assertOneLock("&fp->fi_lock", "linux/nfsd", "nfsd_fi_lock", LockKind.SPINLOCK);
        assertTrue(LibraryNames.lock(new LockClass("&clp->cl_lock#2", "+.+.", java.util.Optional.of("2:2"))).isEmpty());
    }

    /**
     * Corpus 94's classes: a VFIO container's &container->group_lock, type1's DMA-unmap notifier
     * chain's rwsem and a KVMGT vGPU's cache_lock and unpin_lock are linux/vfio's (one container,
     * one vGPU); type1's &iommu->lock stays unmapped, a name IOMMU drivers print for their own locks.
     */
    @Test
    void theVfioContainerAndKvmgtLocksFindVfio() {
        assertOneLock("&container->group_lock", "linux/vfio", "vfio_container_group_lock", LockKind.RWSEM);
        assertOneLock("&(&iommu->notifier)->rwsem", "linux/vfio", "vfio_iommu_notifier_rwsem", LockKind.RWSEM);
        assertOneLock("&vgpu->vdev.cache_lock", "linux/vfio", "kvmgt_cache_lock", LockKind.MUTEX);
        assertOneLock("&(&vgpu->vdev.unpin_lock)->rlock", "linux/vfio", "kvmgt_unpin_lock", LockKind.SPINLOCK);
        assertTrue(LibraryNames.lock(new LockClass("&iommu->lock", "+.+.", java.util.Optional.empty())).isEmpty());
    }

    /**
     * Corpus 102's classes: a vfio-pci device's &vdev->memory_lock is linux/vfio-pci's rwsem (one
     * device), a kernfs root's &root->kernfs_rwsem linux/kernfs-dir's (sysfs's root, lockdep's one
     * class for every root); the device's &vdev->igate, which vfio-platform prints too, stays unmapped.
     */
    @Test
    void theVfioPciMemoryLockAndKernfsRwsemFindTheirModels() {
        assertOneLock("&vdev->memory_lock", "linux/vfio-pci", "vfio_pci_memory_lock", LockKind.RWSEM);
        assertOneLock("&root->kernfs_rwsem", "linux/kernfs-dir", "kernfs_rwsem", LockKind.RWSEM);
        assertTrue(LibraryNames.lock(new LockClass("&vdev->igate", "+.+.", java.util.Optional.of("4:4"))).isEmpty());
    }

    /**
     * Corpus 99's classes: pcpu_alloc_mutex and pcpu_lock are linux/percpu's; bcachefs's &bc->lock is
     * linux/bcachefs-btree-cache's lock per filesystem.
     */
    @Test
    void thePercpuAndBtreeCacheLocksFindTheirModels() {
        assertOneLock("pcpu_alloc_mutex", "linux/percpu", "pcpu_alloc_mutex", LockKind.MUTEX);
        assertOneLock("pcpu_lock", "linux/percpu", "pcpu_lock", LockKind.SPINLOCK);
        assertInstanceLock("&bc->lock", "linux/bcachefs-btree-cache", "btree_cache_lock_of[sb]");
    }

    /** Corpus 92's all_q_mutex (4.x block/blk-mq.c) is linux/debugfs-cpuhp's mutex. */
    @Test
    void theAllQMutexFindsDebugfsCpuhp() {
        assertOneLock("all_q_mutex", "linux/debugfs-cpuhp", "all_q_mutex", LockKind.MUTEX);
    }

    /** A CIFS tree connection's &ret_buf->open_file_lock (tconInfoAlloc()) is linux/cifs's spinlock, one tcon. */
    @Test
    void theCifsOpenFileLockFindsCifs() {
        assertOneLock("&ret_buf->open_file_lock", "linux/cifs", "cifs_open_file_lock", LockKind.SPINLOCK);
    }

    /**
     * Corpus 71's &mdsc->mutex and &s->s_mutex are linux/ceph's mutexes, one mount and one MDS
     * session; the session's mutex taken under the client's breaks mds_client.h's order.
     */
    @Test
    void theCephMdsClassesFindCeph() {
        LockClass mdsc = new LockClass("&mdsc->mutex", "+.+.", java.util.Optional.of("3:3"));
        LibraryNames.ModelLock lock = LibraryNames.lock(mdsc).orElseThrow();
        assertEquals("linux/ceph", lock.model());
        assertEquals("ceph_mdsc_mutex", lock.modelName());
        assertEquals(LockKind.MUTEX, lock.kind());
        LockClass session = new LockClass("&s->s_mutex", "+.+.", java.util.Optional.of("3:3"));
        assertEquals("ceph_session_mutex", LibraryNames.lock(session).orElseThrow().modelName());
        assertTrue(LibraryNames.perInstance(mdsc).isEmpty());
        assertEquals(new LibraryNames.ModelOrder("ceph_session_mutex", "ceph_mdsc_mutex", "linux/ceph"),
                LibraryNames.orderBroken("ceph_mdsc_mutex", "ceph_session_mutex").orElseThrow());
        assertTrue(LibraryNames.orderBroken("ceph_session_mutex", "ceph_mdsc_mutex").isEmpty());
    }

    /**
     * Corpus 72's &dev->struct_mutex is linux/i915-gem's one device mutex; taken under mmap_lock is
     * the declared order, mmap_lock under it (a fault in the pwrite's prefault) breaks it.
     */
    @Test
    void theDrmStructMutexFindsI915Gem() {
        assertOneLock("&dev->struct_mutex", "linux/i915-gem", "drm_struct_mutex", LockKind.MUTEX);
        assertEquals(new LibraryNames.ModelOrder("mmap_lock", "drm_struct_mutex", "linux/i915-gem"),
                LibraryNames.orderBroken("drm_struct_mutex", "mmap_lock").orElseThrow());
        assertTrue(LibraryNames.orderBroken("mmap_lock", "drm_struct_mutex").isEmpty());
    }

    /**
     * Corpus 81's &svmm->mutex and &vmm->mutex#3 are linux/nouveau-svm's svmm and VMM mutexes; the VMM
     * mutex under the svmm's is the declared order, the svmm's under the VMM's (reclaim's notifier
     * below an allocation under vmm->mutex) breaks it.
     */
    @Test
    void theNouveauSvmMutexesFindNouveauSvm() {
        assertOneLock("&svmm->mutex", "linux/nouveau-svm", "nouveau_svmm_mutex", LockKind.MUTEX);
        assertOneLock("&vmm->mutex#3", "linux/nouveau-svm", "nvkm_vmm_mutex", LockKind.MUTEX);
        assertEquals(new LibraryNames.ModelOrder("nouveau_svmm_mutex", "nvkm_vmm_mutex", "linux/nouveau-svm"),
                LibraryNames.orderBroken("nvkm_vmm_mutex", "nouveau_svmm_mutex").orElseThrow());
        assertTrue(LibraryNames.orderBroken("nouveau_svmm_mutex", "nvkm_vmm_mutex").isEmpty());
    }

    /** Corpus 56's erofs_domain_list_lock (and its cookies lock) are linux/erofs's global mutexes. */
    @Test
    void theErofsDomainClassesFindErofs() {
        assertOneLock("erofs_domain_list_lock", "linux/erofs", "erofs_domain_list_lock", LockKind.MUTEX);
        LockClass cookies = new LockClass("erofs_domain_cookies_lock", "+.+.", java.util.Optional.empty());
        assertEquals("linux/erofs", LibraryNames.lock(cookies).orElseThrow().model());
    }

    /**
     * Corpus 53's classes are linux/rmap's i_mmap_rwsem, taken through its i_mmap_lock procedures,
     * and linux/vma-lock's vm_lock; the VMA lock taken under i_mmap_rwsem breaks mm/rmap.c's order.
     */
    @Test
    void theReverseMapAndVmaLockClassesFindRmapAndVmaLock() {
        LockClass iMmap = new LockClass("&mapping->i_mmap_rwsem", "++++", java.util.Optional.of("3:3"));
        LibraryNames.ModelLock lock = LibraryNames.lock(iMmap).orElseThrow();
        assertEquals("linux/rmap", lock.model());
        assertEquals("i_mmap_rwsem", lock.modelName());
        assertEquals(LockKind.RWSEM, lock.kind());
        assertEquals("i_mmap_lock_write();", lock.lock());
        assertEquals("i_mmap_lock_read();", lock.lockShared());
        LockClass vma = new LockClass("&vma->vm_lock->lock", "++++", java.util.Optional.of("3:3"));
        assertEquals("linux/vma-lock", LibraryNames.lock(vma).orElseThrow().model());
        assertEquals("vm_lock", LibraryNames.lock(vma).orElseThrow().modelName());
        LockClass anon = new LockClass("&anon_vma->rwsem", "++++", java.util.Optional.empty());
        assertEquals("anon_vma_lock", LibraryNames.lock(anon).orElseThrow().modelName());
        assertEquals(new LibraryNames.ModelOrder("vm_lock", "i_mmap_rwsem", "linux/vma-lock"),
                LibraryNames.orderBroken("i_mmap_rwsem", "vm_lock").orElseThrow());
        // through the chain mmap_lock < vm_lock < i_mmap_rwsem < anon_vma_lock
        assertTrue(LibraryNames.orderBroken("anon_vma_lock", "mmap_lock").isPresent());
        assertTrue(LibraryNames.orderBroken("vm_lock", "i_mmap_rwsem").isEmpty());
    }

    /** A skeleton imports the model of each library lock and procedure it uses: none may be left out of its imports. */
    @Test
    void everyModelTheImporterNamesIsOneASkeletonImports() {
        Set<String> named = new TreeSet<>();
        LibraryNames.LOCKS.forEach(l -> named.add(l.model()));
        LibraryNames.BLOCKED_TASK_CALLS.forEach(p -> named.add(p.model()));
        named.removeAll(Scenario.MODEL_ORDER);
        assertEquals(Set.of(), named);
    }

    @Test
    void aReportsClassFindsItsModelUnderEitherName() {
        LockClass old = new LockClass("&mm->mmap_sem", "++++", java.util.Optional.empty());
        LockClass internal = new LockClass("sb_internal#2", ".+.+", java.util.Optional.empty());
        assertEquals("mmap_lock", LibraryNames.lock(old).orElseThrow().modelName());
        assertEquals("sb_internal", LibraryNames.lock(internal).orElseThrow().modelName());
        // a directory's i_rwsem as XFS's xfs_setup_inode() names the key (corpus 38's held lock #0)
        LockClass xfsDir = new LockClass("&inode->i_sb->s_type->i_mutex_dir_key", "++++", java.util.Optional.empty());
        assertEquals("i_rwsem", LibraryNames.lock(xfsDir).orElseThrow().modelName());
    }

    private static final Pattern ORDER_LINE = Pattern.compile("^order (.+);\\s*(?://.*)?$");

    /** Adjacent pairs of each `order a < b < c;` line of a model file. */
    private static Set<LibraryNames.ModelOrder> declaredOrders(String model) throws Exception {
        Path file = TestFiles.repoRoot().resolve("models/" + model + ".vmlock");
        Set<LibraryNames.ModelOrder> pairs = new java.util.HashSet<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = ORDER_LINE.matcher(line.strip());
            if (!m.matches()) continue;
            String[] names = m.group(1).split("\\s*<\\s*");
            for (int i = 0; i + 1 < names.length; i++) {
                pairs.add(new LibraryNames.ModelOrder(names[i].strip(), names[i + 1].strip(), model));
            }
        }
        return pairs;
    }

    /**
     * ORDERS is exactly the adjacent pairs of two library locks on an order line of the model of
     * one of them: none made up, none left out.
     */
    @Test
    void theOrdersAreTheModelsOrderLinesBetweenLibraryLocks() throws Exception {
        Map<String, String> modelOf = new TreeMap<>();
        LibraryNames.LOCKS.forEach(l -> modelOf.put(l.modelName(), l.model()));
        Set<LibraryNames.ModelOrder> expected = new java.util.HashSet<>();
        for (String model : new TreeSet<>(modelOf.values())) {
            for (LibraryNames.ModelOrder o : declaredOrders(model)) {
                if (modelOf.containsKey(o.outer()) && modelOf.containsKey(o.inner())
                        && (model.equals(modelOf.get(o.outer())) || model.equals(modelOf.get(o.inner())))) {
                    expected.add(o);
                }
            }
        }
        assertEquals(expected, Set.copyOf(LibraryNames.ORDERS));
    }

    @Test
    void anOrderIsBrokenByTakingAnOuterLockInsideAnInnerOneThroughTheChain() {
        assertEquals(new LibraryNames.ModelOrder("i_rwsem", "mmap_lock", "linux/mm"),
                LibraryNames.orderBroken("mmap_lock", "i_rwsem").orElseThrow());
        // sb_writers < i_rwsem < mmap_lock: two declarations in two models
        assertTrue(LibraryNames.orderBroken("mmap_lock", "sb_writers").isPresent());
        assertTrue(LibraryNames.orderBroken("i_rwsem", "mmap_lock").isEmpty());
        assertTrue(LibraryNames.orderBroken("mmap_lock", "mmap_lock").isEmpty());
        assertTrue(LibraryNames.orderBroken("s_journal", "i_rwsem").isEmpty());
    }
}
