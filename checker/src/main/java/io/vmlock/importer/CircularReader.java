package io.vmlock.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a "possible circular locking dependency detected" report: header, chain, table, lists. */
final class CircularReader {
    private static final Pattern TRYING = Pattern.compile("^(.+?) is trying to acquire lock:$");
    private static final Pattern HOLDING = Pattern.compile("^but task is already holding lock:$");
    private static final Pattern CHAIN_ENTRY = Pattern.compile("^-> #(\\d{1,4}) (.*)$");
    private static final Pattern CHAIN_EXISTS = Pattern.compile("^Chain exists of:$");

    private CircularReader() {
    }

    static Splat read(Window w) throws UnreadableReport {
        int trying = w.require(TRYING, "the lock the task is trying to acquire (\"... is trying to acquire lock:\")");
        LockClass.Parsed acquiring = w.lockAfter(trying, "the lock the task is trying to acquire");
        int holding = w.require(HOLDING, "the lock the task already holds (\"but task is already holding lock:\"): "
                + "without it there is no cycle to import");
        LockClass.Parsed held = w.lockAfter(holding, "the lock the task already holds");
        List<String> dropped = new ArrayList<>();
        List<ChainLink> chain = chain(w, holding, dropped);
        checkChain(chain, acquiring.lock(), held.lock(), dropped);
        List<String> exists = chainExists(w);
        List<CpuStep> cpus = w.cpuTable(dropped);
        if (cpus.isEmpty() && !dropped.stream().anyMatch(d -> d.contains("scenario"))) {
            dropped.add("the \"Possible unsafe locking scenario\" table");
        }
        List<HeldLocks> lists = w.heldLists(dropped);
        return new Splat.Circular(w.header(w.group(TRYING, trying, 1), dropped), w.quoted(), acquiring.lock(),
                acquiring.at(), held.lock(), held.at(), chain, exists, cpus, lists);
    }

    private static List<ChainLink> chain(Window w, int from, List<String> dropped) {
        List<ChainLink> chain = new ArrayList<>();
        for (int i = from; i < w.end(); i++) {
            Matcher m = CHAIN_ENTRY.matcher(w.line(i).trimmed());
            if (!m.matches()) continue;
            Optional<LockClass.Parsed> lock = LockClass.parse(m.group(2), w.banner());
            if (lock.isEmpty()) {
                dropped.add("chain entry #" + m.group(1) + " on line " + w.line(i).number()
                        + " (its lock class is not readable)");
                continue;
            }
            w.use(i);
            chain.add(new ChainLink(Integer.parseInt(m.group(1)), lock.get().lock(), w.frames(i + 1)));
        }
        return chain;
    }

    /** Entries N..0 are printed from the held lock's down to the acquired lock's: say which are missing. */
    private static void checkChain(List<ChainLink> chain, LockClass acquiring, LockClass holding, List<String> dropped) {
        if (chain.isEmpty()) {
            dropped.add("the dependency chain (\"-> #N\" entries): the skeleton takes " + holding.name()
                    + " and then " + acquiring.name() + " one way, and the other way round directly");
            return;
        }
        int top = chain.get(0).index();
        List<Integer> missing = new ArrayList<>();
        for (int k = top; k >= 0; k--) {
            final int index = k;
            if (chain.stream().noneMatch(c -> c.index() == index)) missing.add(k);
        }
        if (!missing.isEmpty()) {
            dropped.add("chain entries " + missing.stream().map(k -> "#" + k).reduce((a, b) -> a + ", " + b).orElse("")
                    + " (the input ends before them): the skeleton closes the chain from the last entry it has "
                    + "to " + acquiring.name() + " directly");
        }
        ChainLink last = chain.get(chain.size() - 1);
        if (last.stack().isEmpty()) dropped.add("the stack of chain entry #" + last.index());
    }

    /** The classes of "Chain exists of:", as printed on the line after it, or none. */
    static List<String> chainExists(Window w) {
        Optional<Integer> title = w.find(CHAIN_EXISTS, w.start());
        if (title.isEmpty()) return List.of();
        int j = w.nextNonBlank(title.get() + 1);
        if (j >= w.end() || !w.line(j).trimmed().contains("-->")) return List.of();
        w.use(j);
        return Arrays.stream(w.line(j).trimmed().split("-->")).map(String::strip).toList();
    }
}
