package io.vmlock.sema;

import io.vmlock.ast.ArgKind;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.ParamType;
import io.vmlock.diag.DiagnosticCode;

/**
 * What an argument must be, for builtins ({@link ArgKind}) and procedure parameters
 * ({@link ParamType}) alike, so one check serves both.
 */
sealed interface ArgumentRule {
    String describe();

    boolean accepts(ValueType t);

    /** The code for an argument of type {@code t} that this rule rejects. */
    default DiagnosticCode codeFor(ValueType t) {
        return DiagnosticCode.ARGUMENT_KIND;
    }

    record OfKind(ObjectKind kind) implements ArgumentRule {
        public String describe() {
            return ValueType.article(kind.keyword());
        }

        public boolean accepts(ValueType t) {
            return t instanceof ValueType.Object o && o.kind() == kind;
        }

        public DiagnosticCode codeFor(ValueType t) {
            return t instanceof ValueType.Object ? DiagnosticCode.WRONG_LOCK_KIND : DiagnosticCode.ARGUMENT_KIND;
        }
    }

    record AnyLock() implements ArgumentRule {
        public String describe() {
            return "a lock";
        }

        public boolean accepts(ValueType t) {
            // a lockdep map is never held in the search, so nothing can assert it is
            return t instanceof ValueType.Object o && o.kind().isLock() && o.kind().blocks();
        }

        public DiagnosticCode codeFor(ValueType t) {
            return t instanceof ValueType.Object ? DiagnosticCode.WRONG_LOCK_KIND : DiagnosticCode.ARGUMENT_KIND;
        }
    }

    /** A lock whose readers lockdep takes with read 1: what might_lock_read may name. */
    record ReadLock() implements ArgumentRule {
        public String describe() {
            return ArgKind.READ_LOCK.description();
        }

        public boolean accepts(ValueType t) {
            return t instanceof ValueType.Object o && (o.kind() == ObjectKind.RWSEM || o.kind() == ObjectKind.PERCPU_RWSEM);
        }

        public DiagnosticCode codeFor(ValueType t) {
            return t instanceof ValueType.Object ? DiagnosticCode.WRONG_LOCK_KIND : DiagnosticCode.ARGUMENT_KIND;
        }
    }

    /** A value: an int, a bool (a condition) or a mapping. */
    record Value(ValueType type, String describe) implements ArgumentRule {
        Value(ValueType type) {
            this(type, type.describe());
        }

        public boolean accepts(ValueType t) {
            return t.equals(type);
        }

        public DiagnosticCode codeFor(ValueType t) {
            return t instanceof ValueType.Scalar && type instanceof ValueType.Scalar
                    ? DiagnosticCode.TYPE_MISMATCH : DiagnosticCode.ARGUMENT_KIND;
        }
    }

    record InstanceOf(String set) implements ArgumentRule {
        public String describe() {
            return "an instance of set '" + set + "'";
        }

        public boolean accepts(ValueType t) {
            return t.equals(new ValueType.Instance(set));
        }
    }

    /** A lock class key: a name of its own, checked by name (CallChecker), like a GFP context. */
    record ClassKey() implements ArgumentRule {
        public String describe() {
            return ArgKind.CLASS_KEY.description();
        }

        public boolean accepts(ValueType t) {
            return false;
        }
    }

    /** A GFP context name: checked by name, since GFP flags are not declared. */
    record Gfp() implements ArgumentRule {
        public String describe() {
            return "a GFP context";
        }

        public boolean accepts(ValueType t) {
            return false;
        }
    }

    static ArgumentRule of(ArgKind k) {
        return switch (k) {
            case ANY_LOCK -> new AnyLock();
            case READ_LOCK -> new ReadLock();
            case NEST_LOCK -> new AnyLock();
            case MAPPING -> new Value(ValueType.MAPPING);
            case WORKQUEUE -> new Value(ValueType.WORKQUEUE);
            case WORK -> new Value(ValueType.WORK);
            case GFP -> new Gfp();
            case CLASS_KEY -> new ClassKey();
            case CONDITION -> new Value(ValueType.BOOL, "a bool condition");
            case SUBCLASS -> new Value(ValueType.INT, "a lockdep subclass");
            default -> new OfKind(k.objectKind().orElseThrow());
        };
    }

    static ArgumentRule of(ParamType p) {
        ValueType t = ValueType.of(p);
        if (t instanceof ValueType.Object o) return new OfKind(o.kind());
        if (t instanceof ValueType.Instance i) return new InstanceOf(i.set());
        return new Value(t);
    }
}
