package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GraphExportTest {
    /** a -> b -> a is a cycle; b -> c is not on one. */
    private final LockOrderGraph graph = Deps.graph(
            Deps.dep("t1", Deps.mutex("a"), Deps.mutex("b")),
            Deps.dep("t2", Deps.mutex("b"), Deps.mutex("a")),
            Deps.dep("t2", Deps.mutex("b"), Deps.mutex("c")));

    @Test
    void dotHighlightsOnlyTheCycleEdges() {
        String dot = new GraphExport(graph).export(GraphExport.Format.DOT);
        assertTrue(dot.startsWith("strict digraph lock_order {") || dot.startsWith("digraph lock_order {"), dot);
        assertTrue(dot.contains("n0 -> n1 [ label=\"x1\" color=\"red\" penwidth=\"2\" ];"), dot);
        assertTrue(dot.contains("n1 -> n0 [ label=\"x1\" color=\"red\" penwidth=\"2\" ];"), dot);
        assertTrue(dot.contains("n1 -> n2 [ label=\"x1\" ];"), dot);
    }

    @Test
    void graphmlIsWellFormedAndMarksCycleEdges() throws Exception {
        String xml = new GraphExport(graph).export(GraphExport.Format.GRAPHML);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList edges = doc.getElementsByTagName("edge");
        assertEquals(3, edges.getLength());
        String key = "";
        NodeList keys = doc.getElementsByTagName("key");
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            if (k.getAttribute("attr.name").equals("on_cycle")) key = k.getAttribute("id");
        }
        int onCycle = 0;
        for (int i = 0; i < edges.getLength(); i++) {
            NodeList data = ((Element) edges.item(i)).getElementsByTagName("data");
            for (int j = 0; j < data.getLength(); j++) {
                Element d = (Element) data.item(j);
                if (d.getAttribute("key").equals(key) && d.getTextContent().equals("true")) onCycle++;
            }
        }
        assertEquals(2, onCycle, xml);
    }

    @Test
    void jsonCarriesLabelsPathsAndCycleMembership() {
        String json = new GraphExport(graph).export(GraphExport.Format.JSON);
        assertTrue(json.contains("{\"id\":\"n2\",\"label\":\"c\",\"kind\":\"mutex\",\"instances\":\"\",\"on_cycle\":false}"), json);
        assertTrue(json.contains("\"source\":\"n1\",\"target\":\"n0\""), json);
        assertTrue(json.contains("\"paths\":1,\"blocking\":true,\"on_cycle\":true"), json);
        assertFalse(json.contains("\"source\":\"n1\",\"target\":\"n2\",\"label\":\"x1\",\"paths\":1,\"blocking\":true,\"on_cycle\":true"), json);
    }
}
