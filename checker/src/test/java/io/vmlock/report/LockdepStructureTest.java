package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lockdep format against real kernel reports (src/test/resources/lockdep-structure, each citing where
 * it was published): the same sections in the same order, the same entry shapes. Text differs
 * (addresses, pids, a kernel's symbols against a model's operations), structure must not.
 * A fixture may say {@code # truncated} (the published excerpt stops early: compare its length)
 * or {@code # lacks: a b} (that kernel printed no such section).
 */
class LockdepStructureTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("circular-ntfs3.txt", "examples/philosophers/philosophers3.vmlock"),
                Arguments.of("recursive-io-wq.txt", "examples/classic/mmap-lock-read-recursion-broken.vmlock"),
                Arguments.of("circular-fs-reclaim-xfs.txt", "examples/classic/shrinker-rwsem-recursion-broken.vmlock"),
                Arguments.of("sleeping-bcachefs.txt", "examples/classic/inotify-idr-preload-broken.vmlock"),
                Arguments.of("hung-task-io-uring.txt", "examples/seeds/4-mlock-enospc-broken.vmlock"));
    }

    private static final Pattern USAGE = Pattern.compile("^inconsistent \\{([A-Z_-]+)} -> \\{([A-Z_-]+)} usage\\.$");
    private static final Pattern TITLE = Pattern.compile("^(?:WARNING: |\\[ INFO: )(.*?)(?: ])?$");

    /** The shape of one line, or empty for a line of text that varies (addresses, frames, names). */
    static Optional<String> shape(String line) {
        String l = line.strip();
        Matcher m = TITLE.matcher(l);
        if (m.matches()) return Optional.of("title:" + m.group(1));
        m = USAGE.matcher(l);
        if (m.matches()) return Optional.of("usage:" + m.group(1) + "->" + m.group(2));
        if (l.startsWith("BUG: sleeping function called from invalid context")) return Optional.of("bug:sleeping");
        if (l.startsWith("INFO: task ") && l.contains(" blocked for more than ")) return Optional.of("hung-task");
        if (l.endsWith(" is trying to acquire lock:")) return Optional.of("trying");
        if (l.endsWith(" takes:")) return Optional.of("takes");
        if (l.endsWith(" state was registered at:")) return Optional.of("registered");
        if (l.matches("^-> #\\d+ \\(.*")) return Optional.of("entry");
        if (l.matches("^\\d+ locks? held by .*:$") || l.startsWith("no locks held by ")) return Optional.of("held");
        if (l.startsWith("in_atomic(): ")) return Optional.of("in-atomic");
        if (l.startsWith("preempt_count: ")) return Optional.of("preempt-count");
        if (l.startsWith("Possible ") && l.contains("scenario")) return Optional.of("scenario");
        return switch (l.toLowerCase(java.util.Locale.ROOT)) {
            case "but task is already holding lock:" -> Optional.of("holding");
            case "which lock already depends on the new lock." -> Optional.of("depends");
            case "the existing dependency chain (in reverse order) is:" -> Optional.of("chain");
            case "other info that might help us debug this:" -> Optional.of("other-info");
            case "chain exists of:" -> Optional.of("chain-exists");
            case "*** deadlock ***" -> Optional.of("deadlock");
            case "may be due to missing lock nesting notation" -> Optional.of("nesting");
            case "stack backtrace:" -> Optional.of("backtrace");
            case "call trace:" -> Optional.of("call-trace");
            case "showing all locks held in the system:" -> Optional.of("all-locks");
            default -> Optional.empty();
        };
    }

    /** A report's sections in order, repeats of one (chain entries, held lists) counted once. */
    static List<String> structure(List<String> lines) {
        List<String> shapes = new ArrayList<>();
        for (String line : lines) {
            shape(line).ifPresent(s -> {
                if (shapes.isEmpty() || !shapes.get(shapes.size() - 1).equals(s)) shapes.add(s);
            });
        }
        return shapes;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void ourReportHasTheKernelReportsStructure(String fixture, String example) throws IOException {
        Path file = Scenarios.root().resolve("checker/src/test/resources/lockdep-structure").resolve(fixture);
        List<String> all = Files.readAllLines(file);
        List<String> header = all.stream().filter(l -> l.startsWith("#")).toList();
        List<String> kernel = structure(all.stream().filter(l -> !l.startsWith("#")).toList());
        assertFalse(kernel.isEmpty(), fixture);
        List<String> lacks = header.stream().filter(l -> l.startsWith("# lacks: "))
                .flatMap(l -> Arrays.stream(l.substring("# lacks: ".length()).split(" ")))
                .toList();
        String report = LockdepReport.render(Scenarios.checkFile(Scenarios.root().resolve(example)));
        // the first finding's report: what follows the summary line, up to the next finding
        List<String> ours = new ArrayList<>(structure(report.lines().skip(1).toList()));
        ours.removeAll(lacks);
        if (header.stream().anyMatch(l -> l.startsWith("# truncated"))) {
            ours = ours.subList(0, Math.min(ours.size(), kernel.size()));
        }
        assertEquals(kernel, ours, fixture + " against " + example + ":\n" + report);
    }
}
