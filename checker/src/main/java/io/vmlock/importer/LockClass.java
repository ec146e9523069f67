package io.vmlock.importer;

import io.vmlock.lockdep.SeqlockClasses;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lock class as lockdep prints it: {@code (&mapping->invalidate_lock){++++}-{3:3}}. The name
 * keeps lockdep's {@code #N} (name version) and {@code /N} (subclass) suffixes; the usage string
 * is two characters per irq state, write then read (kernel/locking/lockdep.c, get_usage_chars());
 * the wait-type pair, printed since 5.7, may be absent.
 */
public record LockClass(String name, String usage, Optional<String> waitTypes) {
    /** A class, its usage and wait types, and what follows them; the name may hold parentheses. */
    static final Pattern PRINTED = Pattern.compile("\\((.+)\\)\\{([^{}]*)\\}(?:-\\{(\\d+:\\d+)\\})?");

    public LockClass {
        if (name.isBlank()) throw new IllegalArgumentException("a lock class has a name");
    }

    /** The class at the start of {@code text} (after an optional address), or empty. */
    static Optional<Parsed> parse(String text) {
        Matcher m = Pattern.compile("^(?:[0-9a-f]{8,16}\\s+)?" + PRINTED.pattern()).matcher(text.strip());
        if (!m.find()) return Optional.empty();
        LockClass lock = new LockClass(m.group(1), m.group(2), Optional.ofNullable(m.group(3)));
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

    /**
     * The seqlock_t whose seqcount this class is: {@code mount_lock} for {@code mount_lock.seqcount}
     * ({@link SeqlockClasses}), read from the name without version or subclass.
     */
    public Optional<String> seqlock() {
        return SeqlockClasses.seqlockOf(baseName());
    }

    /** Whether the usage string records a read acquisition (a read character that is not '.'). */
    public boolean everReadHeld() {
        for (int i = 1; i < usage.length(); i += 2) {
            if (usage.charAt(i) != '.') return true;
        }
        return false;
    }

    /** Whether the usage string records a write acquisition. */
    public boolean everWriteHeld() {
        for (int i = 0; i < usage.length(); i += 2) {
            if (usage.charAt(i) != '.') return true;
        }
        return false;
    }

    /** As lockdep printed it. */
    public String printed() {
        return "(" + name + "){" + usage + "}" + waitTypes.map(w -> "-{" + w + "}").orElse("");
    }
}
