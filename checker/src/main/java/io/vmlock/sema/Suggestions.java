package io.vmlock.sema;

import java.util.Optional;
import java.util.stream.Stream;

/** "did you mean ...?": the closest candidate within a small edit distance. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    static Optional<String> closest(String name, Stream<String> candidates) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String c : (Iterable<String>) candidates::iterator) {
            if (Math.abs(c.length() - name.length()) >= bestDistance || c.equals(name)) continue;
            int d = distance(name, c);
            if (d < bestDistance && d < Math.max(2, name.length() / 2)) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String[] note(Optional<String> suggestion) {
        return suggestion.map(s -> new String[] {"did you mean '" + s + "'?"}).orElse(new String[0]);
    }
}
