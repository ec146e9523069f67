package io.vmlock.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One finding of a text report, read back from its text alone: its headline, the sentences under
 * it, and the final state its trace shows (what each thread holds after its last step, and where
 * the threads left blocked block). {@link #untruths()} lists every sentence the trace contradicts.
 * Written from the report's text on purpose, independent of the code that printed it.
 */
final class GoldenFinding {
    private static final Pattern HEADLINE = Pattern.compile("^\\[\\d+] ([a-z-]+): (.*)$");
    private static final Pattern STEP = Pattern.compile("^ {4,6}\\s*\\d+\\. (\\S+): (.*)$");
    private static final Pattern BLOCKS = Pattern.compile("^ {6}(\\S+) blocks in (.*)$");
    private static final Pattern HOLDS = Pattern.compile("^ {9}holds (.*)$");
    private static final Pattern HELD_MORE = Pattern.compile("^ {15}\\S.*$");

    private static final Pattern HOLDS_AND_WAITS = Pattern.compile("^(\\S+) holds (.+?) and waits for (.+)$");
    private static final Pattern WAITS = Pattern.compile("^(\\S+) waits for (.+)$");
    private static final Pattern QUEUED = Pattern.compile("^(.+), queued behind (\\S+)$");
    private static final Pattern WHICH_HOLDS = Pattern.compile("^(.+), which (\\S+) holds(?: \\((read|write)\\))?$");
    private static final Pattern HELD_BY = Pattern.compile("^(.+), held by (.+)$");
    private static final Pattern IN_INTERRUPT = Pattern.compile("^(.+) in interrupt \\S+$");

    private static final Pattern SLEEPS = Pattern.compile("^(\\S+) may sleep in .+ while holding spinlock (\\S+)$");
    private static final Pattern RECURSES = Pattern.compile("^(\\S+) takes (\\S+) in .+, but already holds it$");
    private static final Pattern LEAKS = Pattern.compile("^(\\S+) ends while holding (.+)$");
    private static final Pattern UNHELD = Pattern.compile("^(\\S+) releases (\\S+) in .+, but does not hold it$");

    private final String verdict;
    private final String headline;
    private final List<String> sentences;
    /** What each thread holds after its last step (the blocked section's word wins). */
    private final Map<String, List<String>> held;
    /** The operation each blocked thread blocks in. */
    private final Map<String, String> blockedIn;
    /** The sentences under the headline with their continuation lines. */
    private final List<String> whole;
    /** Where each blocked thread blocks. */
    private final Map<String, Site> sites;

    /** Where a blocked thread blocks: a position and its call stack, innermost first. */
    record Site(String file, int line, int column, List<String> stack) {
    }

    /** A sentence's claim that only {@code makers} can end {@code waiter}'s wait for {@code waited}. */
    record Makers(String waiter, String waited, List<String> makers, String sentence) {
    }

    private GoldenFinding(String verdict, String headline, List<String> sentences, Map<String, List<String>> held,
                          Map<String, String> blockedIn, List<String> whole, Map<String, Site> sites) {
        this.verdict = verdict;
        this.headline = headline;
        this.sentences = sentences;
        this.held = held;
        this.blockedIn = blockedIn;
        this.whole = whole;
        this.sites = sites;
    }

    /** The findings of a text report, in order. */
    static List<GoldenFinding> parse(List<String> lines) {
        List<GoldenFinding> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher h = HEADLINE.matcher(lines.get(i));
            if (!h.matches()) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !HEADLINE.matcher(lines.get(end)).matches()) end++;
            out.add(of(h.group(1), h.group(2), lines.subList(i + 1, end)));
            i = end;
        }
        return out;
    }

    private static GoldenFinding of(String verdict, String headline, List<String> body) {
        List<String> sentences = new ArrayList<>();
        Map<String, List<String>> held = new HashMap<>();
        Map<String, String> blockedIn = new LinkedHashMap<>();
        List<String> whole = new ArrayList<>();
        Map<String, Site> sites = new LinkedHashMap<>();
        boolean explaining = true;
        String thread = null;
        String heldText = null;
        SiteLines site = null;
        for (String line : body) {
            if (line.startsWith("    shortest trace") || line.startsWith("    then round this loop")
                    || line.startsWith("    blocked after")) {
                explaining = false;
            }
            if (explaining && line.startsWith("        ") && !whole.isEmpty()) {
                int last = whole.size() - 1;
                whole.set(last, (whole.get(last) + " " + line.strip()).replaceAll(";$", ""));
                continue;
            }
            if (explaining && line.startsWith("    ") && !line.startsWith("    at ") && !line.startsWith("     ")) {
                sentences.add(line.strip().replaceAll(";$", ""));
                whole.add(line.strip().replaceAll(";$", ""));
                continue;
            }
            site = siteLine(line, site, sites);
            Matcher step = STEP.matcher(line);
            Matcher blocks = BLOCKS.matcher(line);
            Matcher holds = HOLDS.matcher(line);
            if (blocks.matches()) {
                thread = blocks.group(1);
                blockedIn.put(thread, blocks.group(2));
            } else if (step.matches()) {
                thread = step.group(1);
            } else if (holds.matches() && thread != null) {
                heldText = holds.group(1);
                held.put(thread, locks(heldText));
                continue;
            } else if (HELD_MORE.matcher(line).matches() && heldText != null && thread != null) {
                heldText = heldText + " " + line.strip(); // a held list too long for one line goes on under it
                held.put(thread, locks(heldText));
                continue;
            } else if (line.startsWith("note:") || line.isBlank()) {
                thread = null;
            }
            heldText = null;
        }
        return new GoldenFinding(verdict, headline, sentences, held, blockedIn, whole, sites);
    }

    private static final Pattern AT = Pattern.compile("^ {9}at (\\S+):(\\d+):(\\d+)$");

    /** A blocked thread's lines being read: its name, position and call stack so far. */
    private static final class SiteLines {
        final String thread;
        String file;
        int line;
        int column;
        final StringBuilder stack = new StringBuilder();

        SiteLines(String thread) {
            this.thread = thread;
        }
    }

    /** Reads the blocked section's lines: "X blocks in", its "at", its "in a(..) <- b(..)" over lines. */
    private static SiteLines siteLine(String line, SiteLines site, Map<String, Site> sites) {
        Matcher blocks = BLOCKS.matcher(line);
        if (blocks.matches()) return new SiteLines(blocks.group(1));
        if (site == null) return null;
        Matcher at = AT.matcher(line);
        if (at.matches()) {
            site.file = at.group(1);
            site.line = Integer.parseInt(at.group(2));
            site.column = Integer.parseInt(at.group(3));
        } else if (line.startsWith("         in ")) {
            site.stack.append(line.substring("         in ".length()).strip());
        } else if (line.startsWith("            ") && !site.stack.isEmpty()) {
            site.stack.append(' ').append(line.strip());
        } else if (line.startsWith("         holds ")) {
            List<String> stack = new ArrayList<>();
            for (String f : site.stack.toString().split("<-")) {
                if (!f.isBlank()) stack.add(f.strip());
            }
            if (site.file != null) sites.put(site.thread, new Site(site.file, site.line, site.column, stack));
            return null;
        }
        return site;
    }

    /** {@code mmap_lock (read), page_lock[P0]} -> the locks by name, modes dropped. */
    private static List<String> locks(String holds) {
        if (holds.equals("nothing")) return List.of();
        List<String> out = new ArrayList<>();
        for (String h : holds.split(", (?![^\\[]*])")) out.add(lockName(h));
        return out;
    }

    private static String lockName(String held) {
        return held.replaceAll(" \\((read|write)\\)$", "").strip();
    }

    private static final Pattern ONLY_CAN = Pattern.compile(
            "^(\\S+) (?:holds .+? and )?waits for (.+), which only (.+) can (?:make true|complete)$");
    private static final Pattern ONLY_COULD = Pattern.compile(
            "^(\\S+) waits for (.+?); only (.+?) could (?:make it true|complete it), but .+$");

    /** The sentences that name the only threads that could end a wait. */
    List<Makers> makers() {
        List<Makers> out = new ArrayList<>();
        for (String s : whole) {
            for (Pattern p : List.of(ONLY_CAN, ONLY_COULD)) {
                Matcher m = p.matcher(s);
                if (m.matches()) out.add(new Makers(m.group(1), m.group(2), List.of(m.group(3).split(", | and ")), s));
            }
        }
        return out;
    }

    /** Where {@code thread} blocks after the trace's last step, if it does. */
    Optional<Site> site(String thread) {
        return Optional.ofNullable(sites.get(thread));
    }

    /** Every sentence of this finding that its own trace contradicts, said as such. */
    List<String> untruths() {
        List<String> wrong = new ArrayList<>();
        switch (verdict) {
            case "deadlock", "hang" -> {
                for (String s : sentences) checkWaitSentence(s, wrong);
            }
            case "sleep-in-atomic" -> match(SLEEPS, headline).ifPresent(m -> mustHold(m.group(1), m.group(2), wrong));
            case "recursive-lock" -> match(RECURSES, headline).ifPresent(m -> mustHold(m.group(1), m.group(2), wrong));
            case "lock-held-at-exit" -> match(LEAKS, headline).ifPresent(m -> mustHold(m.group(1), m.group(2), wrong));
            case "unlock-not-held" -> match(UNHELD, headline).ifPresent(m -> {
                if (holds(m.group(1), m.group(2))) wrong.add(m.group(1) + " holds " + m.group(2) + ": " + headline);
            });
            default -> {
            }
        }
        return wrong;
    }

    private void checkWaitSentence(String sentence, List<String> wrong) {
        Matcher hw = HOLDS_AND_WAITS.matcher(sentence);
        Matcher w = WAITS.matcher(sentence);
        String thread;
        String waited;
        if (hw.matches()) {
            thread = hw.group(1);
            mustHold(thread, hw.group(2), wrong);
            waited = hw.group(3);
        } else if (w.matches()) {
            thread = w.group(1);
            waited = w.group(2);
        } else {
            return;
        }
        Matcher queued = QUEUED.matcher(waited);
        if (queued.matches()) {
            waited = queued.group(1);
            mustBeBlocked(queued.group(2), "queued ahead of " + thread, wrong);
        }
        Matcher which = WHICH_HOLDS.matcher(waited);
        if (which.matches()) {
            waited = which.group(1);
            mustHold(which.group(2), lockName(waited), wrong);
        }
        Matcher heldBy = HELD_BY.matcher(waited);
        if (heldBy.matches()) {
            waited = heldBy.group(1);
            for (String holder : heldBy.group(2).split(", | and ")) mustHold(holder, lockName(waited), wrong);
        }
        Matcher irq = IN_INTERRUPT.matcher(waited);
        if (irq.matches()) waited = irq.group(1);
        if (!blockedIn.containsKey(thread)) {
            wrong.add(thread + " is not blocked after the last step: " + sentence);
            return;
        }
        String lock = lockName(waited);
        // a plain lock name must be what the blocked operation takes (first, before a *_nested
        // acquisition's subclass); events and journal waits are sentences of their own
        String op = blockedIn.get(thread);
        boolean takes = op.contains("(" + lock + ")") || op.contains("(" + lock + ", ");
        if (lock.matches("[A-Za-z_][\\w\\[\\]]*") && !takes) {
            wrong.add(thread + " blocks in " + blockedIn.get(thread) + ", not on " + lock + ": " + sentence);
        }
    }

    private void mustHold(String thread, String lock, List<String> wrong) {
        if (!holds(thread, lockName(lock))) {
            wrong.add(thread + " does not hold " + lockName(lock) + " after its last step (it holds "
                    + held.getOrDefault(thread, List.of()) + "): " + headline);
        }
    }

    private void mustBeBlocked(String thread, String why, List<String> wrong) {
        if (!blockedIn.containsKey(thread)) wrong.add(thread + ", " + why + ", is not blocked: " + headline);
    }

    private boolean holds(String thread, String lock) {
        return held.getOrDefault(thread, List.of()).contains(lockName(lock));
    }

    private static Optional<Matcher> match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.matches() ? Optional.of(m) : Optional.empty();
    }
}
