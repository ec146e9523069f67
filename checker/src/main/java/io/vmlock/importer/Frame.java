package io.vmlock.importer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stack frame: the function and the line as printed, without the address, the {@code ? }
 * of an unreliable frame and the {@code :module:} prefix of old kernels.
 */
public record Frame(String function, String text) {
    private static final Pattern FRAME = Pattern.compile(
            "^(?:\\[<[0-9a-fA-F]+>\\]\\s*)?(?:\\?\\s+)?(?::\\w+:)?([A-Za-z_][\\w.$]*)(\\+0x[0-9a-f]+/0x[0-9a-f]+)?(.*)$");

    public Frame {
        if (function.isBlank()) throw new IllegalArgumentException("a frame names a function");
    }

    /** The frame in {@code line}, or empty for a line that is not one (addresses only, text). */
    static Optional<Frame> of(String line) {
        String text = line.strip();
        Matcher m = FRAME.matcher(text);
        if (!m.matches()) return Optional.empty();
        String rest = m.group(3).strip();
        // a frame is "name+0x1/0x2 [module]" or "name file.c:12 [inline]": not prose
        boolean offset = m.group(2) != null;
        boolean located = rest.isEmpty() || rest.startsWith("[") || rest.matches("\\S+\\.[chS]:\\d+.*");
        if (!offset && !located) return Optional.empty();
        if (!offset && rest.isEmpty() && !text.startsWith("[<")) return Optional.empty();
        if (offset && !rest.isEmpty() && !rest.startsWith("[") && !rest.matches("\\S+\\.[chS]:\\d+.*")
                && !rest.startsWith("(")) {
            return Optional.empty();
        }
        return Optional.of(new Frame(m.group(1), text));
    }
}
