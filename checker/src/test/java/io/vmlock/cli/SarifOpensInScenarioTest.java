package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A real finding made in the model library opens, in SARIF, at the line of the scenario that leads into it. */
class SarifOpensInScenarioTest {
    @Test
    void theDaxDeadlockOpensAtTheWritersCallIntoTheLibrary() throws Exception {
        Path example = ExamplesTest.examples().resolve("seeds/1-dax-sync-fault-broken.vmlock");
        StringWriter out = new StringWriter();
        int exit = Main.run(new String[] {"check", "--format", "sarif", example.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertEquals(ExitCodes.FINDINGS, exit);
        JsonNode result = new ObjectMapper().readTree(out.toString()).at("/runs/0/results/0");
        JsonNode first = result.at("/locations/0/physicalLocation");
        // tests run in checker/: the example lies outside the run's folder, and its URI is still relative
        String uri = first.at("/artifactLocation/uri").asText();
        assertTrue(uri.endsWith("examples/seeds/1-dax-sync-fault-broken.vmlock") && !uri.contains(":"), uri);
        // thread writer's call of generic_file_buffered_write(), under which it takes the page lock
        String line = java.nio.file.Files.readAllLines(example).get(first.at("/region/startLine").asInt() - 1);
        assertTrue(line.contains("generic_file_buffered_write(P0, dax_buf);"), line);
        assertTrue(result.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText().contains("jbd2.vmlock"));
    }
}
