package io.vmlock.ir;

import io.vmlock.ast.ObjectKind;
import java.util.Objects;
import java.util.Optional;

/**
 * Which lock or completion instance an operation uses. A named class is known statically and its
 * index (a constant, a foreach variable already unrolled to a constant, or a parameter) is
 * evaluated in the executing frame; a parameter slot holds an instance id bound by the caller.
 */
public sealed interface ObjectRef permits ObjectRef.Named, ObjectRef.Param {

    /** The instance id ({@link ObjectClass#instance}) in the executing frame. */
    int instance(IrExpr.Values values);

    boolean readsGlobals();

    String text();

    /** The class when the reference names it; empty for a parameter (bound at the call site). */
    Optional<ObjectClass> namedClass();

    ObjectKind kind();

    /** {@code sb_lock}, {@code page_lock[p]}, {@code page_lock[P0]}. */
    record Named(ObjectClass objectClass, IrExpr index) implements ObjectRef {
        public Named {
            Objects.requireNonNull(objectClass);
            Objects.requireNonNull(index);
        }

        public int instance(IrExpr.Values values) {
            return objectClass.instance(index.eval(values));
        }

        public boolean readsGlobals() {
            return index.readsGlobals();
        }

        public String text() {
            return objectClass.isArray() ? objectClass.name() + "[" + index.text() + "]" : objectClass.name();
        }

        public Optional<ObjectClass> namedClass() {
            return Optional.of(objectClass);
        }

        public ObjectKind kind() {
            return objectClass.kind();
        }
    }

    /** A lock or completion parameter of the procedure ({@code proc f(mutex m)}). */
    record Param(int slot, String name, ObjectKind kind) implements ObjectRef {
        public Param {
            Objects.requireNonNull(name);
            Objects.requireNonNull(kind);
        }

        public int instance(IrExpr.Values values) {
            return values.local(slot);
        }

        public boolean readsGlobals() {
            return false;
        }

        public String text() {
            return name;
        }

        public Optional<ObjectClass> namedClass() {
            return Optional.empty();
        }
    }
}
