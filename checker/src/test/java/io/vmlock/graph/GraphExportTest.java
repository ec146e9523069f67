package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    /** Two cycles, a <-> b and c <-> d, joined by b -> c, which is on neither; a trylock r -> a. */
    private static LockOrderGraph twoCycles() {
        LockClass a = Deps.mutex("a");
        LockClass b = Deps.mutex("b");
        LockClass c = Deps.mutex("c");
        LockClass d = Deps.mutex("d");
        LockClass rw = LockClass.single("r", LockKind.of(io.vmlock.ast.ObjectKind.RWSEM));
        Held heldR = new Held(rw, Instance.SINGLE, Access.SHARED, Deps.site("t"));
        Dependency tryA = new Dependency(heldR, new Acquisition(a, Instance.SINGLE, Access.EXCLUSIVE, true, true,
                Deps.site("t")), List.of(heldR), List.of("t"));
        Held heldA = new Held(a, Instance.SINGLE, Access.EXCLUSIVE, Deps.site("t"));
        Dependency readR = new Dependency(heldA, new Acquisition(rw, Instance.SINGLE, Access.SHARED, false, true,
                Deps.site("t")), List.of(heldA), List.of("t"));
        Dependency writeR = new Dependency(heldA, new Acquisition(rw, Instance.SINGLE, Access.EXCLUSIVE, false, false,
                Deps.site("u")), List.of(heldA), List.of("u"));
        return Deps.graph(Deps.dep("t", a, b), Deps.dep("t", b, a), Deps.dep("t", c, d), Deps.dep("t", d, c),
                Deps.dep("t", b, c), tryA, readR, writeR, Deps.dep("t", Deps.mutex("a"), LockClass.FS_RECLAIM));
    }

    @Test
    void anEdgeBetweenTwoCyclesIsOnNeither() {
        LockOrderGraph g = twoCycles();
        GraphExport export = new GraphExport(g);
        LockClass b = g.lockClass("b").orElseThrow();
        LockClass c = g.lockClass("c").orElseThrow();
        LockClass a = g.lockClass("a").orElseThrow();
        LockClass r = g.lockClass("r").orElseThrow();
        assertFalse(export.onCycle(g.edge(b, c).orElseThrow()));
        assertTrue(export.onCycle(g.edge(a, b).orElseThrow()));
        assertTrue(export.onCycle(g.edge(c, g.lockClass("d").orElseThrow()).orElseThrow()));
        // r -> a is only a trylock: a -> r -> a is no cycle, so neither edge is on one
        assertFalse(export.onCycle(g.edge(r, a).orElseThrow()));
        assertFalse(export.onCycle(g.edge(a, r).orElseThrow()));
    }

    @Test
    void dotDashesPseudoLocksAndTrylockEdgesAndColoursCyclicClasses() {
        String dot = new GraphExport(twoCycles()).export(GraphExport.Format.DOT);
        // vertices in insertion order: a b c d r fs_reclaim
        assertTrue(dot.contains("n0 [ label=\"a\" color=\"red\" ];"), dot);
        assertTrue(dot.contains("n4 [ label=\"r\" ];"), dot);
        assertTrue(dot.contains("n5 [ label=\"fs_reclaim\" style=\"dashed\" ];"), dot);
        assertTrue(dot.contains("n4 -> n0 [ label=\"trylock x1\" style=\"dashed\" ];"), dot);
        assertTrue(dot.contains("n1 -> n2 [ label=\"x1\" ];"), dot);
        // the modes of an edge's witnesses, each once, in witness order
        assertTrue(dot.contains("n0 -> n4 [ label=\"read | write, irqs off x2\" ];"), dot);
    }

    @Test
    void jsonNamesKindsInstancesAndSites() {
        LockClass pages = new LockClass("page_lock", LockKind.of(io.vmlock.ast.ObjectKind.MUTEX), List.of("P0", "P1"));
        Dependency d = Deps.dep("t", Deps.mutex("a"), pages);
        Dependency again = Deps.dep("u", Deps.mutex("a"), pages);
        String json = new GraphExport(Deps.graph(d, again, Deps.dep("t", Deps.mutex("a"), LockClass.HARDIRQ)))
                .export(GraphExport.Format.JSON);
        assertTrue(json.contains("\"label\":\"page_lock\",\"kind\":\"mutex\",\"instances\":\"P0,P1\",\"on_cycle\":false"), json);
        assertTrue(json.contains("\"label\":\"hardirq\",\"kind\":\"irq context\""), json);
        assertTrue(json.contains("\"paths\":2,\"blocking\":true,\"on_cycle\":false,\"sites\":\""
                + d.acquired().site().span().position() + " " + again.acquired().site().span().position() + "\""), json);
    }

    @Test
    void graphmlCarriesEveryAttribute() {
        String xml = new GraphExport(twoCycles()).export(GraphExport.Format.GRAPHML);
        for (String name : List.of("label", "kind", "instances", "on_cycle", "paths", "blocking", "sites")) {
            assertTrue(xml.contains("attr.name=\"" + name + "\""), name + " in " + xml);
        }
        assertTrue(xml.contains("<data key=\"key1\">rwsem</data>"), xml);
    }
}
