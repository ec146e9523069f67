package io.vmlock.lsp;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Ident;
import io.vmlock.ast.Program;
import io.vmlock.ast.SourceSpan;
import io.vmlock.sema.SymbolTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The named declarations of a loaded program (the scenario and everything it imports): what
 * hover, definition, completion and the outline look names up in. vmlock has one namespace for
 * top-level names, so a name finds its declaration wherever the file that declares it lies.
 */
record Declarations(List<Named> all) {
    /** A top-level declaration and the name it declares. */
    record Named(Ident name, Decl decl, String file) {
        SourceSpan span() {
            return name.span();
        }
    }

    static Declarations of(Program program) {
        List<Named> all = new ArrayList<>();
        for (var file : program.files()) {
            for (Decl d : file.declarations()) {
                if (d instanceof Decl.Hook h && !SymbolTable.defaultInUse(h, program)) continue;
                name(d).ifPresent(n -> all.add(new Named(n, d, file.path())));
            }
        }
        return new Declarations(List.copyOf(all));
    }

    static Optional<Ident> name(Decl d) {
        return d.accept(NAME).map(Described::name);
    }

    Optional<Named> find(String name) {
        return all.stream().filter(n -> n.name().name().equals(name)).findFirst();
    }

    List<Named> inFile(String file) {
        return all.stream().filter(n -> n.file().equals(file)).toList();
    }

    /** How a declaration reads in one line: {@code proc ext4_page_mkwrite(page p)}, {@code mutex m}. */
    static String signature(Decl d) {
        return d.accept(NAME).map(Described::signature).orElse("");
    }

    /** A named declaration's name and one-line signature. */
    private record Described(Ident name, String signature) {
    }

    /** Names and signatures; the declarations that name nothing (imports, orders, expect...) have none. */
    private static final Decl.Visitor<Optional<Described>> NAME = new Decl.Visitor<>() {
        public Optional<Described> visitImport(Decl.Import d) {
            return Optional.empty();
        }

        public Optional<Described> visitSet(Decl.SetDecl d) {
            return of(d.name(), "set " + d.name().name() + " { "
                    + d.members().stream().map(Ident::name).collect(Collectors.joining(", ")) + " }");
        }

        public Optional<Described> visitObject(Decl.ObjectDecl d) {
            return of(d.name(), d.kind().keyword() + " " + d.name().name() + indexed(d.set()));
        }

        public Optional<Described> visitVar(Decl.Var d) {
            return of(d.name(), "variable " + d.name().name() + indexed(d.set()));
        }

        public Optional<Described> visitConst(Decl.Const d) {
            return of(d.name(), "const " + d.name().name());
        }

        public Optional<Described> visitMapping(Decl.Mapping d) {
            return of(d.name(), "mapping " + d.name().name());
        }

        public Optional<Described> visitReclaim(Decl.Reclaim d) {
            return Optional.empty();
        }

        public Optional<Described> visitWorkqueue(Decl.Workqueue d) {
            return of(d.name(), (d.ordered() ? "ordered_workqueue " : "workqueue ") + d.name().name()
                    + d.set().map(s -> "[" + s.name() + "]").orElse(""));
        }

        public Optional<Described> visitWork(Decl.Work d) {
            return of(d.name(), "work " + d.name().name() + d.set().map(s -> "[" + s.name() + "]").orElse("") + " = "
                    + d.target().name() + "(...) on " + d.workqueue().name() + (d.workqueueIndex().isPresent() ? "[...]" : ""));
        }

        public Optional<Described> visitProc(Decl.Proc d) {
            return of(d.name(), "proc " + d.name().name() + "(" + d.params().stream()
                    .map(a -> a.type().spelling() + " " + a.name().name()).collect(Collectors.joining(", ")) + ")");
        }

        /** A hook names its definition, which is what a reader goes to; a default body in use is that. */
        public Optional<Described> visitHook(Decl.Hook d) {
            return d.defaultProc().flatMap(this::visitProc).map(p -> new Described(p.name(), "default " + p.signature()));
        }

        public Optional<Described> visitThread(Decl.Thread d) {
            return of(d.name(), (d.daemon() ? "daemon thread " : "thread ") + d.name().name()
                    + (d.count() > 1 ? "[" + d.count() + "]" : ""));
        }

        public Optional<Described> visitInterrupt(Decl.Interrupt d) {
            return of(d.name(), "interrupt " + d.name().name());
        }

        public Optional<Described> visitOrder(Decl.Order d) {
            return Optional.empty();
        }

        public Optional<Described> visitInvariant(Decl.Invariant d) {
            return Optional.empty();
        }

        public Optional<Described> visitInit(Decl.Init d) {
            return Optional.empty();
        }

        public Optional<Described> visitExpect(Decl.Expect d) {
            return Optional.empty();
        }

        private Optional<Described> of(Ident name, String signature) {
            return Optional.of(new Described(name, signature));
        }

        private String indexed(Optional<Ident> set) {
            return set.map(s -> "[" + s.name() + "]").orElse("");
        }
    };
}
