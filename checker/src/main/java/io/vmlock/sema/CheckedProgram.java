package io.vmlock.sema;

import io.vmlock.ast.Program;
import java.util.Objects;

/** A program that passed every semantic check: what lowering and the analyses start from. */
public record CheckedProgram(Program program, SymbolTable symbols) {
    public CheckedProgram {
        Objects.requireNonNull(program);
        Objects.requireNonNull(symbols);
    }
}
