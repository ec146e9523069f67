package io.vmlock.graph;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.GabowStrongConnectivityInspector;
import org.jgrapht.alg.cycle.HawickJamesSimpleCycles;

/**
 * Finds the cycles of a lock-order graph. Enumeration deepens one length at a time, so when
 * the count bound cuts it, the cycles kept are the shortest ones: those most worth reading.
 */
public final class CycleFinder {
    public static final int DEFAULT_MAX_LENGTH = 8;
    public static final int DEFAULT_MAX_CYCLES = 200;
    /** The cycles a component is searched through for one longer than the bound before it is taken as cut. */
    static final int DEFAULT_LONGER_CYCLE_PROBE = 10_000;

    private final int maxLength;
    private final int maxCycles;
    private final int longerCycleProbe;

    public CycleFinder(int maxLength, int maxCycles) {
        this(maxLength, maxCycles, DEFAULT_LONGER_CYCLE_PROBE);
    }

    CycleFinder(int maxLength, int maxCycles, int longerCycleProbe) {
        if (maxLength < 1 || maxCycles < 1 || longerCycleProbe < 1) throw new IllegalArgumentException("bounds must be positive");
        this.maxLength = maxLength;
        this.maxCycles = maxCycles;
        this.longerCycleProbe = longerCycleProbe;
    }

    public static CycleFinder withDefaults() {
        return new CycleFinder(DEFAULT_MAX_LENGTH, DEFAULT_MAX_CYCLES);
    }

    public CycleSearch find(Graph<LockClass, LockEdge> graph) {
        return find(graph, Budget.heapOnly());
    }

    /** Throws {@link io.vmlock.budget.BudgetExhausted} when the file's budget runs out while cycles are enumerated. */
    public CycleSearch find(Graph<LockClass, LockEdge> graph, Budget budget) {
        List<Graph<LockClass, LockEdge>> components = cyclicComponents(graph);
        List<LockCycle> cycles = new ArrayList<>();
        boolean cut = false;
        // a component always has a cycle; while none is found, deepen past maxLength up to the
        // largest component, so a graph whose only cycles are long (an eleven-class lockdep chain)
        // has its shortest one found rather than none
        int largest = components.stream().mapToInt(c -> c.vertexSet().size()).max().orElse(0);
        int bound = maxLength;
        for (int length = 1; (length <= bound || (cycles.isEmpty() && length <= largest)) && !cut; length++) {
            bound = Math.max(bound, length);
            for (Graph<LockClass, LockEdge> c : components) {
                budget.check(Phase.GRAPH_PASS);
                cut = collect(c, length, cycles, budget);
                if (cut) break;
            }
        }
        int searched = bound;
        if (!cut) cut = components.stream().anyMatch(c -> longerCycleExists(c, searched));
        cycles.sort(LockCycle.RANK);
        return new CycleSearch(vertexSets(components), cycles, cut, bound, maxCycles);
    }

    /** The class sets of the components with a cycle, without enumerating cycles. */
    public static List<Set<LockClass>> components(Graph<LockClass, LockEdge> graph) {
        return vertexSets(cyclicComponents(graph));
    }

    private static List<Set<LockClass>> vertexSets(List<Graph<LockClass, LockEdge>> components) {
        return components.stream().map(c -> (Set<LockClass>) new TreeSet<>(c.vertexSet())).toList();
    }

    /** Components with a cycle: more than one class, or a class with a self-loop. */
    private static List<Graph<LockClass, LockEdge>> cyclicComponents(Graph<LockClass, LockEdge> graph) {
        return new GabowStrongConnectivityInspector<>(graph).getStronglyConnectedComponents().stream()
                .filter(c -> c.vertexSet().size() > 1 || c.vertexSet().stream().anyMatch(v -> c.containsEdge(v, v)))
                .sorted(Comparator.comparing(c -> new TreeSet<>(c.vertexSet()).first()))
                .toList();
    }

    /** Adds the cycles of exactly {@code length} edges; true when the count bound was reached. */
    private boolean collect(Graph<LockClass, LockEdge> component, int length, List<LockCycle> into, Budget budget) {
        if (component.vertexSet().size() < length) return false;
        List<LockCycle> found = new ArrayList<>();
        boolean cut = enumerate(component, length, vertices -> {
            budget.check(Phase.GRAPH_PASS);
            if (vertices.size() != length) return false;
            found.add(toCycle(component, vertices));
            return into.size() + found.size() >= maxCycles;
        });
        found.sort(LockCycle.RANK);
        into.addAll(found);
        return cut;
    }

    /**
     * Whether the component may have a cycle longer than {@code searched}: one is found, or
     * {@link #longerCycleProbe} cycles were looked at without finding one, too many to tell (a
     * cut is then the honest answer). Probing only one length past it called a component with
     * cycles of 8 and 11 classes and none of 9 complete.
     */
    private boolean longerCycleExists(Graph<LockClass, LockEdge> component, int searched) {
        int size = component.vertexSet().size();
        if (size <= searched) return false;
        int[] looked = {0};
        return enumerate(component, size, vertices -> vertices.size() > searched || ++looked[0] > longerCycleProbe);
    }

    /** Runs the enumeration until {@code stop} says so; returns whether it did. */
    private static boolean enumerate(Graph<LockClass, LockEdge> g, int limit,
                                     java.util.function.Predicate<List<LockClass>> stop) {
        HawickJamesSimpleCycles<LockClass, LockEdge> finder = new HawickJamesSimpleCycles<>(g);
        finder.setPathLimit(limit);
        try {
            finder.findSimpleCycles(vertices -> {
                if (stop.test(vertices)) throw new Stop();
            });
            return false;
        } catch (Stop s) {
            return true;
        }
    }

    private static LockCycle toCycle(Graph<LockClass, LockEdge> g, List<LockClass> vertices) {
        List<LockEdge> edges = new ArrayList<>();
        for (int i = 0; i < vertices.size(); i++) {
            edges.add(g.getEdge(vertices.get(i), vertices.get((i + 1) % vertices.size())));
        }
        return new LockCycle(edges);
    }

    /** Ends an enumeration early; JGraphT's consumer has no other way to stop. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
