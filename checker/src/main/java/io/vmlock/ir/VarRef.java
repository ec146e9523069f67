package io.vmlock.ir;

import java.util.Objects;

/** The target of an assignment: a frame slot or a global slot, with its range. */
public sealed interface VarRef permits VarRef.LocalVar, VarRef.GlobalElement {

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

    record GlobalElement(GlobalVar variable, IrExpr index) implements VarRef {
        public GlobalElement {
            Objects.requireNonNull(variable);
            Objects.requireNonNull(index);
        }

        public int low() {
            return variable.low();
        }

        public int high() {
            return variable.high();
        }

        public boolean bool() {
            return variable.bool();
        }

        public String text() {
            return variable.isArray() ? variable.name() + "[" + index.text() + "]" : variable.name();
        }
    }
}
