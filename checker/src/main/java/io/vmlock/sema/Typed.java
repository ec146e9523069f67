package io.vmlock.sema;

import java.util.Optional;

/** The type of an expression, with how to name it in a message and the name it stands for, if any. */
record Typed(ValueType type, String description, Optional<Binding> binding) {

    static Typed of(ValueType type) {
        return new Typed(type, type.describe(), Optional.empty());
    }

    static Typed of(Binding b) {
        return new Typed(b.type(), b.description(), Optional.of(b));
    }

    boolean known() {
        return !(type instanceof ValueType.Unknown);
    }

    /** "'sb_lock' is declared at f.vmlock:3:7", for a note. */
    String[] declarationNote() {
        return binding.map(b -> new String[] {"'" + b.name() + "' is declared at " + b.declared().span().position()})
                .orElse(new String[0]);
    }
}
