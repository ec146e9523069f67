package io.vmlock.diag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The text of every file read in a run, by display path, so diagnostics can quote lines. */
public final class SourceFiles {
    private final Map<String, List<String>> lines = new ConcurrentHashMap<>();

    public void put(String displayPath, String text) {
        lines.put(displayPath, List.of(text.split("\r?\n|\r", -1)));
    }

    public Optional<String> line(String displayPath, int line) {
        List<String> ls = lines.get(displayPath);
        if (ls == null || line < 1 || line > ls.size()) return Optional.empty();
        return Optional.of(ls.get(line - 1));
    }
}
