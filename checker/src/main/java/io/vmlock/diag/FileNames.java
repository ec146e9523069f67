package io.vmlock.diag;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File names as every output shows them: '/' between folders, a backslash kept as the name has
 * it, and each control or bidirectional-override character written as {@code \xHH} or
 * a backslash, u and four hex digits, so a name can neither break a JUnit file (XML 1.0 has no escape for most of
 * them) nor move a terminal's cursor nor reorder the text around it.
 */
public final class FileNames {
    private FileNames() {
    }

    /** The path as shown: separators as '/', hostile characters escaped. */
    public static String shown(Path p) {
        String s = p.toString();
        if (File.separatorChar != '/') s = s.replace(File.separatorChar, '/');
        return printable(s);
    }

    /** {@code text} with its control, line-separator and bidi-override characters escaped. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (!hostile(cp)) out.appendCodePoint(cp);
            else if (cp <= 0xff) out.append(String.format(Locale.ROOT, "\\x%02x", cp));
            else out.append(String.format(Locale.ROOT, "\\u%04x", cp));
        });
        return out.toString();
    }

    private static boolean hostile(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
                || type == Character.SURROGATE;
    }
}
