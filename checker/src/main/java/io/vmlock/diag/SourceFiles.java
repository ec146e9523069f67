package io.vmlock.diag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text of every file read in a run, by display path, so diagnostics can quote lines; and the
 * files read that are not scenarios, whose text no diagnostic may show.
 */
public final class SourceFiles {
    private final Map<String, List<String>> lines = new ConcurrentHashMap<>();
    private final Set<String> withheld = ConcurrentHashMap.newKeySet();

    /**
     * A file read that is not a scenario (a {@code .txt}, a link to one): its text, a line or a
     * token of it, is never shown, as it may be anything (a CI's environment, a key).
     */
    public void withhold(String displayPath) {
        withheld.add(displayPath);
    }

    /** {@code d} as it may be shown: in a withheld file, its code's summary instead of a message naming its text. */
    public Diagnostic shown(Diagnostic d) {
        return withheld.contains(d.span().file()) ? d.withoutText() : d;
    }

    /** Lines end at '\n' only, as the lexer counts them; a '\r' before it is dropped. */
    public void put(String displayPath, String text) {
        String[] split = text.split("\n", -1);
        for (int i = 0; i < split.length; i++) {
            if (split[i].endsWith("\r")) split[i] = split[i].substring(0, split[i].length() - 1);
        }
        lines.put(displayPath, List.of(split));
    }

    /** How many lines the file has, as diagnostics count them; 0 for a file not read. */
    public int lineCount(String displayPath) {
        List<String> ls = lines.get(displayPath);
        return ls == null ? 0 : ls.size();
    }

    public Optional<String> line(String displayPath, int line) {
        List<String> ls = lines.get(displayPath);
        if (ls == null || line < 1 || line > ls.size()) return Optional.empty();
        return Optional.of(ls.get(line - 1));
    }
}
