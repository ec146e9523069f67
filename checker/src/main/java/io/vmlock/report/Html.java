package io.vmlock.report;

import io.vmlock.diag.FileNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Escaping for HTML and SVG text and attributes, and the page's inline assets. */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                // a control character is no text: shown escaped, as file names are
                default -> out.append(c != '\n' && c != '\t' && Character.isISOControl(c)
                        ? FileNames.printable(String.valueOf(c)) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    /** A text shortened to {@code max} characters with an ellipsis; the full text goes in a title. */
    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    /** A stylesheet or script kept beside this class, inlined so the page needs no network. */
    static String asset(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing report asset " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number as SVG wants it: no locale, no needless decimals. */
    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
