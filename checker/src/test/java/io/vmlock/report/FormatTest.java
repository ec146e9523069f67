package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The format table: ids as --format takes them, file extensions, and which formats need the lock-order graph. */
class FormatTest {
    @Test
    void idsExtensionsAndTheFormatsThatShowTheGraph() {
        assertEquals("text|lockdep|json|dot|mermaid|sarif|junit|html", Format.ids());
        assertEquals(List.of("txt", "txt", "json", "dot", "md", "sarif", "xml", "html"),
                Arrays.stream(Format.values()).map(Format::extension).toList());
        assertEquals(List.of(Format.JSON, Format.DOT, Format.HTML),
                Arrays.stream(Format.values()).filter(Format::showsGraph).toList(),
                "the graph is built only for the formats that draw it");
        assertEquals(Optional.of(Format.SARIF), Format.byId("sarif"));
        assertEquals(Optional.empty(), Format.byId("SARIF"));
    }
}
