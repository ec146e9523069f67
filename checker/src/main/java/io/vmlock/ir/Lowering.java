package io.vmlock.ir;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Ident;
import io.vmlock.ast.Program;
import io.vmlock.ast.ResultType;
import io.vmlock.ast.VarType;
import io.vmlock.sema.CheckedProgram;
import io.vmlock.sema.Symbol;
import io.vmlock.sema.SymbolTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a checked program to the IR. Declarations keep their order, so ids (and with them
 * state layouts and reports) are deterministic. Procedures get ids first, thread bodies and
 * interrupt handlers after them, so calls can name procedures declared later.
 */
public final class Lowering {
    private final Program program;
    private final Map<String, InstanceSet> sets = new LinkedHashMap<>();
    private final Map<String, ObjectClass> objects = new LinkedHashMap<>();
    private final Map<String, GlobalVar> globals = new LinkedHashMap<>();
    private final Map<String, GlobalVar> perThread = new LinkedHashMap<>();
    private final Map<String, Integer> mappingIds = new LinkedHashMap<>();
    private final Map<String, Integer> procIds = new LinkedHashMap<>();
    private final Map<String, ResultType> procResults = new LinkedHashMap<>();
    /** A call's value type: the definition's result, or its hook's for a proc defining one. */
    private final Map<String, ResultType> valueResults = new LinkedHashMap<>();
    private final ExprLowering exprs;
    private final SymbolTable symbols;
    private Workqueues workqueues;
    private int instances;
    private int globalSlots;
    private int perThreadSlots;

    private Lowering(CheckedProgram checked) {
        this.program = checked.program();
        this.symbols = checked.symbols();
        this.exprs = new ExprLowering(checked.symbols(), sets, objects, globals, perThread, mappingIds);
    }

    public static IrProgram lower(CheckedProgram checked) {
        return new Lowering(checked).run();
    }

    private IrProgram run() {
        program.all(Decl.SetDecl.class).forEach(s -> sets.put(s.name().name(),
                new InstanceSet(s.name().name(), s.members().stream().map(Ident::name).toList())));
        program.all(Decl.ObjectDecl.class).forEach(this::object);
        program.all(Decl.Var.class).forEach(this::global);
        workqueues = workqueues();
        Map<Integer, String> classKeys = StartingValues.apply(program.all(Decl.Init.class), globals, sets, objects, exprs);
        List<Decl.Mapping> mappingDecls = program.all(Decl.Mapping.class);
        mappingDecls.forEach(m -> mappingIds.put(m.name().name(), mappingIds.size()));
        // the procedures in use: a hook's default body stands among them where no file defines the hook
        List<Decl.Proc> procs = symbols.all(Symbol.ProcSym.class).stream().map(Symbol.ProcSym::decl).toList();
        procs.forEach(p -> procIds.put(p.name().name(), procIds.size()));
        procs.forEach(p -> procResults.put(p.name().name(), p.result()));
        procs.forEach(p -> valueResults.put(p.name().name(), p.result().returnsValue() ? p.result()
                : symbols.hook(p.name().name()).map(Decl.Hook::result).orElse(p.result())));
        List<Procedure> procedures = new ArrayList<>();
        for (Decl.Proc p : procs) {
            procedures.add(ProcLowering.lower(procedures.size(), p.name().name(), Procedure.Kind.PROC, p.params(),
                    p.body(), p.span(), exprs, procIds, procResults, valueResults, workqueues));
        }
        List<ThreadDef> threads = threads(procedures);
        workers(procedures, threads);
        List<InterruptDef> interrupts = interrupts(procedures, threads);
        return new IrProgram(program.main().path(), List.copyOf(sets.values()), List.copyOf(objects.values()),
                instances, List.copyOf(globals.values()), globalSlots, List.copyOf(perThread.values()), perThreadSlots,
                mappings(mappingDecls), reclaimPaths(),
                procedures, threads, interrupts, invariants(), orders(), expectations(), classKeys);
    }

    private void object(Decl.ObjectDecl d) {
        Optional<InstanceSet> set = d.set().map(s -> sets.get(s.name()));
        ObjectClass c = new ObjectClass(objects.size(), d.name().name(), d.kind(), set, instances, d.span());
        objects.put(c.name(), c);
        instances += c.size();
    }

    private void global(Decl.Var d) {
        Optional<InstanceSet> set = d.set().map(s -> sets.get(s.name()));
        boolean bool = d.type() instanceof VarType.Bool;
        int low = bool ? 0 : exprs.constant(((VarType.IntRange) d.type()).low());
        int high = bool ? 1 : exprs.constant(((VarType.IntRange) d.type()).high());
        int init = d.init().map(exprs::constant).orElse(low);
        int size = set.map(InstanceSet::size).orElse(1);
        if (d.perThread()) {
            perThread.put(d.name().name(), new GlobalVar(d.name().name(), bool, low, high, set, perThreadSlots,
                    Collections.nCopies(size, init), d.span()));
            perThreadSlots += size;
            return;
        }
        GlobalVar g = new GlobalVar(d.name().name(), bool, low, high, set, globalSlots,
                Collections.nCopies(size, init), d.span());
        globals.put(g.name(), g);
        globalSlots += size;
    }

    /** Workqueues' maps and items' state variables, after the declared objects and globals. */
    private Workqueues workqueues() {
        return Workqueues.declare(program.all(Decl.Workqueue.class), program.all(Decl.Work.class),
                AwaitedWorks.of(program), sets, exprs::constant, new Workqueues.Allocator() {
                    public ObjectClass pseudoLock(String name, Optional<InstanceSet> set, io.vmlock.ast.SourceSpan span) {
                        ObjectClass c = Workqueues.map(objects.size(), name, set, instances, span);
                        objects.put(c.name(), c);
                        instances += c.size();
                        return c;
                    }

                    public GlobalVar variable(String name, int high, io.vmlock.ast.SourceSpan span) {
                        GlobalVar g = new GlobalVar(name, false, 0, high, Optional.empty(), globalSlots, List.of(0), span);
                        globals.put(g.name(), g);
                        globalSlots += g.size();
                        return g;
                    }
                });
    }

    /** The workers, daemon threads after the declared ones. */
    private void workers(List<Procedure> procedures, List<ThreadDef> threads) {
        for (Procedure body : workqueues.workers(procedures.size(), procIds, exprs)) {
            procedures.add(body);
            threads.add(new ThreadDef(threads.size(), body.name(), body.name(), -1, true, body.id(), body.span()));
        }
    }

    private List<ThreadDef> threads(List<Procedure> procedures) {
        List<ThreadDef> threads = new ArrayList<>();
        for (Decl.Thread t : program.all(Decl.Thread.class)) {
            int body = procedures.size();
            procedures.add(ProcLowering.lower(body, t.name().name(), Procedure.Kind.THREAD, List.of(), t.body(),
                    t.span(), exprs, procIds, procResults, valueResults, workqueues));
            for (int copy = 0; copy < t.count(); copy++) {
                boolean replicated = t.count() > 1;
                String name = replicated ? t.name().name() + "[" + copy + "]" : t.name().name();
                threads.add(new ThreadDef(threads.size(), name, t.name().name(), replicated ? copy : -1,
                        t.daemon(), body, t.span()));
            }
        }
        return threads;
    }

    private List<InterruptDef> interrupts(List<Procedure> procedures, List<ThreadDef> threads) {
        List<InterruptDef> result = new ArrayList<>();
        for (Decl.Interrupt i : program.all(Decl.Interrupt.class)) {
            int body = procedures.size();
            procedures.add(ProcLowering.lower(body, i.name().name(), Procedure.Kind.INTERRUPT, List.of(), i.body(),
                    i.span(), exprs, procIds, procResults, valueResults, workqueues));
            List<String> named = i.threads().stream().map(Ident::name).toList();
            List<Integer> on = threads.stream()
                    .filter(t -> named.isEmpty() || named.contains(t.baseName())).map(ThreadDef::id).toList();
            result.add(new InterruptDef(result.size(), i.name().name(), body, on, i.softirq(), i.span()));
        }
        return result;
    }

    private List<MappingDef> mappings(List<Decl.Mapping> decls) {
        List<MappingDef> result = new ArrayList<>();
        for (Decl.Mapping m : decls) {
            Optional<Invocation> fault = m.attributes().stream().filter(a -> a.key().name().equals("fault"))
                    .findFirst().map(a -> invocation(a.target(), a.args(), a.span()));
            result.add(new MappingDef(result.size(), m.name().name(), fault, m.span()));
        }
        return result;
    }

    private List<ReclaimPath> reclaimPaths() {
        List<ReclaimPath> result = new ArrayList<>();
        for (Decl.Reclaim r : program.all(Decl.Reclaim.class)) {
            ReclaimPath.Needs needs = r.needs().map(n -> n.name().equals("__GFP_FS") ? ReclaimPath.Needs.FS
                    : ReclaimPath.Needs.IO).orElse(ReclaimPath.Needs.NONE);
            result.add(new ReclaimPath(result.size(), needs, invocation(r.target(), r.args(), r.span()), r.span()));
        }
        return result;
    }

    private Invocation invocation(Ident target, List<Expr> args, io.vmlock.ast.SourceSpan span) {
        List<IrExpr> lowered = args.stream().map(a -> exprs.lower(a, Scope.empty())).toList();
        return new Invocation(procIds.get(target.name()), lowered, span);
    }

    private List<Invariant> invariants() {
        return program.all(Decl.Invariant.class).stream()
                .map(i -> new Invariant(exprs.lower(i.condition(), Scope.empty()), i.span())).toList();
    }

    private List<LockOrder> orders() {
        return program.all(Decl.Order.class).stream()
                .map(o -> new LockOrder(o.classes().stream().map(c -> objects.get(c.name())).toList(), o.span()))
                .toList();
    }

    /** Only the main file's expectations: imported model libraries do not set the verdict. */
    private List<Expectation> expectations() {
        return program.main().all(Decl.Expect.class).stream().flatMap(e -> e.items().stream())
                .map(i -> new Expectation(i.negated(), i.verdict(), i.span())).toList();
    }
}
