package io.vmlock.diag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The text of every file read in a run, by display path, so diagnostics can quote lines. */
public final class SourceFiles {
    private final Map<String, List<String>> lines = new ConcurrentHashMap<>();

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
