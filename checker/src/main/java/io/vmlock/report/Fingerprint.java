package io.vmlock.report;

import com.google.common.hash.Hashing;
import io.vmlock.findings.Finding;
import io.vmlock.findings.WaitLink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A finding's identity across runs and edits, for baselines, diffs and SARIF: its kind, its
 * cause with instances and thread copies reduced to their classes, and the procedures of its
 * sites. No line numbers and no step numbers, so moving a line or adding a comment keeps it;
 * changing which locks or which procedures are involved changes it.
 */
public final class Fingerprint {
    /** The SARIF partialFingerprints key; bump the version when the recipe changes. */
    public static final String SARIF_KEY = "vmlockCause/v1";

    private Fingerprint() {
    }

    /** 16 hex digits (the first 8 bytes) of a SHA-256 of {@link #cause}. */
    public static String of(Finding f) {
        return Hashing.sha256().hashString(cause(f), StandardCharsets.UTF_8).toString().substring(0, 16);
    }

    /** The text hashed: one fact a line, in a fixed order. */
    public static String cause(Finding f) {
        List<String> lines = new ArrayList<>();
        lines.add("kind " + f.verdict().id());
        lines.add("what " + classes(f.headline()));
        TreeSet<String> links = new TreeSet<>();
        for (WaitLink l : f.cycle()) {
            String takenIn = HeldLocks.takenAt(f.trace(), l.thread(), l.holds().name())
                    .map(s -> procedures(s.callStack(), l.thread())).orElse("?");
            links.add(classes(l.thread()) + " holds " + classes(l.holds().name()) + " taken in " + takenIn
                    + ", waits for " + classes(l.waitsFor().name()));
        }
        links.forEach(l -> lines.add("link " + l));
        if (!f.callStack().isEmpty()) lines.add("in " + procedures(f.callStack(), ""));
        return String.join("\n", lines);
    }

    /** {@code writer[1] takes page_lock[P0] at f:3:4} -> {@code writer takes page_lock at}. */
    static String classes(String text) {
        return text.replaceAll("\\[[^\\]]*\\]", "").replaceAll("\\S+:\\d+:\\d+", "");
    }

    /** Outermost first, arguments left out: {@code filemap_fault [fault] > lock_page}. */
    private static String procedures(List<String> innermostFirst, String thread) {
        if (innermostFirst.isEmpty()) return classes(thread);
        List<String> names = new ArrayList<>();
        for (int i = innermostFirst.size() - 1; i >= 0; i--) names.add(HeldLocks.procedure(innermostFirst.get(i)));
        return classes(String.join(" > ", names));
    }
}
