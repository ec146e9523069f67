package io.vmlock.importer;

import java.util.List;
import java.util.regex.Pattern;

/** The kinds of report the importer reads, each with the banner lines that open it. */
public enum SplatKind {
    CIRCULAR("possible circular locking dependency", List.of("circular locking dependency"),
            "^(?:WARNING: |\\[ INFO: )?possible circular locking dependency(?: detected)?"),
    RECURSIVE("possible recursive locking", List.of("recursive locking detected"),
            "^(?:WARNING: |\\[ INFO: )?possible recursive locking detected"),
    INCONSISTENT("inconsistent lock state", List.of("inconsistent lock state"),
            "^(?:WARNING: |\\[ INFO: )?inconsistent lock state"),
    IRQ_INVERSION("irq lock inversion", List.of("irq lock inversion dependency detected", "-unsafe lock order detected"),
            "^(?:WARNING: |\\[ INFO: )?possible irq lock inversion dependency detected",
            "^(?:WARNING: |\\[ INFO: )?[A-Z]+-safe -> [A-Z]+-unsafe lock order detected"),
    SLEEP_IN_ATOMIC("sleeping function called from invalid context",
            List.of("sleeping function called from invalid context"),
            "^BUG: sleeping function called from invalid context"),
    HUNG_TASK("hung task", List.of("blocked for more than", "Showing all locks held in the system"),
            "^INFO: task .+ blocked for more than \\d+ seconds",
            "^Showing all locks held in the system");

    private final String title;
    /** Text every banner line of the kind contains: the pre-filter looks for it before any regex runs. */
    private final List<String> markers;
    private final List<Pattern> banners;

    SplatKind(String title, List<String> markers, String... banners) {
        this.title = title;
        this.markers = markers;
        this.banners = java.util.Arrays.stream(banners).map(Pattern::compile).toList();
    }

    /** How the report names itself, for messages and the skeleton's header. */
    public String title() {
        return title;
    }

    List<String> markers() {
        return markers;
    }

    boolean opens(String trimmedLine) {
        for (Pattern banner : banners) {
            if (banner.matcher(trimmedLine).find()) return true;
        }
        return false;
    }
}
