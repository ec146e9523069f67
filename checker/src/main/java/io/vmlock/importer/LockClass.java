package io.vmlock.importer;

import io.vmlock.lockdep.SeqlockClasses;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lock class as lockdep prints it: {@code (&mapping->invalidate_lock){++++}-{3:3}}. The name
 * keeps lockdep's {@code #N} (name version) and {@code /N} (subclass) suffixes; the usage string
 * is laid out as {@link UsageLayout} says; the wait-type pair, printed since 5.7, may be absent.
 */
public record LockClass(String name, String usage, Optional<String> waitTypes, UsageLayout layout) {
    /** A class, its usage and wait types, and what follows them; the name may hold parentheses. */
    static final Pattern PRINTED = Pattern.compile("\\((.+)\\)\\{([^{}]*)\\}(?:-\\{(\\d+:\\d+)\\})?");

    /**
     * How the usage string's characters are laid out (kernel/locking/lockdep.c, get_usage_chars()).
     * Since 2.6.30 they are two per irq state, write then read: {@code {+.+.}}. Before, as 2.6.2x's
     * kernel/lockdep.c prints them, four characters gave the hardirq and the softirq write usages,
     * then the hardirq and the softirq read usages: 2.6.27's {@code {--..}} is a class only ever
     * write-held, with irqs enabled.
     */
    public enum UsageLayout {
        PER_STATE, WRITES_THEN_READS;

        /**
         * The layout of a report whose banner is {@code banner}: a four-character usage under the
         * bracketed "[ INFO: ... ]" banner is a kernel before 2.6.30, which had no RECLAIM_FS
         * state; from 2.6.30 the bracketed banner's usages have six characters (three states),
         * and four came back (RECLAIM_FS gone) only under the "WARNING:" banner.
         */
        static UsageLayout of(String banner, String usage) {
            return banner.strip().startsWith("[ INFO:") && usage.length() == 4 ? WRITES_THEN_READS : PER_STATE;
        }
    }

    public LockClass {
        if (name.isBlank()) throw new IllegalArgumentException("a lock class has a name");
    }

    /** A class whose usage is laid out per irq state, as every kernel since 2.6.30 prints it. */
    public LockClass(String name, String usage, Optional<String> waitTypes) {
        this(name, usage, waitTypes, UsageLayout.PER_STATE);
    }

    /**
     * The class at the start of {@code text} (after an optional address), or empty, in a report
     * whose banner line is {@code banner} (which dates its usage strings' layout).
     */
    static Optional<Parsed> parse(String text, String banner) {
        Matcher m = Pattern.compile("^(?:[0-9a-f]{8,16}\\s+)?" + PRINTED.pattern()).matcher(text.strip());
        if (!m.find()) return Optional.empty();
        LockClass lock = new LockClass(m.group(1), m.group(2), Optional.ofNullable(m.group(3)),
                UsageLayout.of(banner, m.group(2)));
        return Optional.of(new Parsed(lock, text.strip().substring(m.end())));
    }

    /** A parsed class and the rest of its line ({@code , at: ...} or {@code :}). */
    record Parsed(LockClass lock, String rest) {
        /** The function after {@code at:}, without offset and file, or "". */
        String at() {
            int at = rest.indexOf("at:");
            return at < 0 ? "" : Frame.of(rest.substring(at + 3)).map(Frame::function).orElse("");
        }
    }

    /** The name without lockdep's name version and subclass: {@code &sb->s_type->i_mutex_key}. */
    public String baseName() {
        return name.replaceAll("(?:#\\d+)?(?:/\\d+)?$", "");
    }

    /** Whether the name has lockdep's name version ({@code #N}): another key of that name, another filesystem's, say. */
    public boolean versioned() {
        return name.matches(".*#\\d+(?:/\\d+)?");
    }

    /**
     * The seqlock_t whose seqcount this class is: {@code mount_lock} for {@code mount_lock.seqcount}
     * ({@link SeqlockClasses}), read from the name without version or subclass.
     */
    public Optional<String> seqlock() {
        return SeqlockClasses.seqlockOf(baseName());
    }

    /** Whether the usage string records a read acquisition (a read character that is not '.'). */
    public boolean everReadHeld() {
        return anyUsed(true);
    }

    /** Whether the usage string records a write acquisition. */
    public boolean everWriteHeld() {
        return anyUsed(false);
    }

    private boolean anyUsed(boolean read) {
        for (int i = 0; i < usage.length(); i++) {
            boolean readChar = layout == UsageLayout.WRITES_THEN_READS ? i >= usage.length() / 2 : i % 2 == 1;
            if (readChar == read && usage.charAt(i) != '.') return true;
        }
        return false;
    }

    /** As lockdep printed it. */
    public String printed() {
        return "(" + name + "){" + usage + "}" + waitTypes.map(w -> "-{" + w + "}").orElse("");
    }
}
