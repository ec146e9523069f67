package io.vmlock.sema;

import io.vmlock.ast.ObjectKind;
import java.util.Objects;

/** What an expression denotes, as far as the checks need to know: a value, an object, or neither. */
sealed interface ValueType permits ValueType.Scalar, ValueType.Instance, ValueType.Object, ValueType.Mapping,
        ValueType.NotAValue, ValueType.Unknown {

    ValueType INT = new Scalar("int");
    ValueType BOOL = new Scalar("bool");
    ValueType MAPPING = new Mapping();
    /** Named only as builtins' arguments: queue_work(events, dev_work). */
    ValueType WORKQUEUE = new Scalar("workqueue");
    ValueType WORK = new Scalar("work item");
    /** The type of an expression whose error is already reported: checks stay quiet about it. */
    ValueType UNKNOWN = new Unknown();

    /** "an int", "a mutex": for messages. */
    String describe();

    record Scalar(String name) implements ValueType {
        public String describe() {
            return article(name);
        }
    }

    /** A member of a declared set: {@code P0}, a {@code page p} parameter, a foreach variable. */
    record Instance(String set) implements ValueType {
        public Instance {
            Objects.requireNonNull(set);
        }

        public String describe() {
            return "an instance of set '" + set + "'";
        }
    }

    /** One lock or completion: {@code sb_lock}, {@code page_lock[P0]}, a {@code mutex m} parameter. */
    record Object(ObjectKind kind) implements ValueType {
        public Object {
            Objects.requireNonNull(kind);
        }

        public String describe() {
            return article(kind.keyword());
        }
    }

    record Mapping() implements ValueType {
        public String describe() {
            return "a mapping";
        }
    }

    /** Sets, procedures, threads: names that denote no value at all. */
    record NotAValue(String description) implements ValueType {
        public String describe() {
            return description;
        }
    }

    record Unknown() implements ValueType {
        public String describe() {
            return "unknown";
        }
    }

    /** What a procedure parameter of type {@code p} holds. */
    static ValueType of(io.vmlock.ast.ParamType p) {
        if (p instanceof io.vmlock.ast.ParamType.ObjectParam o) return new Object(o.kind());
        if (p instanceof io.vmlock.ast.ParamType.IntParam) return INT;
        if (p instanceof io.vmlock.ast.ParamType.BoolParam) return BOOL;
        if (p instanceof io.vmlock.ast.ParamType.MappingParam) return MAPPING;
        return new Instance(((io.vmlock.ast.ParamType.InstanceParam) p).set().name());
    }

    /** "an int", "a mutex", and "an rwsem" as kernel people say it. */
    static String article(String word) {
        boolean vowel = "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 || word.startsWith("rw");
        return (vowel ? "an " : "a ") + word;
    }
}
