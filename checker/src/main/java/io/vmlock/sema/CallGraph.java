package io.vmlock.sema;

import io.vmlock.ast.Expr;
import io.vmlock.ast.Ident;
import io.vmlock.ast.ValueCalls;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which procedure calls which, through plain calls only: faults do not nest and reclaim runs
 * with PF_MEMALLOC, so neither can re-enter a procedure that is already running.
 */
final class CallGraph {
    /** A call from one procedure to another: a call statement's, or a call whose value is used. */
    record Edge(int to, Ident callee) {
    }

    private final List<Decl.Proc> procs;
    private final List<List<Edge>> edges = new ArrayList<>();

    private CallGraph(List<Decl.Proc> procs) {
        this.procs = procs;
    }

    static CallGraph build(SymbolTable symbols) {
        List<Decl.Proc> procs = symbols.all(Symbol.ProcSym.class).stream().map(Symbol.ProcSym::decl).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < procs.size(); i++) index.put(procs.get(i).name().name(), i);
        CallGraph g = new CallGraph(procs);
        for (Decl.Proc p : procs) {
            List<Edge> out = new ArrayList<>();
            Statements.forEach(p.body(), s -> {
                if (s instanceof Stmt.Call call && index.containsKey(call.procedure().name())) {
                    out.add(new Edge(index.get(call.procedure().name()), call.procedure()));
                }
                for (Expr.Call call : ValueCalls.of(s)) {
                    if (index.containsKey(call.callee().name())) out.add(new Edge(index.get(call.callee().name()), call.callee()));
                }
            });
            g.edges.add(out);
        }
        return g;
    }

    List<Decl.Proc> procs() {
        return procs;
    }

    List<Edge> edges(int from) {
        return edges.get(from);
    }

    /**
     * The strongly connected components, callees before their callers (Tarjan's algorithm, with
     * an explicit stack: call chains in generated input can be longer than the thread's stack).
     */
    List<List<Integer>> components() {
        int n = procs.size();
        int[] order = new int[n];
        int[] low = new int[n];
        Arrays.fill(order, -1);
        boolean[] onStack = new boolean[n];
        Deque<Integer> stack = new ArrayDeque<>();
        List<List<Integer>> out = new ArrayList<>();
        int counter = 0;
        for (int root = 0; root < n; root++) {
            if (order[root] != -1) continue;
            Deque<int[]> work = new ArrayDeque<>();
            order[root] = low[root] = counter++;
            stack.push(root);
            onStack[root] = true;
            work.push(new int[] {root, 0});
            while (!work.isEmpty()) {
                int[] frame = work.peek();
                int u = frame[0];
                if (frame[1] < edges.get(u).size()) {
                    int w = edges.get(u).get(frame[1]++).to();
                    if (order[w] == -1) {
                        order[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        work.push(new int[] {w, 0});
                    } else if (onStack[w]) {
                        low[u] = Math.min(low[u], order[w]);
                    }
                    continue;
                }
                work.pop();
                if (low[u] == order[u]) out.add(popComponent(u, stack, onStack));
                if (!work.isEmpty()) low[work.peek()[0]] = Math.min(low[work.peek()[0]], low[u]);
            }
        }
        return out;
    }

    private static List<Integer> popComponent(int root, Deque<Integer> stack, boolean[] onStack) {
        List<Integer> component = new ArrayList<>();
        int w;
        do {
            w = stack.pop();
            onStack[w] = false;
            component.add(w);
        } while (w != root);
        component.sort(null);
        return component;
    }
}
