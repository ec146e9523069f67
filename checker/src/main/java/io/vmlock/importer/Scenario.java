package io.vmlock.importer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A skeleton being built: its lock declarations (library or local), imports, extra declarations,
 * threads and expect clause, rendered in a fixed order so the output is deterministic.
 */
final class Scenario {
    /** A declared lock class: the skeleton's name, its kind, the library lock it is (if any), why that kind. */
    record Lock(LockClass lockdep, String name, LockKind kind, Optional<LibraryNames.ModelLock> model, String reason) {
        String acquire(boolean shared) {
            if (model.isPresent()) {
                String wrapper = shared && kind.shareable() ? model.get().lockShared() : model.get().lock();
                if (!wrapper.isEmpty()) return wrapper;
            }
            return kind.acquire(name, shared);
        }

        String release(boolean shared) {
            if (model.isPresent()) {
                String wrapper = shared && kind.shareable() ? model.get().unlockShared() : model.get().unlock();
                if (!wrapper.isEmpty()) return wrapper;
            }
            return kind.release(name, shared);
        }
    }

    /**
     * The models a skeleton may import, in import order; libraryNeeds() says what a scenario that
     * imports each must declare (models/README.md). Every model LibraryNames names is here (LibraryNamesTest).
     */
    static final List<String> MODEL_ORDER = List.of("linux/fs", "linux/jbd2", "linux/mm", "linux/rmap",
            "linux/vma-lock", "linux/ext4", "linux/ext4-xattr", "linux/nilfs2", "linux/erofs", "linux/memory-hotplug",
            "linux/cpuhp", "linux/slab", "linux/cgroup", "linux/userfaultfd", "linux/9p", "linux/cifs", "linux/nvme-tcp",
            "linux/ceph", "linux/i915-gem", "linux/uprobes", "linux/perf", "linux/fuse", "linux/shmem", "linux/nbd",
            "linux/rds", "linux/nouveau-svm", "linux/kvm", "linux/tty", "linux/memory-failure", "linux/keys",
            "linux/memcg", "linux/microcode", "linux/xsk", "linux/dm-thin",
            "linux/shrinker-rwsem", "linux/hugetlb", "linux/bpf", "linux/page-alloc", "linux/debugfs-cpuhp",
            "linux/fbdev-defio", "linux/kmemleak", "linux/nfsd", "linux/file-locks", "linux/vfio",
            "linux/workqueue", "linux/printk", "linux/serial8250", "linux/percpu", "linux/ftrace",
            "linux/af-packet", "linux/kernfs-dir", "linux/vfio-pci", "linux/fsnotify", "linux/memory-block",
            "linux/netfs", "linux/scsi-scan", "linux/af-unix", "linux/blk-sysfs", "linux/fbcon", "linux/ima",
            "linux/memcg-oom", "linux/efivarfs");
    private static final Set<String> RESERVED = Set.of("thread", "proc", "mutex", "spinlock", "rwsem", "journal",
            "set", "const", "int", "bool", "if", "else", "while", "return", "import", "expect", "order", "init",
            "reclaim", "daemon", "interrupt", "mapping", "completion", "repeat", "foreach", "either", "or", "true",
            "false", "not", "clean", "on", "in", "break", "continue", "invariant", "page", "P0", "sb", "S0", "cpu", "C0",
            "mm", "M0", "inode", "I0", "sock", "K0", "vm", "VM", "vcpu", "V0", "key", "KEY0",
            "pool", "POOL0", "vma", "VMA0");

    private final Map<String, Lock> locks = new LinkedHashMap<>();
    /** The seqlock_ts the report names a seqcount of ({@link LockClass#seqlock}), and each one's lock once declared. */
    private final Set<String> seqlockNames;
    private final Map<String, Lock> seqlocks = new LinkedHashMap<>();
    private final Set<String> names = new TreeSet<>();
    private final Set<String> imports = new TreeSet<>();
    private final List<String> declarations = new ArrayList<>();
    private final List<String> blocks = new ArrayList<>();
    private final List<String> expects = new ArrayList<>();
    /** What the report shows the MMU notifiers' callbacks taking: the body of mn_invalidate_range_start(). */
    private final List<String> notifierCallbacks = new ArrayList<>();
    /** What the report shows a console driver's write taking under console_owner: the body of console_write(). */
    private final List<String> consoleWrites = new ArrayList<>();

    /** {@code seqlocks}: the seqlock_ts whose seqcount class the report prints anywhere. */
    Scenario(Set<String> seqlocks) {
        this.seqlockNames = Set.copyOf(seqlocks);
    }

    /**
     * The lock for a class, declared on first use with the kind guessed from that use. A seqlock_t's
     * two classes, NAME (its spinlock_t) and NAME.seqcount, are one seqlock.
     */
    Lock lock(LockClass c, KindGuess guess) {
        Lock existing = locks.get(c.name());
        if (existing != null) return existing;
        Optional<String> seqlock = c.seqlock().or(() -> Optional.of(c.baseName()).filter(seqlockNames::contains));
        if (seqlock.isPresent()) {
            Lock l = seqlocks.computeIfAbsent(seqlock.get(), name -> new Lock(c, fresh(identifier(name)),
                    LockKind.SEQLOCK, Optional.empty(), "lockdep's " + name + " and " + name + ".seqcount are a "
                    + "seqlock_t's spinlock_t and seqcount (include/linux/seqlock.h __SEQLOCK_UNLOCKED)"));
            locks.put(c.name(), l);
            return l;
        }
        Optional<LibraryNames.ModelLock> model = LibraryNames.lock(c);
        Lock lock;
        if (model.isPresent()) {
            imports.add(model.get().model());
            lock = new Lock(c, model.get().modelName(), model.get().kind(), model, "in " + model.get().model());
        } else {
            lock = new Lock(c, fresh(identifier(c.baseName())), guess.kind(), Optional.empty(), guess.reason());
        }
        locks.put(c.name(), lock);
        return lock;
    }

    /** Each lockdep class read from the report (full name, with #N and /N) and the skeleton's name for it. */
    Map<String, String> classNames() {
        Map<String, String> names = new LinkedHashMap<>();
        locks.forEach((lockdep, lock) -> names.put(lockdep, lock.name()));
        return names;
    }

    private final Map<String, String> barriers = new LinkedHashMap<>();

    /**
     * The completion a flush of a workqueue map waits for, declared on first use: the wq_barrier
     * work queued behind the work, which the worker completes once the work has run.
     */
    String barrier(Lock map) {
        return barriers.computeIfAbsent(map.name(), name -> {
            String barrier = fresh(name + "_flushed");
            declare("completion " + barrier + ";  // a flush of " + map.lockdep().name() + " waits for it: the "
                    + "wq_barrier the worker completes after the work");
            return barrier;
        });
    }

    /** Whether the skeleton has declared the library lock {@code modelName} so far. */
    boolean declares(String modelName) {
        return locks.values().stream().anyMatch(l -> l.model().isPresent() && l.name().equals(modelName));
    }

    void use(String model) {
        imports.add(model);
    }

    /** A name for a thread, procedure or completion that clashes with nothing declared so far. */
    String fresh(String wanted) {
        String base = wanted.isEmpty() || Character.isDigit(wanted.charAt(0)) ? "t_" + wanted : wanted;
        if (RESERVED.contains(base) || base.startsWith("__")) base = "k_" + base.replaceFirst("^_+", "");
        String name = base;
        for (int n = 2; names.contains(name) || isLibraryName(name); n++) name = base + "_" + n;
        names.add(name);
        return name;
    }

    private static boolean isLibraryName(String name) {
        return LibraryNames.LOCKS.stream().anyMatch(l -> l.modelName().equals(name));
    }

    /** {@code &mapping->invalidate_lock} -> {@code mapping_invalidate_lock}. */
    static String identifier(String text) {
        String id = text.replace("->", "_").replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_+", "_")
                .replaceAll("^_|_$", "");
        return id.length() > 60 ? id.substring(0, 60) : id;
    }

    void declare(String text) {
        declarations.add(text);
    }

    void block(String text) {
        blocks.add(text);
    }

    /** Adds statements, with a comment line first, to the registered notifiers' callback. */
    void notifierCallback(String statements) {
        notifierCallbacks.add(statements);
    }

    /** Adds statements, with a comment line first, to the console driver's write. */
    void consoleWrite(String statements) {
        consoleWrites.add(statements);
    }

    void expect(String verdict) {
        expects.add(verdict);
    }

    String render(List<String> header) {
        StringBuilder out = new StringBuilder();
        header.forEach(h -> out.append(h.isEmpty() ? "//" : "// " + h).append('\n'));
        out.append('\n');
        List<String> ordered = MODEL_ORDER.stream().filter(imports::contains).toList();
        ordered.forEach(m -> out.append("import \"").append(m).append("\";\n"));
        if (!ordered.isEmpty()) {
            out.append('\n').append(libraryNeeds(ordered, notifierCallbacks, consoleWrites)).append('\n');
        }
        boolean local = false;
        for (Lock l : locks.values().stream().distinct().toList()) {
            if (l.model().isPresent()) continue;
            local = true;
            // a class the library has per instance stays one lock: lockdep's view, which the skeleton replays
            String library = LibraryNames.perInstance(l.lockdep())
                    .map(p -> ": the library's " + p.modelName() + " (" + p.model() + "), one lock here as lockdep's class; ")
                    .orElse(": not in the model library; ");
            out.append(l.kind().keyword()).append(' ').append(l.name()).append(";  // ")
                    .append(l.lockdep().printed()).append(library).append(l.kind().keyword())
                    .append(" guessed: ").append(l.reason()).append('\n');
        }
        if (local) out.append('\n');
        declarations.forEach(d -> out.append(d).append('\n'));
        if (!declarations.isEmpty()) out.append('\n');
        blocks.forEach(b -> out.append(b).append('\n'));
        out.append("expect ").append(String.join(", ", expects)).append(";\n");
        return out.toString();
    }

    /**
     * The library models each model a skeleton may import brings in by its own {@code import}
     * lines, and what those bring in, down to models that import nothing (omitted here).
     * libraryNeeds() serves the whole closure; ScenarioImportsTest checks this table against the
     * models' import lines.
     */
    static final Map<String, List<String>> IMPORTS = Map.ofEntries(
            Map.entry("linux/af-packet", List.of("linux/vma-instances")),
            Map.entry("linux/af-unix", List.of("linux/sock")),
            Map.entry("linux/bpf", List.of("linux/page-alloc")),
            Map.entry("linux/cgroup", List.of("linux/cpuhp", "linux/mm")),
            Map.entry("linux/debugfs-cpuhp", List.of("linux/inode-instances", "linux/cpuhp")),
            Map.entry("linux/erofs", List.of("linux/super")),
            Map.entry("linux/dm-thin", List.of("linux/shrinker-rwsem")),
            Map.entry("linux/efivarfs", List.of("linux/inode-instances")),
            Map.entry("linux/ext4", List.of("linux/mm", "linux/jbd2", "linux/fs")),
            Map.entry("linux/ext4-xattr", List.of("linux/ext4")),
            Map.entry("linux/fbcon", List.of("linux/fbdev-defio")),
            Map.entry("linux/fbdev-defio", List.of("linux/mm", "linux/workqueue")),
            Map.entry("linux/fsnotify", List.of("linux/udf")),
            Map.entry("linux/fuse", List.of("linux/inode-instances")),
            Map.entry("linux/i915-gem", List.of("linux/mm")),
            Map.entry("linux/ima", List.of("linux/fs", "linux/inode-instances")),
            Map.entry("linux/jbd2", List.of("linux/writeback")),
            Map.entry("linux/kmemleak", List.of("linux/printk")),
            Map.entry("linux/kvm", List.of("linux/cpuhp")),
            Map.entry("linux/hugetlb", List.of("linux/rmap")),
            Map.entry("linux/memory-failure", List.of("linux/cpuhp", "linux/hugetlb")),
            Map.entry("linux/memory-block", List.of("linux/memory-hotplug", "linux/cpuhp")),
            Map.entry("linux/memcg", List.of("linux/cpuhp")),
            Map.entry("linux/microcode", List.of("linux/cpuhp", "linux/namei")),
            Map.entry("linux/mm", List.of("linux/writeback", "linux/fs", "linux/lru")),
            Map.entry("linux/mm-instances", List.of("linux/mm", "linux/inode-instances")),
            Map.entry("linux/namei", List.of("linux/fs", "linux/inode-instances")),
            Map.entry("linux/nbd", List.of("linux/blk-mq", "linux/sock")),
            Map.entry("linux/netfs", List.of("linux/mm", "linux/workqueue")),
            Map.entry("linux/nfsd", List.of("linux/file-locks")),
            Map.entry("linux/nilfs2", List.of("linux/super")),
            Map.entry("linux/nouveau-svm", List.of("linux/rmap")),
            Map.entry("linux/nvme-tcp", List.of("linux/blk-mq")),
            Map.entry("linux/perf", List.of("linux/mm", "linux/cpuhp")),
            Map.entry("linux/printk", List.of("linux/serial8250")),
            Map.entry("linux/rds", List.of("linux/sock")),
            Map.entry("linux/rmap", List.of("linux/mm")),
            Map.entry("linux/scsi-scan", List.of("linux/blk-mq")),
            Map.entry("linux/slab", List.of("linux/cpuhp")),
            Map.entry("linux/serial8250", List.of("linux/tty")),
            Map.entry("linux/super", List.of("linux/fs", "linux/writeback")),
            Map.entry("linux/udf", List.of("linux/super", "linux/inode-instances")),
            Map.entry("linux/uprobes", List.of("linux/mm-instances", "linux/workqueue")),
            Map.entry("linux/vma-instances", List.of("linux/vma-lock")),
            Map.entry("linux/vma-lock", List.of("linux/rmap")),
            Map.entry("linux/vfio", List.of("linux/mm", "linux/workqueue")),
            Map.entry("linux/vfio-pci", List.of("linux/mm", "linux/kernfs-dir")),
            Map.entry("linux/xsk", List.of("linux/mm")));

    /** {@code models} and every model they import, directly or not ({@link #IMPORTS}). */
    static Set<String> withImports(Collection<String> models) {
        Set<String> all = new TreeSet<>();
        Deque<String> work = new ArrayDeque<>(models);
        while (!work.isEmpty()) {
            String m = work.pop();
            if (all.add(m)) work.addAll(IMPORTS.getOrDefault(m, List.of()));
        }
        return all;
    }

    /**
     * What the imported models, and the models they import, need the scenario to declare
     * (models/README.md, "Conventions"; each model's header lists its own needs), with the MMU
     * notifiers' callback taking what {@code callbacks} say.
     */
    private static String libraryNeeds(List<String> models, List<String> callbacks, List<String> consoleWrites) {
        Set<String> all = withImports(models);
        StringBuilder out = new StringBuilder("// What the imported models need from a scenario (models/README.md):\n");
        out.append("set page { P0 };\n");
        // linux/namei's s_vfs_rename_mutex is per superblock
        if (all.contains("linux/super") || all.contains("linux/namei")) out.append("set sb { S0 };\n");
        if (all.contains("linux/writeback")) {
            out.append("const dirty_limit = 4;\n");
            out.append("proc a_ops_writepages() { }          // bind to the filesystem's ->writepages\n");
        }
        if (all.contains("linux/fbdev-defio")) {
            // the framebuffer's own vm_ops (fb_deferred_io_vm_ops): ->fault and ->page_mkwrite
            out.append("int vm_ops_fault(page p, bool write) { return fb_deferred_io_fault(p); }\n");
            out.append("proc vm_ops_page_mkwrite(page p) { fb_deferred_io_mkwrite(p); }\n");
        } else if (all.contains("linux/mm")) {
            out.append("int vm_ops_fault(page p, bool write) { return filemap_fault(p, write); }\n");
            // generic_file_vm_ops pairs filemap_fault with filemap_page_mkwrite, which returns with
            // the folio locked as do_page_mkwrite() asserts (an empty binding would break that
            // assertion on the first store through a read-only PTE)
            out.append("proc vm_ops_page_mkwrite(page p) { filemap_page_mkwrite(p); }  // bind to the filesystem's ->page_mkwrite\n");
        }
        if (all.contains("linux/mm-instances")) out.append("set mm { M0 };\n");
        // linux/inode-instances' locks are per inode, and so are linux/shmem's (shmem_info_lock_of, i_pages_xa_lock_of)
        if (all.contains("linux/inode-instances") || all.contains("linux/shmem")) out.append("set inode { I0 };\n");
        if (all.contains("linux/ext4")) out.append("const nr_free_blocks = 4;\n");
        // linux/udf's eviction (linux/fsnotify's dcache path) calls the filesystem's ->evict_inode
        if (all.contains("linux/udf")) {
            out.append("proc s_op_evict_inode(inode i) { }  // bind to the filesystem's ->evict_inode\n");
        }
        if (all.contains("linux/rmap") && callbacks.isEmpty()) {
            out.append("proc mn_invalidate_range_start() { }  // bind to the registered MMU notifiers' ->invalidate_range_start\n");
        } else if (all.contains("linux/rmap")) {
            out.append("proc mn_invalidate_range_start() {  // the registered MMU notifiers' ->invalidate_range_start\n");
            callbacks.forEach(c -> out.append("    ").append(c));
            out.append("}\n");
        }
        if (all.contains("linux/memory-hotplug")) {
            out.append("proc memory_chain_call(int action) { }  // bind to the memory chain's callbacks (ksm_memory_callback(action), ...)\n");
        }
        if (all.contains("linux/cpuhp")) out.append("set cpu { C0 };\n");
        // linux/kvm's locks are per VM and per vCPU
        if (all.contains("linux/kvm")) out.append("set vm { VM };\nset vcpu { V0 };\n");
        if (all.contains("linux/jbd2") && !all.contains("linux/ext4")) {
            out.append("proc fs_submit_inode_data_buffers() { }  // bind to the filesystem's ordered-mode data writeback\n");
        }
        // linux/sock's socket locks are per socket (linux/af-unix's u->iolock too), and so are
        // linux/xsk's XDP socket mutexes
        if (all.contains("linux/sock") || all.contains("linux/xsk")) out.append("set sock { K0 };\n");
        // linux/keys' key semaphores are per key
        if (all.contains("linux/keys")) out.append("set key { KEY0 };\n");
        // linux/dm-thin's metadata locks are per pool
        if (all.contains("linux/dm-thin")) out.append("set pool { POOL0 };\n");
        // linux/vma-instances' per-VMA locks (linux/af-packet's VMAs) are per VMA
        if (all.contains("linux/vma-instances")) out.append("set vma { VMA0 };\n");
        // linux/printk's console_write() has the 8250's write as its default; a report's links under
        // console_owner are its driver's
        if (all.contains("linux/printk") && !consoleWrites.isEmpty()) {
            out.append("proc console_write() {  // the console driver's ->write, under console_owner\n");
            consoleWrites.forEach(c -> out.append("    ").append(c));
            out.append("}\n");
        }
        return out.toString();
    }
}
