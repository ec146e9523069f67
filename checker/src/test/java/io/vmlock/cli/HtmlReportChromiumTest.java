package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlock.report.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a deadlock, a sleep in atomic context and a recursive lock through reclaim,
 * opened in headless Chromium: no console message, the page's script ran, every lane and every
 * step of every counterexample is in the rendered DOM, the lock-order graph's names fit their
 * boxes as drawn, and a screenshot is kept as a build artifact.
 */
class HtmlReportChromiumTest {
    @Test
    void rendersLanesAndStepsWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        Path resources = Schemas.root().resolve("checker/src/test/resources/reports");
        Path html = dir.resolve("report.html");
        Path json = dir.resolve("report.json");
        Cli r = Cli.run("check", resources.resolve("deadlock-abba.vmlock").toString(),
                resources.resolve("sleep-in-atomic.vmlock").toString(), resources.resolve("recursive-reclaim.vmlock").toString(),
                "--format", "html", "-o", html.toString(), "--format", "json", "-o", json.toString());
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        String page = Files.readString(html);
        assertTrue(!page.contains("http://") || page.replace("http://www.w3.org/2000/svg", "").indexOf("http://") < 0,
                "nothing is fetched: the only URL is the SVG namespace");
        assertTrue(!page.contains("https://") && !page.contains("<script src") && !page.contains("<link"));

        Chromium.Run dom = Chromium.run(html, "--dump-dom");
        assertEquals(java.util.List.of(), dom.consoleLines(), "the page logs nothing to the console");
        assertTrue(dom.stdout().contains("data-rendered=\"ok\""), "the page's script ran to its end");
        int[] expected = lanesAndSteps(Schemas.parse(Files.readString(json)));
        assertEquals(expected[0], count(dom.stdout(), "<g class=\"lane\""), "a lane per thread of each counterexample");
        assertEquals(expected[1], count(dom.stdout(), "<g class=\"step"), "a mark per step");
        assertTrue(dom.stdout().contains("data-lanes=\"" + expected[0] + "\""), "the script counted the lanes");
        assertTrue(dom.stdout().contains("class=\"wait\""), "the deadlock's blocking edges are drawn");
        assertTrue(dom.stdout().contains("class=\"held\""), "held locks are shaded");
        assertTrue(dom.stdout().contains("class=\"order-edge in-cycle\""), "the lock-order cycle is marked");
        Matcher texts = Pattern.compile("data-graph-texts=\"(\\d+)\"").matcher(dom.stdout());
        assertTrue(texts.find() && Integer.parseInt(texts.group(1)) >= 6, "the graph's names and labels were measured");
        assertTrue(dom.stdout().contains("data-graph-misplaced=\"\""),
                "as Chromium draws them, every class name lies inside its box and no edge label covers a box");

        Path artifacts = Files.createDirectories(Schemas.root().resolve("checker/target/artifacts"));
        Files.copy(html, artifacts.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path shot = artifacts.resolve("report.png");
        Files.deleteIfExists(shot);
        Chromium.Run screenshot = Chromium.run(html, "--window-size=1280,2400", "--screenshot=" + shot);
        assertEquals(java.util.List.of(), screenshot.consoleLines());
        assertTrue(Files.size(shot) > 10_000, "a screenshot with something on it: " + shot);
    }

    /** From the JSON of the same run: lanes (threads per counterexample) and steps, summed. */
    private static int[] lanesAndSteps(JsonNode report) {
        int lanes = 0;
        int steps = 0;
        for (JsonNode scenario : report.path("scenarios")) {
            for (JsonNode f : scenario.path("findings")) {
                Set<String> threads = new LinkedHashSet<>();
                f.path("trace").forEach(s -> threads.add(s.path("thread").asText()));
                f.path("waitForCycle").forEach(l -> threads.add(l.path("thread").asText()));
                if (f.path("trace").size() > 0) lanes += threads.size();
                steps += f.path("trace").size();
            }
        }
        return new int[] {lanes, steps};
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
