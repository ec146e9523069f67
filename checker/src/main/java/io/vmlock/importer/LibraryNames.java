package io.vmlock.importer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one table from lockdep's class names and kernel function names to the model library
 * (models/linux/*.vmlock): which model declares a class and under what name, which procedure
 * takes it, and which kernel functions the library models. Extend it here when the library grows.
 */
public final class LibraryNames {
    /**
     * A lock class the library declares: lockdep's name for it (without {@code #N} and {@code /N}),
     * the model's name, the model file, its kind, and the library procedures that take and release
     * it shared and exclusive ("" where the library has none: the skeleton uses the builtin).
     */
    public record ModelLock(String lockdepName, String modelName, String model, LockKind kind,
                            String lockShared, String unlockShared, String lock, String unlock) {
    }

    /**
     * A library procedure that takes a library lock, callable as written with the model's hooks
     * bound; {@code setup} ("" for none) is the state under which it takes it, set just before the call.
     */
    public record ModelProcedure(String function, String model, String setup, String call, String takes,
                                 boolean shared) {
    }

    /** One per row of models/README.md's lock-name table in a model the importer imports (LibraryNamesTest). */
    public static final List<ModelLock> LOCKS = List.of(
            new ModelLock("&mm->mmap_lock", "mmap_lock", "linux/mm", LockKind.RWSEM, "", "", "", ""),
            new ModelLock("ptlock_ptr(ptdesc)", "ptl", "linux/mm", LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock("&sb->s_type->i_mutex_key", "i_rwsem", "linux/fs", LockKind.RWSEM,
                    "inode_lock_shared();", "inode_unlock_shared();", "inode_lock();", "inode_unlock();"),
            new ModelLock("mapping.invalidate_lock", "invalidate_lock", "linux/fs", LockKind.RWSEM,
                    "filemap_invalidate_lock_shared();", "filemap_invalidate_unlock_shared();",
                    "filemap_invalidate_lock();", "filemap_invalidate_unlock();"),
            new ModelLock("sb_writers", "sb_writers", "linux/fs", LockKind.RWSEM,
                    "sb_start_write();", "sb_end_write();", "", ""),
            new ModelLock("sb_pagefaults", "sb_pagefaults", "linux/fs", LockKind.RWSEM,
                    "sb_start_pagefault();", "sb_end_pagefault();", "", ""),
            new ModelLock("sb_internal", "sb_internal", "linux/fs", LockKind.RWSEM,
                    "sb_start_intwrite();", "sb_end_intwrite();", "", ""),
            new ModelLock("&ei->i_data_sem", "i_data_sem", "linux/ext4", LockKind.RWSEM, "", "", "", ""),
            new ModelLock("&sbi->s_writepages_rwsem", "s_writepages_rwsem", "linux/ext4", LockKind.PERCPU_RWSEM,
                    "ext4_writepages_down_read();", "ext4_writepages_up_read();", "", ""),
            new ModelLock("jbd2_handle", "s_journal", "linux/jbd2", LockKind.JOURNAL,
                    "jbd2__journal_start();", "jbd2__journal_stop();", "", ""),
            new ModelLock("&ei->xattr_sem", "xattr_sem", "linux/ext4-xattr", LockKind.RWSEM, "", "", "", ""),
            // the builtins, not nilfs_transaction_begin(): that also starts sb_internal, a link of its own in a chain
            new ModelLock("&nilfs->ns_segctor_sem", "ns_segctor_sem", "linux/nilfs2", LockKind.RWSEM, "", "", "", ""),
            // the builtins, not memory_notify(): that also calls the chain's callbacks, the scenario's hook
            new ModelLock("mem_hotplug_lock", "mem_hotplug_lock", "linux/memory-hotplug", LockKind.PERCPU_RWSEM,
                    "", "", "", ""),
            new ModelLock("(memory_chain).rwsem", "memory_chain_rwsem", "linux/memory-hotplug", LockKind.RWSEM,
                    "", "", "", ""),
            new ModelLock("ksm_thread_mutex", "ksm_thread_mutex", "linux/memory-hotplug", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("device_hotplug_lock", "device_hotplug_lock", "linux/memory-block", LockKind.MUTEX,
                    "", "", "lock_device_hotplug();", "unlock_device_hotplug();"),
            new ModelLock("cpu_hotplug_lock", "cpu_hotplug_lock", "linux/cpuhp", LockKind.PERCPU_RWSEM,
                    "cpus_read_lock();", "cpus_read_unlock();", "cpus_write_lock();", "cpus_write_unlock();"),
            new ModelLock("cpu_add_remove_lock", "cpu_add_remove_lock", "linux/cpuhp", LockKind.MUTEX,
                    "", "", "cpu_maps_update_begin();", "cpu_maps_update_done();"),
            // perf's CPU hotplug callbacks take it around a CPU's context mutex (kernel/events/core.c)
            new ModelLock("pmus_lock", "pmus_lock", "linux/perf", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("slab_mutex", "slab_mutex", "linux/slab", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("jump_label_mutex", "jump_label_mutex", "linux/slab", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("cgroup_mutex", "cgroup_mutex", "linux/cgroup", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("cgroup_threadgroup_rwsem", "cgroup_threadgroup_rwsem", "linux/cgroup",
                    LockKind.PERCPU_RWSEM, "", "", "", ""),
            // the builtins, not drain_all_stock(): that takes it by mutex_trylock() (mm/memcontrol.c)
            new ModelLock("percpu_charge_mutex", "percpu_charge_mutex", "linux/memcg", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("microcode_mutex", "microcode_mutex", "linux/microcode", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("oom_lock", "oom_lock", "linux/memcg-oom", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("&cpuset_rwsem", "cpuset_rwsem", "linux/cgroup", LockKind.PERCPU_RWSEM,
                    "", "", "", ""),
            new ModelLock("erofs_domain_list_lock", "erofs_domain_list_lock", "linux/erofs", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("erofs_domain_cookies_lock", "erofs_domain_cookies_lock", "linux/erofs", LockKind.MUTEX,
                    "", "", "", ""),
            // one userfaultfd context's wait-queue locks (init_waitqueue_head() names each after its head)
            new ModelLock("&ctx->fd_wqh", "uffd_fd_wqh_lock", "linux/userfaultfd", LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock("&ctx->fault_pending_wqh", "uffd_fault_pending_wqh_lock", "linux/userfaultfd",
                    LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock("&ctx->fault_wqh", "uffd_fault_wqh_lock", "linux/userfaultfd", LockKind.SPINLOCK,
                    "", "", "", ""),
            new ModelLock("&ctx->event_wqh", "uffd_event_wqh_lock", "linux/userfaultfd", LockKind.SPINLOCK,
                    "", "", "", ""),
            // the file and anon reverse maps (mm/rmap.c): one mapping, one anon_vma
            new ModelLock("&mapping->i_mmap_rwsem", "i_mmap_rwsem", "linux/rmap", LockKind.RWSEM,
                    "i_mmap_lock_read();", "i_mmap_unlock_read();", "i_mmap_lock_write();", "i_mmap_unlock_write();"),
            new ModelLock("&anon_vma->rwsem", "anon_vma_lock", "linux/rmap", LockKind.RWSEM,
                    "", "", "anon_vma_lock_write();", "anon_vma_unlock_write();"),
            // the builtins, not mmu_notifier_invalidate_range_start(): that also calls the notifiers, a hook
            new ModelLock(LibraryNames.MMU_NOTIFIER_MAP, "mmu_notifier_invalidate_range_start_map",
                    "linux/rmap", LockKind.LOCKDEP_MAP, "", "", "", ""),
            // the builtins, not vma_start_write(): that releases the lock at once and marks the VMA
            // write-locked until mmap_write_unlock(), a state no chain link's hold describes. One
            // class for every VMA, so one lock: linux/vma-lock's, the VMA of linux/mm's mm, on which
            // linux/vma-instances (vma_lock_of[vma], linux/af-packet's VMAs) builds
            new ModelLock("&vma->vm_lock->lock", "vm_lock", "linux/vma-lock", LockKind.RWSEM, "", "", "", ""),
            // an AF_PACKET socket's ring mutex (net/packet/af_packet.c packet_create():
            // mutex_init(&po->pg_vec_lock)), one socket in linux/af-packet
            new ModelLock("&po->pg_vec_lock", "pg_vec_lock", "linux/af-packet", LockKind.MUTEX, "", "", "", ""),
            // every fsnotify group's mark_mutex is one class (fs/notify/group.c __fsnotify_alloc_group()'s
            // mutex_init(); 5.19-6.11 gave FSNOTIFY_GROUP_NOFS groups a class of their own), one group
            // (an inotify instance) in linux/fsnotify; the builtins, not fsnotify_group_lock(): that
            // also opens a NOFS scope
            new ModelLock("&group->mark_mutex", "fsnotify_mark_mutex", "linux/fsnotify", LockKind.MUTEX,
                    "", "", "", ""),
            // one 9P client's lock and its fd connection's request-list lock (spin_lock_init() names each)
            new ModelLock("&clnt->lock", "p9_client_lock", "linux/9p", LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock("&m->req_lock", "p9_conn_req_lock", "linux/9p", LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock("&ret_buf->open_file_lock", "cifs_open_file_lock", "linux/cifs", LockKind.SPINLOCK,
                    "", "", "", ""),
            // one nvme-tcp queue's send mutex
            new ModelLock("&queue->send_mutex", "nvme_tcp_send_mutex", "linux/nvme-tcp", LockKind.MUTEX,
                    "", "", "", ""),
            // a CephFS mount's MDS client mutex and its MDS session's mutex (ceph_mdsc_init(), register_session())
            new ModelLock("&mdsc->mutex", "ceph_mdsc_mutex", "linux/ceph", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("&s->s_mutex", "ceph_session_mutex", "linux/ceph", LockKind.MUTEX, "", "", "", ""),
            // the DRM device's struct_mutex (one class for every device: drm_fill_in_dev()'s mutex_init()),
            // i915's big lock before per-object locks; one device in linux/i915-gem
            new ModelLock("&dev->struct_mutex", "drm_struct_mutex", "linux/i915-gem", LockKind.MUTEX,
                    "", "", "", ""),
            // nouveau's SVM client: the svmm's mutex (nouveau_svmm_init()'s mutex_init()) and its GPU VMM's
            // vmm->mutex (nvkm_vmm_ctor(); printed with a version, "&vmm->mutex#3"), one each in
            // linux/nouveau-svm
            new ModelLock("&svmm->mutex", "nouveau_svmm_mutex", "linux/nouveau-svm", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("&vmm->mutex", "nvkm_vmm_mutex", "linux/nouveau-svm", LockKind.MUTEX,
                    "", "", "", ""),
            // kernel/events/uprobes.c's DEFINE_MUTEX(delayed_uprobe_lock), around the delayed ref_ctr list,
            // and the probed file's bucket of uprobes_mmap_mutex[] (uprobes_init()'s mutex_init())
            new ModelLock("delayed_uprobe_lock", "delayed_uprobe_lock", "linux/uprobes", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("&uprobes_mmap_mutex[i]", "uprobes_mmap_mutex", "linux/uprobes", LockKind.MUTEX,
                    "", "", "", ""),
            // a FUSE connection's killsb rwsem (fs/fuse/inode.c fuse_conn_init()'s init_rwsem()): the
            // notifications' read side against the superblock's teardown; one connection in linux/fuse
            new ModelLock("&fc->killsb", "fuse_killsb", "linux/fuse", LockKind.RWSEM, "", "", "", ""),
            // KVM's global mutexes (virt/kvm/kvm_main.c): vm_list's, and 44d17459's kvm_usage_count's
            new ModelLock("kvm_lock", "kvm_lock", "linux/kvm", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("kvm_usage_lock", "kvm_usage_lock", "linux/kvm", LockKind.MUTEX, "", "", "", ""),
            // a terminal's termios rwsem (initialize_tty_struct()'s init_rwsem()) and N_TTY's reader mutex
            // (n_tty_open()'s mutex_init()), one class each for every tty; one terminal in linux/tty
            new ModelLock("&tty->termios_rwsem", "tty_termios_rwsem", "linux/tty", LockKind.RWSEM, "", "", "", ""),
            new ModelLock("&ldata->atomic_read_lock", "n_tty_atomic_read_lock", "linux/tty", LockKind.MUTEX,
                    "", "", "", ""),
            // the hard offline's mutex (mm/memory-failure.c) and the per-CPU pagelists' mutexes
            // (mm/page_alloc.c), as linux/memory-failure has them; the hstates' spinlock (mm/hugetlb.c)
            // is linux/hugetlb's (linux/memory-failure imports it)
            new ModelLock("mf_mutex", "mf_mutex", "linux/memory-failure", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("pcp_batch_high_lock", "pcp_batch_high_lock", "linux/memory-failure", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("pcpu_drain_mutex", "pcpu_drain_mutex", "linux/memory-failure", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("hugetlb_lock", "hugetlb_lock", "linux/hugetlb", LockKind.SPINLOCK,
                    "", "", "", ""),
            // a private hugetlb mapping's VMA lock (mm/hugetlb.c hugetlb_vma_lock_read(): the
            // resv_map's rw_sema), as linux/hugetlb has it (its fault mutex table is per page: not mapped)
            new ModelLock("&resv_map->rw_sema", "hugetlb_vma_lock", "linux/hugetlb", LockKind.RWSEM,
                    "hugetlb_vma_lock_read();", "hugetlb_vma_unlock_read();", "", ""),
            // a shared hugetlb mapping's VMA lock (mm/hugetlb.c hugetlb_vma_lock_alloc(): a VM_MAYSHARE
            // vma's struct hugetlb_vma_lock, init_rwsem(&vma_lock->rw_sema)), one vma in linux/hugetlb
            new ModelLock("&vma_lock->rw_sema", "hugetlb_vma_lock_shared", "linux/hugetlb", LockKind.RWSEM,
                    "hugetlb_vma_lock_read_shared();", "hugetlb_vma_unlock_read_shared();",
                    "hugetlb_vma_lock_write_shared();", "hugetlb_vma_unlock_write_shared();"),
            // request_key()'s construction mutexes (security/keys/request_key.c construct_alloc_key():
            // the requester's key_user->cons_lock, then the destination keyring's semaphore, then
            // key_construction_mutex), as linux/keys has them
            new ModelLock("&user->cons_lock", "key_user_cons_lock", "linux/keys", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("key_construction_mutex", "key_construction_mutex", "linux/keys", LockKind.MUTEX,
                    "", "", "", ""),
            // RTNL (net/core/rtnetlink.c rtnl_mutex) and init_net's list lock of AF_XDP sockets
            // (net/xdp/xsk.c xsk_net_init(): mutex_init(&net->xdp.lock)), as linux/xsk has them
            new ModelLock("rtnl_mutex", "rtnl_mutex", "linux/xsk", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("&net->xdp.lock", "net_xdp_lock", "linux/xsk", LockKind.MUTEX, "", "", "", ""),
            // an LPM trie map's lock (kernel/bpf/lpm_trie.c trie_alloc(): spin_lock_init(&trie->lock))
            // and a zone's buddy-list lock (mm/page_alloc.c zone->lock), one trie and one zone in
            // linux/bpf's LPM trie lock, and the page allocator's zone lock (linux/page-alloc)
            new ModelLock("&trie->lock", "lpm_trie_lock", "linux/bpf", LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock("&zone->lock", "zone_lock", "linux/page-alloc", LockKind.SPINLOCK, "", "", "", ""),
            // dm-thin's pool table mutex (drivers/md/dm-thin.c, pool_dtr() / thin_ctr() / thin_dtr()) and
            // 5.x mm/vmscan.c's shrinker_rwsem (shrink_slab()'s read trylock, unregister_shrinker()'s
            // write), as linux/dm-thin and linux/shrinker-rwsem have them
            new ModelLock("&dm_thin_pool_table.mutex", "dm_thin_pool_table_mutex", "linux/dm-thin", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("shrinker_rwsem", "shrinker_rwsem", "linux/shrinker-rwsem", LockKind.RWSEM, "", "", "", ""),
            // 4.x blk-mq's list lock of all queues (block/blk-mq.c DEFINE_MUTEX(all_q_mutex)), taken inside
            // cpu_hotplug_lock and around debugfs directory creation, as linux/debugfs-cpuhp has it
            new ModelLock("all_q_mutex", "all_q_mutex", "linux/debugfs-cpuhp", LockKind.MUTEX, "", "", "", ""),
            // kmemleak's object tree lock (mm/kmemleak.c DEFINE_RAW_SPINLOCK(kmemleak_lock)) in
            // linux/kmemleak, the console 8250 port's uart_port->lock (serial_core's class
            // &port_lock_key) in linux/serial8250 (one console port), and printk's
            // console_owner_dep_map in linux/printk
            new ModelLock("kmemleak_lock", "kmemleak_lock", "linux/kmemleak", LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock("&port_lock_key", "uart_port_lock", "linux/serial8250", LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock(LibraryNames.CONSOLE_OWNER_MAP, "console_owner", "linux/printk", LockKind.LOCKDEP_MAP, "", "", "", ""),
            // a VFIO container's group_lock (drivers/vfio/vfio.c vfio_fops_open(): init_rwsem()), type1's
            // DMA-unmap notifier chain (vfio_iommu_type1_open(): BLOCKING_INIT_NOTIFIER_HEAD(&iommu->notifier))
            // and a KVMGT vGPU's cache_lock and unpin_lock (kvmgt.c gvt_cache_init(), intel_vgpu_create()), one
            // each in linux/vfio; type1's "&iommu->lock" stays unmapped: IOMMU drivers print the same name
            new ModelLock("&container->group_lock", "vfio_container_group_lock", "linux/vfio", LockKind.RWSEM,
                    "", "", "", ""),
            new ModelLock("&(&iommu->notifier)->rwsem", "vfio_iommu_notifier_rwsem", "linux/vfio", LockKind.RWSEM,
                    "", "", "", ""),
            new ModelLock("&vgpu->vdev.cache_lock", "kvmgt_cache_lock", "linux/vfio", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("&(&vgpu->vdev.unpin_lock)->rlock", "kvmgt_unpin_lock", "linux/vfio", LockKind.SPINLOCK,
                    "", "", "", ""),
            // mm/mlock.c's DEFINE_SPINLOCK(shmlock_user_lock), around SysV shm's locked_shm accounting,
            // and 5.6's per-node LRU lock (pgdat_init_internals()'s spin_lock_init(&pgdat->lru_lock);
            // 6.x has the per-lruvec &lruvec->lru_lock of linux/lru instead), as linux/shmem has them
            new ModelLock("shmlock_user_lock", "shmlock_user_lock", "linux/shmem", LockKind.SPINLOCK,
                    "", "", "", ""),
            new ModelLock("&pgdat->lru_lock", "pgdat_lru_lock", "linux/shmem", LockKind.SPINLOCK,
                    "", "", "", ""),
            // an nbd device's connection mutex (drivers/block/nbd.c nbd_add_socket()'s
            // mutex_init(&nsock->tx_lock)) and its config lock, one device and one connection in
            // linux/nbd; its request's "&cmd->lock" stays unmapped: other drivers' command structs
            // print the same name
            new ModelLock("&nsock->tx_lock", "nbd_tx_lock", "linux/nbd", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("&nbd->config_lock", "nbd_config_lock", "linux/nbd", LockKind.MUTEX, "", "", "", ""),
            // RDS/TCP's per-netns accept mutex (net/rds/tcp.c rds_tcp_init_net()'s mutex_init())
            new ModelLock("&rtn->rds_tcp_accept_lock", "rds_tcp_accept_lock", "linux/rds", LockKind.MUTEX,
                    "", "", "", ""),
            // a framebuffer's lock (drivers/video/fbdev/core/fbmem.c framebuffer_alloc()'s
            // mutex_init(&info->lock), lock_fb_info()) and its deferred I/O's pageref list mutex
            // (fb_defio.c fb_deferred_io_init()'s mutex_init(&fbdefio->lock)), one framebuffer in
            // linux/fbdev-defio
            new ModelLock("&fb_info->lock", "fb_info_lock", "linux/fbdev-defio", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("&fbdefio->lock", "fbdefio_lock", "linux/fbdev-defio", LockKind.MUTEX, "", "", "", ""),
            // an inode's file-lock context lock (fs/locks.c locks_get_lock_context():
            // spin_lock_init(&ctx->flc_lock)), one inode in linux/file-locks, and an NFSv4 server file's
            // lock (fs/nfsd/nfs4state.c nfsd4_file_init(): spin_lock_init(&fp->fi_lock)), one file in
            // linux/nfsd; the server's &clp->cl_lock stays unmapped: the NFS client's struct nfs_client
            // prints the same name
            new ModelLock("&ctx->flc_lock", "flc_lock", "linux/file-locks", LockKind.SPINLOCK, "", "", "", ""),
            new ModelLock("&fp->fi_lock", "nfsd_fi_lock", "linux/nfsd", LockKind.SPINLOCK, "", "", "", ""),
            // the percpu allocator's chunk mutex (mm/percpu.c static DEFINE_MUTEX(pcpu_alloc_mutex)),
            // held by a sleepable pcpu_alloc() and the balance work across their allocations, and its
            // index lock (static DEFINE_SPINLOCK(pcpu_lock)), as linux/percpu has them
            new ModelLock("pcpu_alloc_mutex", "pcpu_alloc_mutex", "linux/percpu", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("pcpu_lock", "pcpu_lock", "linux/percpu", LockKind.SPINLOCK, "", "", "", ""),
            // the function tracer's and trace events' global mutexes (kernel/trace/ftrace.c,
            // trace_events.c, kernel/kprobes.c DEFINE_MUTEX()es), 3.9's one ftrace_regex_lock, and
            // the per-ftrace_ops regex locks since f04f24fb7e48: two static ops' (INIT_REGEX_LOCK())
            // and kprobe_ftrace_ops', set up by ftrace_ops_init()'s mutex_init(&ops->regex_lock);
            // all in linux/ftrace
            new ModelLock("ftrace_lock", "ftrace_lock", "linux/ftrace", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("ftrace_cmd_mutex", "ftrace_cmd_mutex", "linux/ftrace", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("ftrace_regex_lock", "ftrace_regex_lock", "linux/ftrace", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("global_ops.regex_lock", "global_ops_regex_lock", "linux/ftrace", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("trace_probe_ops.regex_lock", "trace_probe_ops_regex_lock", "linux/ftrace",
                    LockKind.MUTEX, "", "", "", ""),
            new ModelLock("&ops->regex_lock", "kprobe_ftrace_ops_regex_lock", "linux/ftrace", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("event_mutex", "event_mutex", "linux/ftrace", LockKind.MUTEX, "", "", "", ""),
            new ModelLock("kprobe_mutex", "kprobe_mutex", "linux/ftrace", LockKind.MUTEX, "", "", "", ""),
            // a vfio-pci device's memory_lock (drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_init_dev():
            // init_rwsem(&vdev->memory_lock)), one device in linux/vfio-pci, and a kernfs root's
            // kernfs_rwsem (fs/kernfs/dir.c kernfs_create_root(): init_rwsem(), one class for every
            // root), sysfs's in linux/kernfs-dir; the device's "&vdev->igate" stays unmapped:
            // vfio-platform's device prints the same name
            new ModelLock("&vdev->memory_lock", "vfio_pci_memory_lock", "linux/vfio-pci", LockKind.RWSEM,
                    "", "", "", ""),
            new ModelLock("&root->kernfs_rwsem", "kernfs_rwsem", "linux/kernfs-dir", LockKind.RWSEM,
                    "", "", "", ""),
            // a SCSI host's scan mutex (drivers/scsi/scsi_scan.c __scsi_add_device()), one host in
            // linux/scsi-scan
            new ModelLock("&shost->scan_mutex", "scan_mutex", "linux/scsi-scan", LockKind.MUTEX,
                    "", "", "", ""),
            // a request queue's sysfs mutexes (block/blk-sysfs.c, blk-mq-sysfs.c), one queue in
            // linux/blk-sysfs; sysfs_dir_lock since cecf5d87ff20 (5.4)
            new ModelLock("&q->sysfs_lock", "q_sysfs_lock", "linux/blk-sysfs", LockKind.MUTEX,
                    "", "", "", ""),
            new ModelLock("&q->sysfs_dir_lock", "q_sysfs_dir_lock", "linux/blk-sysfs", LockKind.MUTEX,
                    "", "", "", ""));

    /**
     * A lock order the library declares between two of {@link #LOCKS}: {@code outer} before
     * {@code inner}, adjacent on an {@code order} line of {@code model}, the model of one of them
     * (so a skeleton taking both imports it).
     */
    public record ModelOrder(String outer, String inner, String model) {
    }

    /** Every such order (LibraryNamesTest reads them back from the models' order lines). */
    public static final List<ModelOrder> ORDERS = List.of(
            // models/linux/mm.vmlock: mm/filemap.c's "->i_rwsem ->mmap_lock ->invalidate_lock"
            new ModelOrder("i_rwsem", "mmap_lock", "linux/mm"),
            new ModelOrder("mmap_lock", "invalidate_lock", "linux/mm"),
            new ModelOrder("mmap_lock", "sb_pagefaults", "linux/mm"),
            // models/linux/fs.vmlock: include/linux/fs.h's freeze levels, sb_writers outside i_rwsem
            new ModelOrder("sb_writers", "i_rwsem", "linux/fs"),
            new ModelOrder("i_rwsem", "invalidate_lock", "linux/fs"),
            new ModelOrder("sb_writers", "sb_pagefaults", "linux/fs"),
            new ModelOrder("sb_pagefaults", "sb_internal", "linux/fs"),
            // models/linux/userfaultfd.vmlock: the locking comment above struct userfaultfd_ctx (cbcfa130a911)
            new ModelOrder("uffd_fd_wqh_lock", "uffd_fault_pending_wqh_lock", "linux/userfaultfd"),
            new ModelOrder("uffd_fault_pending_wqh_lock", "uffd_fault_wqh_lock", "linux/userfaultfd"),
            new ModelOrder("uffd_fd_wqh_lock", "uffd_event_wqh_lock", "linux/userfaultfd"),
            // models/linux/rmap.vmlock: mm/rmap.c's "Lock ordering in mm" and mm/filemap.c's
            // "->invalidate_lock ->i_mmap_rwsem"
            new ModelOrder("invalidate_lock", "i_mmap_rwsem", "linux/rmap"),
            new ModelOrder("i_mmap_rwsem", "anon_vma_lock", "linux/rmap"),
            new ModelOrder("anon_vma_lock", "ptl", "linux/rmap"),
            // models/linux/hugetlb.vmlock: mm/rmap.c's "hugetlbfs PageHuge() take locks in this order"
            // (vma_lock before mapping->i_mmap_rwsem)
            new ModelOrder("hugetlb_vma_lock", "i_mmap_rwsem", "linux/hugetlb"),
            // and for a shared mapping's vma_lock; mmap_lock outside it (hugetlb_fault() under the
            // fault's mmap_lock, exit_mmap()'s and madvise()'s zaps under mmap_lock)
            new ModelOrder("hugetlb_vma_lock_shared", "i_mmap_rwsem", "linux/hugetlb"),
            new ModelOrder("mmap_lock", "hugetlb_vma_lock_shared", "linux/hugetlb"),
            // models/linux/vma-lock.vmlock: mm/rmap.c's "mm->mmap_lock vma_start_write mapping->i_mmap_rwsem"
            new ModelOrder("mmap_lock", "vm_lock", "linux/vma-lock"),
            new ModelOrder("vm_lock", "i_mmap_rwsem", "linux/vma-lock"),
            // models/linux/ceph.vmlock: fs/ceph/mds_client.h's "Some lock dependencies"
            new ModelOrder("ceph_session_mutex", "ceph_mdsc_mutex", "linux/ceph"),
            // models/linux/i915-gem.vmlock: i915_gem_fault() and drm_gem_mmap() take struct_mutex under
            // mmap_sem; the pwrite slow path drops it before down_read(&mm->mmap_sem)
            new ModelOrder("mmap_lock", "drm_struct_mutex", "linux/i915-gem"),
            // models/linux/nouveau-svm.vmlock: the MMU notifier and the GPU fault handler clear and
            // map GPU PTEs under svmm->mutex, each VMM method under vmm->mutex
            new ModelOrder("nouveau_svmm_mutex", "nvkm_vmm_mutex", "linux/nouveau-svm"));

    /** The declared order {@code inner} breaks when taken while {@code outer} is held, through ORDERS' chains. */
    public static Optional<ModelOrder> orderBroken(String held, String taken) {
        return ORDERS.stream().filter(o -> o.inner().equals(held) && ranksBefore(taken, o.outer()))
                .findFirst();
    }

    /** Whether {@code a} comes before {@code b} in ORDERS, directly or through others. */
    private static boolean ranksBefore(String a, String b) {
        if (a.equals(b)) return true;
        return ORDERS.stream().anyMatch(o -> o.outer().equals(a) && ranksBefore(o.inner(), b));
    }

    /**
     * A lock class the library declares only per instance (an array over a set: models/README.md's
     * rows whose model name has a subscript): a skeleton keeps it one lock, as lockdep's one class,
     * and says which array it is in the library.
     */
    public record InstanceLock(String lockdepName, String modelName, String model) {
    }

    /** One per row of models/README.md's lock-name table it names (LibraryNamesTest). */
    public static final List<InstanceLock> PER_INSTANCE = List.of(
            new InstanceLock("&type->s_umount_key", "s_umount[sb]", "linux/super"),
            new InstanceLock("&dquot->dq_lock", "dq_lock[dquot]", "linux/quota"),
            new InstanceLock("&xfs_dir_ilock_class", "xfs_ilock_of[inode]", "linux/xfs"),
            new InstanceLock("&osb->system_file_mutex", "system_file_mutex_of[sb]", "linux/ocfs2"),
            new InstanceLock("&ocfs2_file_ip_alloc_sem_key", "ip_alloc_sem_of[inode]", "linux/ocfs2"),
            new InstanceLock("&c->snapshot_create_lock", "snapshot_create_lock_of[sb]", "linux/bcachefs"),
            // bcachefs's btree node cache lock (fs/bcachefs/btree_cache.c bch2_fs_btree_cache_init_early()'s
            // mutex_init(&bc->lock)), one per filesystem
            new InstanceLock("&bc->lock", "btree_cache_lock_of[sb]", "linux/bcachefs-btree-cache"),
            new InstanceLock("&pipe->mutex", "pipe_mutex_of[pipe]", "linux/splice"),
            new InstanceLock("&ovl_i_mutex_key[depth]", "i_rwsem_of[inode]", "linux/overlayfs"),
            // IMA's integrity cache mutex, per inode (since "ima: annotate iint mutex ..." one class per
            // stacking depth, &iint_mutex_key[depth], not mapped)
            new InstanceLock("&iint->mutex", "iint_mutex_of[inode]", "linux/ima"),
            // &tree->tree_lock is not mapped: fs/hfs (linux/hfs) and fs/hfsplus (linux/hfsplus) print one name
            new InstanceLock("&HFSPLUS_I(inode)->extents_lock", "hfsplus_extents_lock_of[inode]", "linux/hfsplus"),
            // classic HFS: a file's extents_lock, and the B-trees' files' (hfs_btree_open()'s own mutex_init())
            new InstanceLock("&HFS_I(inode)->extents_lock", "hfs_extents_lock_of[inode]", "linux/hfs"),
            new InstanceLock("&HFS_I(tree->inode)->extents_lock", "hfs_extents_lock_of[inode]", "linux/hfs"),
            new InstanceLock("&REISERFS_SB(s)->lock", "reiserfs_lock_of[sb]", "linux/reiserfs"),
            // f2fs's per-filesystem rwsems (sbi = F2FS_SB(sb)); lockdep names each after init_f2fs_rwsem()'s argument
            new InstanceLock("&sbi->cp_rwsem", "f2fs_cp_rwsem_of[sb]", "linux/f2fs"),
            new InstanceLock("&sbi->quota_sem", "f2fs_quota_sem_of[sb]", "linux/f2fs"),
            new InstanceLock("&sbi->gc_lock", "f2fs_gc_lock_of[sb]", "linux/f2fs"),
            new InstanceLock("&sbi->cp_global_sem", "f2fs_cp_global_sem_of[sb]", "linux/f2fs"),
            // JFS's per-inode locks and its log's lock (an inline log: one per filesystem)
            new InstanceLock("&jfs_ip->rdwrlock", "jfs_rdwrlock_of[inode]", "linux/jfs"),
            new InstanceLock("&jfs_ip->commit_mutex", "jfs_commit_mutex_of[inode]", "linux/jfs"),
            new InstanceLock("&(log)->loglock", "jfs_loglock_of[sb]", "linux/jfs"),
            new InstanceLock("&disk->open_mutex", "disk_open_mutex_of[disk]", "linux/bdev"),
            new InstanceLock("&mddev->open_mutex", "mddev_open_mutex_of[disk]", "linux/md"),
            // every dma_resv (a dma-buf's, a GEM object's) is one ww_mutex class of reservation_ww_class
            new InstanceLock("reservation_ww_class_mutex", "dma_resv_of[dmabuf]", "linux/dma-buf"),
            // 2.6.18-2.6.30's in-kernel inotify: the class is gone from 6.x, the library models that era
            new InstanceLock("&inode->inotify_mutex", "inotify_mutex_of[inode]", "linux/inotify"),
            // 3.7-3.10's staging zram: every device's init_lock is one class (create_device()'s init_rwsem())
            new InstanceLock("&zram->init_lock", "zram_init_lock_of[disk]", "linux/zram"),
            // a shmem inode's shmem_inode_info lock (mm/shmem.c shmem_get_inode()'s spin_lock_init());
            // the i_pages xa_lock is not mapped: "&xa->xa_lock" names every xarray's lock
            new InstanceLock("&info->lock", "shmem_info_lock_of[inode]", "linux/shmem"),
            // an epoll instance's mutex and an io_uring instance's locks (fs/eventpoll.c, fs/io_uring.c)
            new InstanceLock("&ep->mtx", "ep_mtx_of[ep]", "linux/eventpoll"),
            new InstanceLock("&ctx->uring_lock", "uring_lock_of[ring]", "linux/io_uring"),
            new InstanceLock("&ctx->completion_lock", "completion_lock_of[ring]", "linux/io_uring"),
            // an SQPOLL ring's io_sq_data mutex (fs/io_uring.c io_get_sq_data()'s mutex_init()), one class
            new InstanceLock("&sqd->lock", "sqd_lock_of[ring]", "linux/io_uring"),
            // a JFFS2 filesystem's allocation mutex and eraseblock-list spinlock (fs/jffs2/nodemgmt.c,
            // gc.c), one class each; the spinlock as 3.0 printed a spinlock_t's class
            new InstanceLock("&c->alloc_sem", "jffs2_alloc_sem_of[sb]", "linux/jffs2"),
            new InstanceLock("&(&c->erase_completion_lock)->rlock", "jffs2_erase_completion_lock_of[sb]",
                    "linux/jffs2"),
            // btrfs's quota groups, per filesystem: the quota tree's root leaf (a tree block's class
            // is named after its tree and level) and the rescan mutex
            new InstanceLock("btrfs-quota-00", "btrfs_quota_leaf_of[sb]", "linux/btrfs"),
            new InstanceLock("&fs_info->qgroup_rescan_lock", "btrfs_qgroup_rescan_lock_of[sb]", "linux/btrfs"),
            // videobuf2's queue mmap_lock (3.17+, drivers/media/v4l2-core/videobuf2-core.c); the
            // driver's core lock is left unmapped: "&dev->mutex" also names struct device's mutex
            new InstanceLock("&q->mmap_lock", "vb2_mmap_lock_of[vdev]", "linux/v4l2"),
            // an ALSA PCM runtime's buffer mutex and its OSS emulation's parameter mutex, per
            // substream (sound/core/pcm.c snd_pcm_attach_substream(), oss/pcm_oss.c)
            new InstanceLock("&runtime->buffer_mutex", "pcm_buffer_mutex_of[pcm]", "linux/alsa-pcm"),
            new InstanceLock("&runtime->oss.params_lock", "pcm_oss_params_lock_of[pcm]", "linux/alsa-pcm"),
            // every CPU's perf context mutex is one class (perf_event_init_all_cpus()'s lockdep_set_class()),
            // and every CPU buffer's mapping lock of a tracing ring buffer another; the buffer's own
            // "&buffer->mutex" is left unmapped: configfs's file buffers print the same name
            new InstanceLock("&cpuctx_mutex", "perf_cpuctx_mutex_of[cpu]", "linux/perf"),
            new InstanceLock("&cpu_buffer->mapping_lock", "rb_mapping_lock_of[cpu]", "linux/ring-buffer"),
            // a superblock's rename mutex (fs/namei.c lock_rename()), one class per filesystem type
            new InstanceLock("&type->s_vfs_rename_key", "s_vfs_rename_mutex[sb]", "linux/namei"),
            // every nvme-tcp IPv4 socket's lock (nvme_tcp_reclassify_socket()'s class): one per socket
            new InstanceLock("sk_lock-AF_INET-NVME", "nvme_tcp_sk_lock_of[sock]", "linux/nvme-tcp"),
            // a FUSE inode's mutex (fs/fuse/inode.c fuse_alloc_inode()'s mutex_init()), one class for every inode
            new InstanceLock("&fi->mutex", "fuse_inode_mutex_of[inode]", "linux/fuse"),
            // a dm-thin pool's metadata lock (drivers/md/dm-thin-metadata.c dm_pool_metadata_open()'s
            // init_rwsem()), one class for every pool
            new InstanceLock("&pmd->root_lock", "pmd_root_lock_of[pool]", "linux/dm-thin"),
            // a process's exec locks (task->signal, fs/exec.c); the seq_file's "&p->lock" stays
            // unmapped: bcachefs's rcu_pending prints the same name
            new InstanceLock("&sig->cred_guard_mutex", "cred_guard_mutex_of[task]", "linux/exec"),
            new InstanceLock("&sig->exec_update_mutex", "exec_update_mutex_of[task]", "linux/exec"),
            // a kernel-created IPv6 socket's lock (net/core/sock.c sock_lock_init(): sk_kern_sock picks
            // the "k-" class), one class for every such socket: linux/sock's lock per socket
            new InstanceLock("k-sk_lock-AF_INET6", "sk_lock_of[sock]", "linux/sock"),
            // an AF_UNIX socket's lock (sock_lock_init()'s class by family, a user's socket) and its
            // I/O mutex (net/unix/af_unix.c unix_create1(): mutex_init(&u->iolock)), one class each
            // for every AF_UNIX socket: per socket in linux/sock and linux/af-unix
            new InstanceLock("sk_lock-AF_UNIX", "sk_lock_of[sock]", "linux/sock"),
            new InstanceLock("&u->iolock", "unix_iolock_of[sock]", "linux/af-unix"),
            // a VM's memslot locks and SRCU, a vCPU's mutex (virt/kvm/kvm_main.c kvm_create_vm(),
            // kvm_vcpu_init()): one class each for every VM or vCPU
            new InstanceLock("&kvm->slots_lock", "kvm_slots_lock_of[vm]", "linux/kvm"),
            new InstanceLock("&kvm->slots_arch_lock", "kvm_slots_arch_lock_of[vm]", "linux/kvm"),
            new InstanceLock("&kvm->srcu", "kvm_srcu_of[vm]", "linux/kvm"),
            new InstanceLock("&vcpu->mutex", "vcpu_mutex_of[vcpu]", "linux/kvm"),
            // a key's semaphore (security/keys/key.c key_alloc(): "lockdep_set_class(&key->sem,
            // &type->lock_class)"): one class per key type, every keyring's one: per key in linux/keys
            new InstanceLock("&type->lock_class", "key_sem_of[key]", "linux/keys"),
            // an AF_XDP socket's mutex (net/xdp/xsk.c xsk_create(): mutex_init(&xs->mutex)), one class
            // for every XDP socket: per socket in linux/xsk
            new InstanceLock("&xs->mutex", "xs_mutex_of[sock]", "linux/xsk"),
            // GFS2 (fs/gfs2): the quota change mutex and the log flush rwsem per filesystem, and
            // every gfs2 inode's i_rw_mutex one class (the quota files' too): linux/gfs2's per inode
            new InstanceLock("&sdp->sd_quota_mutex", "gfs2_quota_mutex_of[sb]", "linux/gfs2"),
            new InstanceLock("&sdp->sd_log_flush_lock", "gfs2_log_flush_lock_of[sb]", "linux/gfs2"),
            new InstanceLock("&ip->i_rw_mutex", "gfs2_i_rw_mutex_of[inode]", "linux/gfs2"));

    /**
     * Names lockdep printed for a library class in other kernels or for a variant of it, each with
     * the table's name it stands for: reports in the wild predate 6.12.
     */
    public static final Map<String, String> OTHER_NAMES = Map.of(
            // mm->mmap_sem was renamed mmap_lock in 5.8
            "&mm->mmap_sem", "&mm->mmap_lock",
            // a directory's i_rwsem: fs/inode.c lockdep_annotate_inode_mutex_key() gives it this class
            "&type->i_mutex_dir_key", "&sb->s_type->i_mutex_key",
            // the same key as xfs_setup_inode() names it (a class keeps the name of the first map taken)
            "&inode->i_sb->s_type->i_mutex_dir_key", "&sb->s_type->i_mutex_key",
            // invalidate_lock (5.15) was named by init_rwsem() before lockdep_set_class_and_name()
            "&mapping->invalidate_lock", "mapping.invalidate_lock",
            // before 51ee049e771c (2.6.32) s_vfs_rename_mutex had one class, named by mutex_init()
            "&s->s_vfs_rename_mutex", "&type->s_vfs_rename_key",
            // the class of a percpu_rw_semaphore's embedded rw_sem, before 7f26482a872c (5.8) removed
            // it: corpus 89's 4.13 report prints cpu_hotplug_lock so
            "cpu_hotplug_lock.rw_sem", "cpu_hotplug_lock",
            // the same for mem_hotplug_lock, a percpu rwsem since 3f906ba23689 (4.13): corpus 108's
            // 5.5 report prints it so
            "mem_hotplug_lock.rw_sem", "mem_hotplug_lock");

    /** Kernel functions the library models that take a library lock, called in place of the bare lock. */
    public static final List<ModelProcedure> PROCEDURES = List.of(
            new ModelProcedure("ext4_page_mkwrite", "linux/ext4", "", "ext4_page_mkwrite(P0);", "sb_pagefaults", true),
            new ModelProcedure("do_user_addr_fault", "linux/mm", "", "do_user_addr_fault(P0, false);", "mmap_lock",
                    true),
            new ModelProcedure("do_page_fault", "linux/mm", "", "do_user_addr_fault(P0, false);", "mmap_lock", true),
            // filemap_fault() takes invalidate_lock on a page-cache miss only; on a fault's first
            // try it then drops the mmap_lock the link holds (models/linux/mm.vmlock): a retried one
            new ModelProcedure("filemap_fault", "linux/mm",
                    "page_removed[P0] = true;  current->fault_flag_tried = true;  // a page-cache miss, a retried fault",
                    "filemap_fault(P0, false);", "invalidate_lock", true),
            new ModelProcedure("ext4_map_blocks", "linux/ext4", "", "ext4_map_blocks(P0);", "i_data_sem", false),
            new ModelProcedure("jbd2_journal_commit_transaction", "linux/jbd2", "",
                    "jbd2_journal_commit_transaction();", "s_journal", false));

    /**
     * What a blocked task's skeleton calls where its stack names it: the procedures above, and
     * ext4_writepages(), which starts a handle only when a dirty page needs blocks (fs/ext4's
     * model), so it is no chain link's way to take the journal. kjournald2() is not here: it
     * waits for transactions forever.
     */
    public static final List<ModelProcedure> BLOCKED_TASK_CALLS = Stream.concat(PROCEDURES.stream(),
            Stream.of(new ModelProcedure("ext4_writepages", "linux/ext4", "", "ext4_writepages();",
                    "s_journal", true))).toList();

    /** Kernel functions the library models, named in stack comments (what a fuller skeleton would call). */
    public static final Set<String> MODELLED = Set.of("filemap_fault", "ext4_page_mkwrite", "do_user_addr_fault",
            "handle_mm_fault", "do_wp_page", "page_mkclean", "clear_page_dirty_for_io", "ext4_writepages",
            "ext4_map_blocks", "ext4_da_write_begin", "ext4_write_begin", "jbd2_journal_commit_transaction",
            "kjournald2", "jbd2_log_wait_commit", "jbd2__journal_start", "try_to_free_pages", "shrink_page_list",
            "pageout", "kswapd", "balance_dirty_pages", "wb_workfn", "do_writepages", "__mm_populate",
            "truncate_inode_pages_range", "ext4_dax_huge_fault", "generic_perform_write", "lock_page",
            "filemap_write_page", "ext2_writepage", "ext2_writepages", "ext4_writepage", "ext4_sync_file",
            "__alloc_pages_slowpath", "shrink_node", "do_try_to_free_pages", "balance_pgdat", "nilfs_transaction_begin",
            "nilfs_dirty_inode", "nilfs_write_begin", "nilfs_symlink", "page_symlink", "super_cache_scan");

    /** lockdep maps that are no lock a skeleton could take: RCU read sides. */
    private static final List<String> NOT_LOCKS = List.of("rcu_read_lock", "rcu_callback", "rcu_read_lock_sched",
            "rcu_read_lock_bh");

    /**
     * The workqueue's maps, a skeleton's {@code lockdep_map}s: kernel/workqueue.c wq_init_lockdep()
     * names a workqueue's map "(wq_completion)" and its name, include/linux/workqueue.h
     * __INIT_WORK() a work item's "(work_completion)" and the work's expression.
     */
    private static final List<String> WORKQUEUE_MAPS = List.of("(wq_completion)", "(work_completion)");

    /**
     * Functions that flush a work item or a workqueue: each acquires and releases its map, then
     * waits for a barrier the worker completes after the work (kernel/workqueue.c).
     */
    private static final List<String> FLUSHES = List.of("__flush_work", "flush_work", "flush_delayed_work",
            "__cancel_work_timer", "__cancel_work_sync", "cancel_work_sync", "cancel_delayed_work_sync",
            "__flush_workqueue", "flush_workqueue", "drain_workqueue", "destroy_workqueue");

    /** lockdep's map around the MMU notifiers' callbacks: linux/rmap's {@code mmu_notifier_invalidate_range_start()}. */
    public static final String MMU_NOTIFIER_MAP = "mmu_notifier_invalidate_range_start";

    /** printk's map around a console driver's write (console_owner_dep_map): linux/printk's {@code console_unlock()}. */
    public static final String CONSOLE_OWNER_MAP = "console_owner";

    /** lockdep's map for an allocation that may enter filesystem reclaim: vmlock's {@code alloc()}. */
    public static final String FS_RECLAIM = "fs_reclaim";

    private LibraryNames() {
    }

    public static Optional<ModelLock> lock(LockClass c) {
        String name = libraryName(c);
        return LOCKS.stream().filter(l -> l.lockdepName().equals(name)).findFirst();
    }

    /** The library's per-instance array for a class it declares only per instance. */
    public static Optional<InstanceLock> perInstance(LockClass c) {
        String name = libraryName(c);
        return PER_INSTANCE.stream().filter(l -> l.lockdepName().equals(name)).findFirst();
    }

    /** The class's name without version or subclass, as the library tables spell it ({@link #OTHER_NAMES}). */
    private static String libraryName(LockClass c) {
        return OTHER_NAMES.getOrDefault(c.baseName(), c.baseName());
    }

    public static Optional<ModelProcedure> procedureTaking(String modelName, List<Frame> stack) {
        for (Frame f : stack) {
            for (ModelProcedure p : PROCEDURES) {
                if (p.function().equals(f.function()) && p.takes().equals(modelName)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The outermost frame of {@code stack} (innermost first) that names one of {@code procedures}. */
    public static Optional<ModelProcedure> outermost(List<ModelProcedure> procedures, List<Frame> stack) {
        for (int i = stack.size() - 1; i >= 0; i--) {
            String function = stack.get(i).function();
            Optional<ModelProcedure> p = procedures.stream().filter(m -> m.function().equals(function)).findFirst();
            if (p.isPresent()) return p;
        }
        return Optional.empty();
    }

    public static boolean notALock(LockClass c) {
        return NOT_LOCKS.stream().anyMatch(n -> c.name().startsWith(n));
    }

    public static boolean workqueueMap(LockClass c) {
        return WORKQUEUE_MAPS.stream().anyMatch(n -> c.name().startsWith(n));
    }

    /** The worker's function that enters a work's maps before running it (kernel/workqueue.c). */
    static final String PROCESS_ONE_WORK = "process_one_work";

    /**
     * The innermost flush or worker on a stack that takes a workqueue map: a flush waits for the
     * work, the worker runs it; empty when the stack names neither.
     */
    static Optional<String> flushOrWorker(List<Frame> stack) {
        return stack.stream().map(Frame::function).filter(f -> FLUSHES.contains(f) || f.equals(PROCESS_ONE_WORK))
                .findFirst();
    }
}
