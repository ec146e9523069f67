package io.vmlock.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the first lockdep report in pasted text (any amount of log before and after it) and reads
 * it into a {@link Splat}. A part the report cannot do without (the lock a circular report's task
 * holds) is an {@link UnreadableReport} naming the line; a part it can (a chain cut short, a
 * missing CPU table) is said in the splat's dropped list.
 */
public final class SplatParser {
    /** A report is read within this many lines of its banner: a log may go on for megabytes. */
    static final int WINDOW = 4000;

    private static final Pattern TRYING = Pattern.compile("^(.+?) is trying to acquire(?: lock)?:$");
    private static final Pattern HOLDING = Pattern.compile("^but task is already holding lock:$");
    private static final Pattern USAGE = Pattern.compile("inconsistent \\{([A-Z_-]+)\\} -> \\{([A-Z_-]+)\\} usage");
    private static final Pattern TAKES = Pattern.compile("^(.+?) \\[HC\\d.*\\] takes:$");
    private static final Pattern REGISTERED = Pattern.compile("^\\{[A-Z_-]+\\} state was registered at:$");
    private static final Pattern CHANGED = Pattern.compile("^(.+?) just changed the state of lock:$");
    private static final Pattern OTHER = Pattern.compile(
            "^but this lock (took|was taken by) another, (HARDIRQ|SOFTIRQ)-(?:irq-)?(safe|unsafe) lock in the past:$");
    /** The second irq form (lockdep's print_bad_irq_dependency): the new dependency's ends. */
    private static final Pattern HOLDING_NEW = Pattern.compile("^and this task is already holding:$");
    private static final Pattern CONNECTS = Pattern.compile(
            "^but this new dependency connects a (HARDIRQ|SOFTIRQ)-(?:irq-)?safe lock:$");
    private static final Pattern TO_UNSAFE = Pattern.compile("^to a (?:HARDIRQ|SOFTIRQ)[A-Z-]*?-(?:irq-)?unsafe lock:$");
    /** The task's irq state printed after its name on that form's task line. */
    private static final Pattern IRQ_STATE = Pattern.compile("\\s*\\[HC\\d.*\\]$");
    private static final Pattern SLEEPING = Pattern.compile("BUG: sleeping function called from invalid context at (.+)$");
    private static final Pattern ATOMIC = Pattern.compile("in_atomic\\(\\): (\\d+), irqs_disabled\\(\\): (\\d+)");
    /** hung_task.c prints "comm:pid"; vmlock's lockdep format has threads, not pids. */
    private static final Pattern HUNG = Pattern.compile("INFO: task (.+?)(?::([^:\\s]+))? blocked for more than (\\d+) seconds");
    private static final Pattern CALL_TRACE = Pattern.compile("^Call [Tt]race:$");

    private SplatParser() {
    }

    public static Splat parse(String input) throws UnreadableReport {
        if (input.isBlank()) throw new UnreadableReport(0, "", "the input is empty");
        if (binary(input)) {
            throw new UnreadableReport(1, firstLine(input),
                    "the input is not text (NUL bytes or undecodable UTF-8): paste the report as the kernel printed it");
        }
        // a window's worth of lines after the banner, twice over: wrapped lines join in pairs
        Optional<BannerScan.Excerpt> found = BannerScan.first(input, 2 * WINDOW);
        if (found.isEmpty()) {
            Optional<Window> quoted = quotedCircular(input);
            if (quoted.isPresent()) return CircularReader.read(quoted.get());
            throw noReport(input);
        }
        BannerScan.Excerpt excerpt = found.get();
        List<SourceLine> lines = ReportLines.of(excerpt.text(), excerpt.firstLine());
        int start = firstBanner(lines);
        SplatKind kind = kindAt(lines.get(start)).orElseThrow();
        int end = windowEnd(lines, start, kind);
        while (kind == SplatKind.HUNG_TASK && end < lines.size() && kindAt(lines.get(end)).equals(Optional.of(kind))
                && !hasCallTrace(lines, start, end)) {
            // a banner with no report before the next (an article's title, a mention): the report is the next
            start = end;
            end = windowEnd(lines, start, kind);
        }
        int next = end < lines.size() ? lines.get(end).number() : lines.get(lines.size() - 1).number() + 1;
        Window w = new Window(lines, start, end, BannerScan.bannerLines(input, next));
        return switch (kind) {
            case CIRCULAR -> CircularReader.read(w);
            case RECURSIVE -> readRecursive(w);
            case INCONSISTENT -> readInconsistent(w);
            case IRQ_INVERSION -> readInversion(w);
            case SLEEP_IN_ATOMIC -> readSleeping(w);
            case HUNG_TASK -> readHung(w);
        };
    }

    /**
     * A circular report quoted without its banner, as a fix's commit message often quotes one (corpus
     * 55 starts at "find/645 is trying to acquire lock:"): the first "... is trying to acquire lock:"
     * line within {@link #QUOTE_REACH} lines before lockdep's "which lock already depends on the new
     * lock.", with "but task is already holding lock:" between them. Only when no banner is found:
     * a recursive report prints the same task line, but under its own banner.
     */
    static Optional<Window> quotedCircular(String input) {
        if (!input.contains(DEPENDS)) return Optional.empty();
        List<SourceLine> lines = ReportLines.of(input);
        for (int d = 0; d < lines.size(); d++) {
            if (!lines.get(d).trimmed().equals(DEPENDS)) continue;
            boolean holding = false;
            for (int s = d - 1; s >= Math.max(0, d - QUOTE_REACH); s--) {
                String t = lines.get(s).trimmed();
                holding |= HOLDING.matcher(t).matches();
                if (holding && TRYING.matcher(t).matches()) {
                    return Optional.of(new Window(lines, s, Math.min(lines.size(), s + WINDOW), List.of()));
                }
            }
        }
        return Optional.empty();
    }

    /** The line a circular report prints after the held lock, whatever its banner. */
    private static final String DEPENDS = "which lock already depends on the new lock.";
    /** The task line, its lock, the held line, its lock (two lines when wrapped), blank lines between. */
    static final int QUOTE_REACH = 8;

    /** NUL bytes, or more than one character in ten undecodable, in the first 64 KiB. */
    private static boolean binary(String input) {
        int n = Math.min(input.length(), 65536);
        int bad = 0;
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (c == 0) return true;
            if (c == '\uFFFD') bad++;
        }
        return bad * 10 > n;
    }

    /** The excerpt opens with the banner BannerScan found, or the line before it. */
    private static int firstBanner(List<SourceLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (kindAt(lines.get(i)).isPresent()) return i;
        }
        throw new IllegalStateException("BannerScan returned an excerpt without a banner");
    }

    private static UnreadableReport noReport(String input) {
        String looked = Arrays.stream(SplatKind.values()).map(k -> "\"" + k.title() + "\"")
                .collect(Collectors.joining(", "));
        boolean endsWithBreak = input.endsWith("\n") || input.endsWith("\r");
        int last = BannerScan.breaks(input, input.length()) + (endsWithBreak ? 0 : 1);
        return new UnreadableReport(1, firstLine(input), "no lockdep report in " + last
                + (last == 1 ? " line" : " lines") + ": no line opens one (" + looked + ")");
    }

    private static String firstLine(String input) {
        int end = 0;
        while (end < input.length() && input.charAt(end) != '\n' && input.charAt(end) != '\r') end++;
        return ReportLines.of(input.substring(0, end)).get(0).text();
    }

    static Optional<SplatKind> kindAt(SourceLine line) {
        String t = line.trimmed();
        if (t.length() < 20) return Optional.empty();
        for (SplatKind k : SplatKind.values()) {
            if (k.opens(t)) return Optional.of(k);
        }
        return Optional.empty();
    }

    /** Up to the next report, an "end trace" marker, or WINDOW lines; hung tasks span their lock list. */
    private static boolean hasCallTrace(List<SourceLine> lines, int from, int to) {
        return lines.subList(from, to).stream().anyMatch(l -> CALL_TRACE.matcher(l.trimmed()).matches());
    }

    private static int windowEnd(List<SourceLine> lines, int start, SplatKind kind) {
        int limit = Math.min(lines.size(), start + WINDOW);
        boolean sawTask = HUNG.matcher(lines.get(start).trimmed()).find();
        boolean sawList = !sawTask;
        for (int i = start + 1; i < limit; i++) {
            String t = lines.get(i).trimmed();
            if (t.startsWith("---[ end trace")) return i + 1;
            Optional<SplatKind> next = kindAt(lines.get(i));
            if (next.isEmpty()) continue;
            if (kind == SplatKind.HUNG_TASK && next.get() == SplatKind.HUNG_TASK) {
                boolean task = HUNG.matcher(t).find();
                // kernel/hung_task.c check_hung_uninterruptible_tasks(): one pass reports each blocked
                // task, then shows every held lock once; a later task of the pass keeps the window
                // open when the pass's list is ahead
                if (!task || !sawTask || (!sawList && listAhead(lines, i + 1, limit))) {
                    sawTask |= task;
                    sawList |= !task;
                    continue;
                }
            }
            return i;
        }
        return limit;
    }

    /** Whether khungtaskd's "Showing all locks held" list comes before any other report from {@code from} on. */
    private static boolean listAhead(List<SourceLine> lines, int from, int limit) {
        for (int i = from; i < limit; i++) {
            String t = lines.get(i).trimmed();
            if (t.startsWith("---[ end trace")) return false;
            Optional<SplatKind> next = kindAt(lines.get(i));
            if (next.isEmpty()) continue;
            if (next.get() != SplatKind.HUNG_TASK) return false;
            if (!HUNG.matcher(t).find()) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------

    private static Splat readRecursive(Window w) throws UnreadableReport {
        int trying = w.require(TRYING, "the lock the task is trying to acquire (\"... is trying to acquire lock:\")");
        LockClass.Parsed acquiring = w.lockAfter(trying, "the lock the task is trying to acquire");
        int holding = w.require(HOLDING, "the lock the task already holds (\"but task is already holding lock:\")");
        LockClass.Parsed held = w.lockAfter(holding, "the lock the task already holds");
        List<String> dropped = new ArrayList<>();
        List<CpuStep> cpus = w.cpuTable(dropped);
        List<HeldLocks> lists = w.heldLists(dropped);
        List<Frame> stack = w.find(CALL_TRACE, trying).map(i -> w.frames(i + 1)).orElse(List.of());
        return new Splat.Recursive(w.header(w.group(TRYING, trying, 1), dropped), w.quoted(), acquiring.lock(),
                acquiring.at(), held.lock(), held.at(), cpus, lists, stack);
    }

    private static Splat readInconsistent(Window w) throws UnreadableReport {
        int usage = w.require(USAGE, "the usage change (\"inconsistent {A} -> {B} usage.\")");
        Matcher m = USAGE.matcher(w.line(usage).trimmed());
        m.find();
        int takes = w.require(TAKES, "the task and the lock it takes (\"... [HC0[0]:SC1[1]:...] takes:\")");
        LockClass.Parsed lock = w.lockAfter(takes, "the lock whose usage changed");
        List<String> dropped = new ArrayList<>();
        List<Frame> registered = w.find(REGISTERED, usage).map(i -> w.frames(i + 1)).orElseGet(() -> {
            dropped.add("the stack where the lock's earlier usage was registered");
            return List.of();
        });
        List<CpuStep> cpus = w.cpuTable(dropped);
        List<HeldLocks> lists = w.heldLists(dropped);
        return new Splat.Inconsistent(w.header(w.group(TAKES, takes, 1), dropped), w.quoted(), m.group(1),
                m.group(2), lock.lock(), lock.at(), registered, cpus, lists);
    }

    private static Splat readInversion(Window w) throws UnreadableReport {
        if (w.find(CHANGED, w.start()).isEmpty() && w.find(CONNECTS, w.start()).isPresent()) return readBadDependency(w);
        int changed = w.require(CHANGED, "the lock whose state changed (\"... just changed the state of lock:\")");
        LockClass.Parsed lock = w.lockAfter(changed, "the lock whose state changed");
        int other = w.require(OTHER, "the other lock (\"but this lock took another, ...-unsafe lock in the past:\")");
        LockClass.Parsed otherLock = w.lockAfter(other, "the other lock");
        Matcher m = OTHER.matcher(w.line(other).trimmed());
        m.matches();
        boolean took = m.group(1).equals("took");
        List<String> dropped = new ArrayList<>();
        List<CpuStep> cpus = w.cpuTable(dropped);
        List<HeldLocks> lists = w.heldLists(dropped);
        // "took another, X-unsafe lock": the changed lock is the irq-safe one, held over the other
        LockClass safe = took ? lock.lock() : otherLock.lock();
        LockClass unsafe = took ? otherLock.lock() : lock.lock();
        return new Splat.IrqInversion(w.header(w.group(CHANGED, changed, 1), dropped), w.quoted(), m.group(2),
                safe, chainMiddle(w, safe, unsafe), unsafe, cpus, lists);
    }

    /**
     * The classes between the two ends of this form's "Chain exists of: safe --> ... --> unsafe"
     * (print_irq_lock_scenario prints it when the irq-safe lock reached the unsafe one through
     * others), each as the report prints it elsewhere (its dependency list), else with no usage.
     */
    private static List<LockClass> chainMiddle(Window w, LockClass safe, LockClass unsafe) {
        List<LockClass> middle = new ArrayList<>();
        for (String name : CircularReader.chainExists(w)) {
            if (name.equals(safe.name()) || name.equals(unsafe.name())) continue;
            middle.add(printedClass(w, name).orElse(new LockClass(name, "", Optional.empty())));
        }
        return middle;
    }

    private static Optional<LockClass> printedClass(Window w, String name) {
        String printed = "(" + name + "){";
        for (int i = w.start(); i < w.end(); i++) {
            String t = w.line(i).trimmed();
            int at = t.indexOf(printed);
            if (at < 0) continue;
            Optional<LockClass.Parsed> p = LockClass.parse(t.substring(at), w.banner());
            if (p.isPresent() && p.get().lock().name().equals(name)) return Optional.of(p.get().lock());
        }
        return Optional.empty();
    }

    /**
     * "X-safe -> X-unsafe lock order detected" (lockdep's print_bad_irq_dependency): the task,
     * holding a lock, wants another, and the new dependency joins an X-irq-safe lock (the held one
     * or one held over it) to an X-irq-unsafe one (the wanted one or one taken under it). The held
     * and wanted locks that are neither end are the chain's middle, as lockdep's "Chain exists of:".
     */
    private static Splat readBadDependency(Window w) throws UnreadableReport {
        int trying = w.require(TRYING, "the lock the task is trying to acquire (\"... is trying to acquire:\")");
        LockClass.Parsed acquiring = w.lockAfter(trying, "the lock the task is trying to acquire");
        int holding = w.require(HOLDING_NEW, "the lock the task holds (\"and this task is already holding:\")");
        LockClass.Parsed held = w.lockAfter(holding, "the lock the task holds");
        int connects = w.require(CONNECTS, "the irq-safe lock (\"but this new dependency connects a ...-irq-safe lock:\")");
        LockClass.Parsed safe = w.lockAfter(connects, "the irq-safe lock");
        int to = w.require(TO_UNSAFE, "the irq-unsafe lock (\"to a ...-irq-unsafe lock:\")");
        LockClass.Parsed unsafe = w.lockAfter(to, "the irq-unsafe lock");
        List<LockClass> between = new ArrayList<>();
        if (!held.lock().name().equals(safe.lock().name())) between.add(held.lock());
        if (!acquiring.lock().name().equals(unsafe.lock().name())) between.add(acquiring.lock());
        List<String> dropped = new ArrayList<>();
        List<CpuStep> cpus = w.cpuTable(dropped);
        List<HeldLocks> lists = w.heldLists(dropped);
        String task = IRQ_STATE.matcher(w.group(TRYING, trying, 1)).replaceFirst("");
        return new Splat.IrqInversion(w.header(task, dropped), w.quoted(), w.group(CONNECTS, connects, 1),
                safe.lock(), between, unsafe.lock(), cpus, lists);
    }

    private static Splat readSleeping(Window w) throws UnreadableReport {
        Matcher banner = SLEEPING.matcher(w.line(w.start()).trimmed());
        String at = banner.find() ? banner.group(1).strip() : "";
        List<String> dropped = new ArrayList<>();
        Optional<Integer> atomicLine = w.find(ATOMIC, w.start());
        Optional<Boolean> inAtomic = Optional.empty();
        Optional<Boolean> irqsOff = Optional.empty();
        String task = "";
        if (atomicLine.isPresent()) {
            Matcher m = ATOMIC.matcher(w.line(atomicLine.get()).trimmed());
            m.find();
            inAtomic = Optional.of(!m.group(1).equals("0"));
            irqsOff = Optional.of(!m.group(2).equals("0"));
            Matcher name = Pattern.compile("name: (\\S+)").matcher(w.line(atomicLine.get()).trimmed());
            if (name.find()) task = name.group(1);
        } else {
            dropped.add("the \"in_atomic(): N, irqs_disabled(): N\" line");
        }
        List<HeldLocks> lists = w.heldLists(dropped);
        List<Frame> stack = w.find(CALL_TRACE, w.start()).map(i -> w.frames(i + 1)).orElseGet(() -> {
            dropped.add("the call trace");
            return List.of();
        });
        return new Splat.SleepInAtomic(w.header(task, dropped), w.quoted(), at, inAtomic, irqsOff, stack, lists);
    }

    private static Splat readHung(Window w) {
        List<String> dropped = new ArrayList<>();
        Optional<Integer> info = w.find(HUNG, w.start());
        String task = "";
        int seconds = 0;
        if (info.isPresent()) {
            Matcher m = HUNG.matcher(w.line(info.get()).trimmed());
            m.find();
            task = m.group(1);
            seconds = Integer.parseInt(m.group(3).length() > 6 ? "999999" : m.group(3));
        } else {
            dropped.add("the \"INFO: task ... blocked for more than N seconds\" line: the blocked task is unknown");
        }
        List<Frame> stack = info.flatMap(i -> w.find(CALL_TRACE, i)).map(i -> w.frames(i + 1)).orElse(List.of());
        if (stack.isEmpty()) dropped.add("the blocked task's call trace");
        List<HeldLocks> lists = w.heldLists(dropped);
        if (lists.isEmpty()) dropped.add("the \"Showing all locks held in the system\" list (a kernel without lockdep prints none)");
        return new Splat.HungTask(w.header(task, dropped), w.quoted(), seconds, stack, lists);
    }
}
