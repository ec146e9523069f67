package io.vmlock.ir;

import io.vmlock.ast.Expr;
import java.util.Objects;

/**
 * A side-effect-free expression with every name resolved: locals are frame slots, globals are
 * state slots, instance names and constants are numbers. Every value is an int (booleans 0/1,
 * instances their ordinal in their set, lock and completion parameters an object instance id,
 * mappings their id).
 */
public sealed interface IrExpr permits IrExpr.Const, IrExpr.Local, IrExpr.LocalElement, IrExpr.Global, IrExpr.Current,
        IrExpr.ObjectValue, IrExpr.Unary, IrExpr.Binary {

    /** What an expression reads: the executing frame's slots, the global slots and the executing thread's own. */
    interface Values {
        int local(int slot);

        int global(int slot);

        /** A per-thread slot ({@code current->journal_info}) of the thread evaluating the expression. */
        int current(int slot);
    }

    /** Division by zero or an index outside its set: the expression has no value. */
    final class EvaluationException extends RuntimeException {
        public EvaluationException(String message) {
            super(message, null, false, false);
        }
    }

    int eval(Values values);

    /**
     * Reads the state beyond the executing frame (a global or a per-thread variable): conditions
     * that do not may be resolved ahead of time.
     */
    boolean readsGlobals();

    /** Source-like text with the frame's names, e.g. {@code nr_dirty < dirty_limit}. */
    String text();

    /** A literal, constant, instance ordinal or named mapping id; {@code text} is how it was named. */
    record Const(int value, String text) implements IrExpr {
        public Const {
            Objects.requireNonNull(text);
        }

        public int eval(Values values) {
            return value;
        }

        public boolean readsGlobals() {
            return false;
        }
    }

    /** A parameter or local variable of the executing frame. */
    record Local(int slot, String name) implements IrExpr {
        public int eval(Values values) {
            return values.local(slot);
        }

        public boolean readsGlobals() {
            return false;
        }

        public String text() {
            return name;
        }
    }

    /** An element of a local array variable. */
    record LocalElement(LocalSlot slot, IrExpr index) implements IrExpr {
        public LocalElement {
            Objects.requireNonNull(slot);
            Objects.requireNonNull(index);
        }

        public int eval(Values values) {
            return values.local(new VarRef.LocalVar(slot, index).resolve(values));
        }

        public boolean readsGlobals() {
            return index.readsGlobals();
        }

        public String text() {
            return slot.name() + "[" + index.text() + "]";
        }
    }

    /** A global variable or one element of a global array. */
    record Global(GlobalVar variable, IrExpr index) implements IrExpr {
        public Global {
            Objects.requireNonNull(variable);
            Objects.requireNonNull(index);
        }

        public int eval(Values values) {
            return values.global(variable.slot(index.eval(values)));
        }

        public boolean readsGlobals() {
            return true;
        }

        public String text() {
            return variable.isArray() ? variable.name() + "[" + index.text() + "]" : variable.name();
        }
    }

    /**
     * A per-thread variable or one element of it, {@code current->journal_info}: the executing
     * thread's own slot. It reads the state (an interrupt on the thread may change it).
     */
    record Current(GlobalVar variable, IrExpr index) implements IrExpr {
        public Current {
            Objects.requireNonNull(variable);
            Objects.requireNonNull(index);
        }

        public int eval(Values values) {
            return values.current(variable.slot(index.eval(values)));
        }

        public boolean readsGlobals() {
            return true;
        }

        public String text() {
            return variable.isArray() ? variable.name() + "[" + index.text() + "]" : variable.name();
        }
    }

    /** A lock or completion as a value (a call argument): its instance id. */
    record ObjectValue(ObjectRef ref) implements IrExpr {
        public ObjectValue {
            Objects.requireNonNull(ref);
        }

        public int eval(Values values) {
            return ref.instance(values);
        }

        public boolean readsGlobals() {
            return ref.readsGlobals();
        }

        public String text() {
            return ref.text();
        }
    }

    record Unary(Expr.UnaryOp op, IrExpr operand) implements IrExpr {
        public Unary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(operand);
        }

        public int eval(Values values) {
            int v = operand.eval(values);
            return op == Expr.UnaryOp.NOT ? (v == 0 ? 1 : 0) : -v;
        }

        public boolean readsGlobals() {
            return operand.readsGlobals();
        }

        public String text() {
            // brackets around an operation, and around a negation under a negation ("--" is no operator)
            boolean bracket = operand instanceof Binary || (operand instanceof Unary u && u.op == op);
            return op.symbol + (bracket ? "(" + operand.text() + ")" : operand.text());
        }
    }

    record Binary(Expr.BinaryOp op, IrExpr left, IrExpr right) implements IrExpr {
        public Binary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        public int eval(Values values) {
            int l = left.eval(values);
            // && and || short-circuit, as in C: the right side may index out of range otherwise
            if (op == Expr.BinaryOp.AND && l == 0) return 0;
            if (op == Expr.BinaryOp.OR && l != 0) return 1;
            int r = right.eval(values);
            var result = op.apply(l, r);
            if (result.isEmpty()) throw new EvaluationException("division by zero in " + text());
            return (int) result.getAsLong();
        }

        public boolean readsGlobals() {
            return left.readsGlobals() || right.readsGlobals();
        }

        public String text() {
            return operand(left, false) + " " + op.symbol + " " + operand(right, true);
        }

        private String operand(IrExpr e, boolean right) {
            return e instanceof Binary b && op.bracketsOperand(b.op, right) ? "(" + e.text() + ")" : e.text();
        }
    }
}
