package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Ident;

/** What a global name stands for. */
public sealed interface Symbol permits Symbol.SetSym, Symbol.InstanceSym, Symbol.ObjectSym, Symbol.GlobalVarSym,
        Symbol.ConstSym, Symbol.MappingSym, Symbol.WorkqueueSym, Symbol.WorkSym, Symbol.ProcSym, Symbol.ThreadSym, Symbol.InterruptSym {

    Ident name();

    /** "a lock", "a procedure": for messages. */
    String description();

    record SetSym(Decl.SetDecl decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "an instance set";
        }
    }

    /** {@code P0} in {@code set page { P0, P1 }}: its position in the set is its value. */
    record InstanceSym(Ident name, Decl.SetDecl set, int ordinal) implements Symbol {
        public String description() {
            return "an instance of set '" + set.name().name() + "'";
        }
    }

    record ObjectSym(Decl.ObjectDecl decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "a " + decl.kind().keyword() + (decl.set().isPresent() ? " class" : "");
        }
    }

    record GlobalVarSym(Decl.Var decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "a variable";
        }
    }

    record ConstSym(Decl.Const decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "a constant";
        }
    }

    record MappingSym(Decl.Mapping decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "a mapping";
        }
    }

    record WorkqueueSym(Decl.Workqueue decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "a workqueue";
        }
    }

    record WorkSym(Decl.Work decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "a work item";
        }
    }

    record ProcSym(Decl.Proc decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "a procedure";
        }
    }

    record ThreadSym(Decl.Thread decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "a thread";
        }
    }

    record InterruptSym(Decl.Interrupt decl) implements Symbol {
        public Ident name() {
            return decl.name();
        }

        public String description() {
            return "an interrupt handler";
        }
    }
}
