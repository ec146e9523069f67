package io.vmlock.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** One colour per lock name, in order of first use, so a lock looks the same in every diagram of a page. */
final class LockColors {
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2",
        "#ff9da7", "#9c755f", "#86bcb6", "#d37295"};
    private final Map<String, String> colors = new LinkedHashMap<>();

    String of(String lock) {
        return colors.computeIfAbsent(lock, l -> PALETTE[colors.size() % PALETTE.length]);
    }
}
