package io.vmlock.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lines of one report, from its banner to where the next one starts, and the reads over them. */
final class Window {
    private static final Pattern HELD_BY = Pattern.compile("^(\\d+) locks? (?:held|on stack) by (.+?):$");
    private static final Pattern HELD_LOCK = Pattern.compile("^#(\\d+):\\s+(.*)$");
    private static final Pattern SCENARIO = Pattern.compile("^Possible (?:interrupt )?unsafe locking scenario:?$");
    /** vmlock's lockdep format puts an entry's scenario position on a line of its own. */
    private static final Pattern SOURCE_POSITION = Pattern.compile("^\\S+\\.vmlock:\\d+:\\d+$");
    private static final Pattern RULER = Pattern.compile("^=+$");

    private final List<SourceLine> lines;
    private final int start;
    private final int end;
    /** The last line a read used: the skeleton quotes the report up to it. */
    private int used;
    /** The lines after this report that open another: the paste holds more than the skeleton replays. */
    private final List<Integer> laterBanners;

    Window(List<SourceLine> lines, int start, int end, List<Integer> laterBanners) {
        this.lines = lines;
        this.start = start;
        this.end = end;
        this.used = start;
        this.laterBanners = List.copyOf(laterBanners);
    }

    int start() {
        return start;
    }

    SourceLine line(int i) {
        return lines.get(i);
    }

    void use(int i) {
        used = Math.max(used, Math.min(i, end - 1));
    }

    Optional<Integer> find(Pattern p, int from) {
        for (int i = from; i < end; i++) {
            if (p.matcher(lines.get(i).trimmed()).find()) {
                use(i);
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The first line from the banner on matching {@code p}, or an error saying the report lacks {@code what}. */
    int require(Pattern p, String what) throws UnreadableReport {
        Optional<Integer> i = find(p, start);
        if (i.isPresent()) return i.get();
        SourceLine last = lastLine();
        throw new UnreadableReport(last.number(), last.text(), "the " + SplatParser.kindAt(lines.get(start))
                .map(SplatKind::title).orElse("lockdep") + " report that starts on line " + lines.get(start).number()
                + " ends without " + what);
    }

    String group(Pattern p, int i, int group) {
        Matcher m = p.matcher(lines.get(i).trimmed());
        return m.find() ? m.group(group) : "";
    }

    /** The lock class printed on the first non-blank line after {@code i}. */
    LockClass.Parsed lockAfter(int i, String what) throws UnreadableReport {
        int j = nextNonBlank(i + 1);
        if (j >= end) {
            SourceLine last = lastLine();
            throw new UnreadableReport(last.number(), last.text(), "the report ends before " + what);
        }
        use(j);
        return LockClass.parse(lines.get(j).trimmed(), banner()).orElseThrow(() -> new UnreadableReport(lines.get(j).number(),
                lines.get(j).text(), "expected " + what + " as lockdep prints a lock class, \"(name){usage}\""));
    }

    /** The last non-blank line of the window: where a cut report ends. */
    SourceLine lastLine() {
        for (int j = end - 1; j > start; j--) {
            if (!lines.get(j).isBlank()) return lines.get(j);
        }
        return lines.get(start);
    }

    int nextNonBlank(int i) {
        int j = i;
        while (j < end && lines.get(j).isBlank()) j++;
        return j;
    }

    int end() {
        return end;
    }

    /** The frames from line {@code i} on, up to the first line that is not one (blank lines before the first skipped). */
    List<Frame> frames(int i) {
        List<Frame> frames = new ArrayList<>();
        for (int j = nextNonBlank(i); j < end; j++) {
            String t = lines.get(j).trimmed();
            if (t.equals("<TASK>") || t.equals("</TASK>") || t.equals("<IRQ>") || t.equals("</IRQ>")) continue;
            Optional<Frame> f = Frame.of(t);
            if (f.isEmpty()) break;
            frames.add(f.get());
            use(j);
        }
        return frames;
    }

    /** Every "N locks held by task:" list in the window, each with the entries that follow it. */
    List<HeldLocks> heldLists(List<String> dropped) {
        List<HeldLocks> lists = new ArrayList<>();
        for (int i = start; i < end; i++) {
            Matcher m = HELD_BY.matcher(lines.get(i).trimmed());
            if (!m.matches()) continue;
            use(i);
            int count = Integer.parseInt(m.group(1).length() > 4 ? "9999" : m.group(1));
            List<HeldLock> locks = new ArrayList<>();
            int j = i + 1;
            for (; j < end; j++) {
                if (SOURCE_POSITION.matcher(lines.get(j).trimmed()).matches()) continue;
                Matcher e = HELD_LOCK.matcher(lines.get(j).trimmed());
                if (!e.matches()) break;
                use(j);
                Optional<LockClass.Parsed> lock = LockClass.parse(e.group(2), banner());
                int index = Integer.parseInt(e.group(1).length() > 4 ? "9999" : e.group(1));
                // a lock taken at several inlined sites is printed once per site
                if (lock.isPresent() && locks.stream().noneMatch(l -> l.index() == index)) {
                    locks.add(new HeldLock(index, lock.get().lock(), lock.get().at()));
                }
            }
            HeldLocks list = new HeldLocks(m.group(2), count, locks);
            if (list.incomplete()) {
                dropped.add("locks held by " + list.task() + ": " + locks.size() + " of " + count
                        + " readable (the list is cut at line " + lines.get(Math.min(j, end - 1)).number() + ")");
            }
            lists.add(list);
            i = j - 1;
        }
        return lists;
    }

    /** The "Possible unsafe locking scenario" table's steps, CPU by column. */
    List<CpuStep> cpuTable(List<String> dropped) {
        Optional<Integer> title = find(SCENARIO, start);
        if (title.isEmpty()) return List.of();
        int header = nextNonBlank(title.get() + 1);
        if (header >= end || !lines.get(header).trimmed().startsWith("CPU0")) {
            dropped.add("the \"Possible unsafe locking scenario\" table (cut after its title)");
            return List.of();
        }
        int cpu1 = lines.get(header).text().indexOf("CPU1");
        List<CpuStep> steps = new ArrayList<>();
        boolean ended = false;
        for (int j = header + 1; j < end; j++) {
            String text = lines.get(j).text();
            String t = text.strip();
            if (t.startsWith("----")) continue;
            if (t.contains("*** DEADLOCK ***") || (t.isEmpty() && !steps.isEmpty())) {
                ended = true;
                break;
            }
            if (t.isEmpty()) continue;
            use(j);
            int indent = text.length() - text.stripLeading().length();
            steps.add(new CpuStep(cpu1 > 0 && indent >= cpu1 - 4 ? 1 : 0, t));
        }
        if (!ended) dropped.add("the end of the \"Possible unsafe locking scenario\" table");
        return steps;
    }

    /** The banner line ("[ INFO: ... ]" or "WARNING: ..."), which dates the usage strings' layout. */
    String banner() {
        return lines.get(start).trimmed();
    }

    Splat.Header header(String task, List<String> dropped) {
        List<String> all = new ArrayList<>(dropped);
        if (!laterBanners.isEmpty()) all.add(laterReports());
        return new Splat.Header(lines.get(start).number(), task, all);
    }

    /**
     * Lockdep prints one report per boot, but a paste may hold several (a mail thread, a bug page,
     * reports of several boots): the skeleton replays this one, and says where the others start.
     */
    private String laterReports() {
        int n = laterBanners.size();
        List<String> shown = laterBanners.stream().limit(3).map(String::valueOf).toList();
        String lines = n == 1 ? "line " + shown.get(0)
                : "lines " + String.join(", ", shown) + (n > 3 ? " and " + (n - 3) + " more" : "");
        return (n == 1 ? "the report that follows this one" : "the " + n + " reports that follow this one")
                + " (" + lines + "): import " + (n == 1 ? "it" : "each") + " on its own, from its first line on";
    }

    /** The report's lines as printed: from the ruler before the banner to the last line a read used. */
    List<SourceLine> quoted() {
        int from = start > 0 && RULER.matcher(lines.get(start - 1).trimmed()).matches() ? start - 1 : start;
        return List.copyOf(lines.subList(from, used + 1));
    }
}
