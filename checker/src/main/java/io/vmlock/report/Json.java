package io.vmlock.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmlock.ast.SourceSpan;
import java.util.Collection;

/** Jackson trees and their one printed form: two-space indents and {@code \n} on every platform. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    /** {@code {file, line, column, endLine, endColumn}}, 1-based, end inclusive, as the model has it. */
    static ObjectNode span(SourceSpan s) {
        ObjectNode n = object();
        n.put("file", s.file());
        n.put("line", s.line());
        n.put("column", s.column());
        n.put("endLine", s.endLine());
        n.put("endColumn", s.endColumn());
        return n;
    }

    static String print(ObjectNode root) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always prints", e);
        }
    }
}
