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
 * OASIS SARIF 2.1.0 schema, kept as a test resource ({@code schemas/sarif-schema-2.1.0.json}) so a
 * clone tests on its own. A missing schema fails the test: an unchecked SARIF file is what CI must
 * never pass.
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
            try (var in = Schemas.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
                if (in == null) fail("the SARIF 2.1.0 schema is missing from the test resources");
                sarif = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sarif;
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
