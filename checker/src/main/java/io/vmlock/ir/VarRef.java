package io.vmlock.ir;

import java.util.Objects;

/** The target of an assignment: a frame slot or a global slot, with its range. */
public sealed interface VarRef permits VarRef.LocalVar, VarRef.Element {

    int low();

    int high();

    boolean bool();

    String text();

    /** A local variable (or element of a local array) of the executing frame. */
    record LocalVar(LocalSlot slot, IrExpr index) implements VarRef {
        public LocalVar {
            Objects.requireNonNull(slot);
            Objects.requireNonNull(index);
        }

        public int low() {
            return slot.low();
        }

        public int high() {
            return slot.high();
        }

        public boolean bool() {
            return slot.bool();
        }

        /** The frame slot written, in the executing frame. */
        public int resolve(IrExpr.Values values) {
            int i = index.eval(values);
            if (i < 0 || i >= slot.size()) {
                throw new IrExpr.EvaluationException("index " + i + " is outside " + slot.name());
            }
            return slot.index() + i;
        }

        public String text() {
            return slot.size() > 1 || !(index instanceof IrExpr.Const) ? slot.name() + "[" + index.text() + "]" : slot.name();
        }
    }

    /** An element of a declared variable: a global, or the executing thread's per-thread variable. */
    sealed interface Element extends VarRef permits GlobalElement, CurrentElement {
        GlobalVar variable();

        IrExpr index();

        default int low() {
            return variable().low();
        }

        default int high() {
            return variable().high();
        }

        default boolean bool() {
            return variable().bool();
        }

        default String text() {
            return variable().isArray() ? variable().name() + "[" + index().text() + "]" : variable().name();
        }
    }

    record GlobalElement(GlobalVar variable, IrExpr index) implements Element {
        public GlobalElement {
            Objects.requireNonNull(variable);
            Objects.requireNonNull(index);
        }
    }

    /** An element of a per-thread variable ({@code current->journal_info}) of the executing thread. */
    record CurrentElement(GlobalVar variable, IrExpr index) implements Element {
        public CurrentElement {
            Objects.requireNonNull(variable);
            Objects.requireNonNull(index);
        }
    }
}
