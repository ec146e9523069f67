package io.vmlock.ast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * A GFP mask: whether the allocation may sleep, which reclaim it may enter, and whether lockdep
 * sees it. The bits and composites are the kernel's, from include/linux/gfp_types.h (torvalds/linux
 * at 16f5dfbc851b): GFP_KERNEL is __GFP_RECLAIM | __GFP_IO | __GFP_FS, GFP_NOFS __GFP_RECLAIM |
 * __GFP_IO, GFP_NOIO __GFP_RECLAIM, GFP_ATOMIC __GFP_HIGH | __GFP_KSWAPD_RECLAIM, GFP_NOWAIT
 * __GFP_KSWAPD_RECLAIM | __GFP_NOWARN; __GFP_RECLAIM is direct and kswapd reclaim.
 * {@code text} is the mask as written, {@code GFP_KERNEL | __GFP_NOLOCKDEP}. A mask may clear
 * __GFP_FS or __GFP_IO, {@code GFP_KERNEL & ~__GFP_FS}, as callers narrow a mapping's mask
 * (mapping_gfp_constraint() in include/linux/pagemap.h is {@code mapping_gfp_mask(mapping) & gfp_mask}).
 */
public record Gfp(int bits, String text) {
    static final int HIGH = 0x20;
    static final int IO = 0x40;
    static final int FS = 0x80;
    static final int DIRECT_RECLAIM = 0x400;
    static final int KSWAPD_RECLAIM = 0x800;
    static final int NOWARN = 0x2000;
    static final int NOFAIL = 0x8000;
    static final int NORETRY = 0x10000;
    static final int NOLOCKDEP = 0x4000000;
    private static final int RECLAIM = DIRECT_RECLAIM | KSWAPD_RECLAIM;

    /** The composite contexts an allocation names. */
    private static final LinkedHashMap<String, Integer> CONTEXTS = new LinkedHashMap<>();
    /** The modifiers that may be or'ed onto one. */
    private static final LinkedHashMap<String, Integer> MODIFIERS = new LinkedHashMap<>();
    /** The reclaim bits a mask may clear with {@code & ~}. */
    private static final LinkedHashMap<String, Integer> CLEARABLE = new LinkedHashMap<>();

    static {
        CONTEXTS.put("GFP_KERNEL", RECLAIM | IO | FS);
        CONTEXTS.put("GFP_NOFS", RECLAIM | IO);
        CONTEXTS.put("GFP_NOIO", RECLAIM);
        CONTEXTS.put("GFP_NOWAIT", KSWAPD_RECLAIM | NOWARN);
        CONTEXTS.put("GFP_ATOMIC", HIGH | KSWAPD_RECLAIM);
        // __GFP_NOFAIL retries for ever and __GFP_NORETRY reclaims lightly: both still reclaim and sleep
        MODIFIERS.put("__GFP_NOFAIL", NOFAIL);
        MODIFIERS.put("__GFP_NORETRY", NORETRY);
        MODIFIERS.put("__GFP_NOLOCKDEP", NOLOCKDEP);
        CLEARABLE.put("__GFP_FS", FS);
        CLEARABLE.put("__GFP_IO", IO);
    }

    public Gfp {
        java.util.Objects.requireNonNull(text);
    }

    /** Direct reclaim sleeps; an allocation that may reclaim may sleep. */
    public boolean mayReclaim() {
        return (bits & DIRECT_RECLAIM) != 0;
    }

    /** __GFP_IO: reclaim may start I/O. */
    public boolean allowsIo() {
        return (bits & IO) != 0;
    }

    /** __GFP_FS: reclaim may call into the filesystem. */
    public boolean allowsFs() {
        return (bits & FS) != 0;
    }

    /**
     * Whether lockdep sees the allocation's reclaim: __GFP_NOLOCKDEP makes mm/page_alloc.c's
     * __need_reclaim() false, so fs_reclaim_acquire() takes no fs_reclaim. Reclaim still runs.
     */
    public boolean lockdepSeesReclaim() {
        return (bits & NOLOCKDEP) == 0;
    }

    /** GFP_KERNEL, GFP_NOFS, GFP_NOIO, GFP_NOWAIT, GFP_ATOMIC. */
    public static List<String> contexts() {
        return List.copyOf(CONTEXTS.keySet());
    }

    /** __GFP_NOFAIL, __GFP_NORETRY, __GFP_NOLOCKDEP. */
    public static List<String> modifiers() {
        return List.copyOf(MODIFIERS.keySet());
    }

    /** __GFP_FS, __GFP_IO. */
    public static List<String> clearable() {
        return List.copyOf(CLEARABLE.keySet());
    }

    public static boolean isClearable(String name) {
        return CLEARABLE.containsKey(name);
    }

    public static boolean isContext(String name) {
        return CONTEXTS.containsKey(name);
    }

    public static boolean isModifier(String name) {
        return MODIFIERS.containsKey(name);
    }

    /** A context alone: {@code GFP_NOFS}. */
    public static Optional<Gfp> byName(String name) {
        return of(List.of(name));
    }

    /** A context or'ed with modifiers, {@code GFP_KERNEL | __GFP_NOLOCKDEP}; empty unless exactly one context. */
    public static Optional<Gfp> of(List<String> names) {
        return of(names, List.of());
    }

    /**
     * {@code (names...) & ~cleared...}: the or'ed names with the cleared bits taken out, as
     * {@code (GFP_KERNEL | __GFP_NOFAIL) & ~__GFP_FS}; empty unless exactly one context and every
     * cleared name is clearable.
     */
    public static Optional<Gfp> of(List<String> names, List<String> cleared) {
        int clear = 0;
        for (String c : cleared) {
            Integer b = CLEARABLE.get(c);
            if (b == null) return Optional.empty();
            clear |= b;
        }
        int bits = 0;
        int contexts = 0;
        for (String n : names) {
            Integer b = CONTEXTS.containsKey(n) ? CONTEXTS.get(n) : MODIFIERS.get(n);
            if (b == null) return Optional.empty();
            if (CONTEXTS.containsKey(n)) contexts++;
            bits |= b;
        }
        return contexts == 1 ? Optional.of(new Gfp(bits & ~clear, text(names, cleared))) : Optional.empty();
    }

    /** The mask as the kernel writes it: {@code GFP_KERNEL & ~__GFP_FS}, brackets around an or. */
    public static String text(List<String> names, List<String> cleared) {
        String or = String.join(" | ", names);
        if (cleared.isEmpty()) return or;
        StringBuilder text = new StringBuilder(names.size() > 1 ? "(" + or + ")" : or);
        cleared.forEach(c -> text.append(" & ~").append(c));
        return text.toString();
    }
}
