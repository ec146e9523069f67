package io.vmlock.lockorder;

import io.vmlock.graph.Access;
import io.vmlock.graph.Acquisition;
import io.vmlock.graph.Dependency;
import io.vmlock.graph.Frame;
import io.vmlock.graph.Held;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.Nesting;
import io.vmlock.graph.OrderViolation;
import io.vmlock.graph.Site;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.solve.Feasibility;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Findings the graph pass reports on its own: unconfirmed cycles and declared-order violations. */
public final class GraphFindings {
    private GraphFindings() {
    }

    /**
     * A feasible cycle no search confirmed: the threads and locks of the cycle, and as its trace the
     * interleaving that would close it (each thread takes its lock, then each asks for the next).
     */
    public static Finding potentialDeadlock(Feasibility f, String unconfirmed) {
        CycleSegments c = CycleSegments.of(f);
        List<WaitLink> links = new ArrayList<>();
        List<TraceStep> trace = new ArrayList<>();
        for (CycleSegments.Segment s : c.segments()) {
            Held held = s.first().held();
            Acquisition wanted = s.last().acquired();
            links.add(new WaitLink(s.thread(), lock(held.label(), held.lock(), held.access()),
                    lock(wanted.label() + via(s.contexts()), wanted.lock(), wanted.access()), Optional.empty()));
            trace.add(step(trace.size() + 1, s.thread(), "takes " + held.label(), held.site(),
                    List.of(sketched(held.label()))));
        }
        for (CycleSegments.Segment s : c.segments()) {
            trace.add(step(trace.size() + 1, s.thread(), "waits for " + s.last().acquired().label() + via(s.contexts()),
                    s.last().acquired().site(), List.of(sketched(s.first().held().label()))));
        }
        String between = c.threads().isEmpty() ? "" : " between " + String.join(", ", c.threads());
        String headline = "lock-order cycle " + f.cycle() + " can close" + between + " (unconfirmed: " + unconfirmed + ")";
        var location = c.segments().isEmpty() ? f.cycle().edges().get(0).blocking().get(0).acquired().site().span()
                : c.segments().get(0).last().acquired().site().span();
        return new Finding(Verdict.POTENTIAL_DEADLOCK, headline, List.of(f.reason(), "unconfirmed: " + unconfirmed),
                links, trace, location);
    }

    private static String via(List<LockClass> contexts) {
        if (contexts.isEmpty()) return "";
        return " (in " + contexts.stream().map(LockClass::name).collect(Collectors.joining(" > ")) + ")";
    }

    /** The violating path as a trace: the outer lock taken, each context entered, the inner lock taken. */
    public static Finding orderViolation(OrderViolation v) {
        Nesting n = v.nesting();
        Dependency first = n.hops().get(0);
        String thread = first.actors().size() == 1 ? first.actors().get(0) : first.acquired().site().context();
        List<TraceStep> trace = new ArrayList<>();
        trace.add(step(1, thread, "takes " + n.held().label(), n.held().site(), List.of(sketched(n.held().label()))));
        for (Dependency entry : n.entries()) {
            trace.add(step(trace.size() + 1, thread, "enters " + Nesting.context(entry.acquired()),
                    entry.acquired().site(), List.of(sketched(n.held().label()))));
        }
        trace.add(step(trace.size() + 1, thread, "takes " + n.acquired().label(), n.acquired().site(),
                List.of(sketched(n.held().label()), sketched(n.acquired().label()))));
        String headline = n.acquired().label() + " is taken " + (n.isDirect() ? "" : n.via() + " ") + "while " + n.held().label()
                + " is held, against the order declared at " + v.declaredAt().position();
        // through a context, the user's code is where the context is entered, not the handler's lock
        var location = n.isDirect() ? n.acquired().site().span() : first.acquired().site().span();
        return new Finding(Verdict.ORDER_VIOLATION, headline, List.of(v.message()), List.of(), trace, location);
    }

    /** A lock of a cycle as lockdep names it: by the lock alone. */
    private static WaitLink.Lock lock(String name, LockClass lock, Access access) {
        return new WaitLink.Lock(name, lock.name(), access == Access.SHARED, name);
    }

    /** The graph pass sketches an interleaving: its traces name the locks held, not their modes. */
    private static HeldLock sketched(String label) {
        return new HeldLock(label, HeldLock.Mode.UNSTATED);
    }

    /** Call stacks innermost first, as the explorer's traces print them. */
    private static TraceStep step(int n, String thread, String operation, Site site, List<HeldLock> held) {
        List<String> stack = new ArrayList<>();
        for (Frame f : site.stack()) stack.add(0, f.function());
        if (!site.context().startsWith("thread ")) stack.add(site.context());
        var body = site.stack().isEmpty() ? site.span() : site.stack().get(0).callSite();
        return new TraceStep(n, thread, operation, site.span(), stack, held, body);
    }
}
