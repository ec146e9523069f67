package io.vmlock.ast;

import java.util.Objects;

/** What a procedure parameter holds. */
public sealed interface ParamType permits ParamType.ObjectParam, ParamType.IntParam, ParamType.BoolParam,
        ParamType.MappingParam, ParamType.InstanceParam {

    /** The type as written, for dumps and messages. */
    String spelling();

    /** A lock or completion instance: {@code mutex m}, {@code rwsem sem}. */
    record ObjectParam(ObjectKind kind) implements ParamType {
        public ObjectParam {
            Objects.requireNonNull(kind);
        }

        public String spelling() {
            return kind.keyword();
        }
    }

    record IntParam() implements ParamType {
        public String spelling() {
            return "int";
        }
    }

    record BoolParam() implements ParamType {
        public String spelling() {
            return "bool";
        }
    }

    record MappingParam() implements ParamType {
        public String spelling() {
            return "mapping";
        }
    }

    /** An instance of a declared set: {@code page p}. */
    record InstanceParam(Ident set) implements ParamType {
        public InstanceParam {
            Objects.requireNonNull(set);
        }

        public String spelling() {
            return set.name();
        }
    }
}
