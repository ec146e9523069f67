package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two schemas reports are checked against: the repository's own JSON report schema and the
 * OASIS SARIF 2.1.0 schema in the shared folder beside the checkout (or beside a folder above it,
 * for a worktree kept below the main checkout's parent). A missing schema fails the
 * test: an unchecked SARIF file is what CI must never pass.
 */
public final class Schemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema report;
    private static JsonSchema sarif;

    private Schemas() {
    }

    /** The repository root, from the build (surefire sets vmlock.root). */
    public static Path root() {
        String root = System.getProperty("vmlock.root");
        if (root == null || root.isBlank()) fail("system property vmlock.root is not set: run the tests through Maven");
        return Path.of(root).toAbsolutePath().normalize();
    }

    public static synchronized JsonSchema report() {
        if (report == null) report = load(root().resolve("schemas/vmlock-report-1.json"), SpecVersion.VersionFlag.V202012);
        return report;
    }

    public static synchronized JsonSchema sarif() {
        if (sarif == null) {
            Path p = sharedSarifSchema();
            if (!Files.isRegularFile(p)) {
                fail("the SARIF 2.1.0 schema is missing at " + p + ": the shared/ folder must sit beside the "
                        + "checkout (CI clones it there); SARIF output cannot be validated without it");
            }
            sarif = load(p, SpecVersion.VersionFlag.V7);
        }
        return sarif;
    }

    /** In shared/ beside the checkout, or beside a folder holding it (a git worktree under the main checkout's parent). */
    private static Path sharedSarifSchema() {
        Path beside = root().resolveSibling("shared").resolve("schemas/sarif-schema-2.1.0.json");
        for (Path d = root(); d.getParent() != null; d = d.getParent()) {
            Path p = d.resolveSibling("shared").resolve("schemas/sarif-schema-2.1.0.json");
            if (Files.isRegularFile(p)) return p;
        }
        return beside;
    }

    private static JsonSchema load(Path p, SpecVersion.VersionFlag version) {
        try {
            JsonNode node = MAPPER.readTree(Files.readString(p));
            return JsonSchemaFactory.getInstance(version).getSchema(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage() + "\n" + json, e);
        }
    }

    /** Fails with every violation, naming the document. */
    public static JsonNode assertValid(JsonSchema schema, String json, String what) {
        JsonNode node = parse(json);
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), () -> what + " breaks its schema:\n  "
                + errors.stream().map(ValidationMessage::toString).sorted().collect(Collectors.joining("\n  ")));
        return node;
    }
}
