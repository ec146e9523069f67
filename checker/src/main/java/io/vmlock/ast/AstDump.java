package io.vmlock.ast;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * Prints an AST as an indented tree, one node per line with its span. Written over records
 * generically, so a new node type is dumped without touching this class.
 */
public final class AstDump {
    private AstDump() {
    }

    public static String dump(ScenarioFile file) {
        StringBuilder out = new StringBuilder("file ").append(file.path()).append('\n');
        for (Decl d : file.declarations()) {
            node(out, (Record) d, 1);
        }
        return out.toString();
    }

    private static void node(StringBuilder out, Record r, int depth) {
        indent(out, depth).append(label(r));
        StringBuilder children = new StringBuilder();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getName().equals("span")) continue;
            Object value = read(c, r);
            if (isLeaf(value)) {
                out.append(' ').append(c.getName()).append('=').append(leaf(value));
            } else {
                indent(children, depth + 1).append(c.getName()).append(":\n");
                child(children, value, depth + 2);
            }
        }
        spanOf(r).ifPresent(s -> out.append(" @").append(s.line()).append(':').append(s.column())
                .append('-').append(s.endLine()).append(':').append(s.endColumn()));
        out.append('\n').append(children);
    }

    private static void child(StringBuilder out, Object value, int depth) {
        if (value instanceof Optional<?> o) {
            if (o.isPresent()) child(out, o.get(), depth);
            return;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) child(out, item, depth);
            return;
        }
        if (value instanceof Record r && !(value instanceof Ident)) {
            node(out, r, depth);
            return;
        }
        indent(out, depth).append(leaf(value)).append('\n');
    }

    private static boolean isLeaf(Object v) {
        if (v instanceof Optional<?> o) return o.isEmpty() || isLeaf(o.get());
        if (v instanceof List<?> l) return l.stream().allMatch(x -> x instanceof Ident || x instanceof String);
        return !(v instanceof Record) || v instanceof Ident || v instanceof SourceSpan
                || v instanceof ParamType;
    }

    private static String leaf(Object v) {
        if (v instanceof Optional<?> o) return o.map(AstDump::leaf).orElse("-");
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(AstDump::leaf).toList()) + "]";
        }
        if (v instanceof Ident i) return i.name();
        if (v instanceof String s) return '"' + s + '"';
        if (v instanceof ParamType p) return p.spelling();
        if (v instanceof SourceSpan s) return "@" + s.line() + ":" + s.column() + "-" + s.endLine() + ":" + s.endColumn();
        if (v instanceof io.vmlock.verdict.Verdict verdict) return verdict.id();
        if (v instanceof BuiltinOp op) return op.spelling();
        return String.valueOf(v);
    }

    private static String label(Record r) {
        Class<?> c = r.getClass();
        String outer = c.getEnclosingClass() != null ? c.getEnclosingClass().getSimpleName() + "." : "";
        return outer + c.getSimpleName();
    }

    private static Optional<SourceSpan> spanOf(Record r) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getName().equals("span") && read(c, r) instanceof SourceSpan s) return Optional.of(s);
        }
        return Optional.empty();
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
        }
    }

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }
}
