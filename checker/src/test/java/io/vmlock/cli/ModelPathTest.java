package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The model library travels with the classes (checker/pom.xml packs models/ as resources), so a
 * jar copied away from the checkout still finds linux/dax. Here the classes are a folder; .ci/run
 * checks the same from the packed jar and the distribution archive, outside the checkout.
 */
class ModelPathTest {
    @Test
    void theLibraryIsPackedBesideTheClasses() {
        Path models = ModelPath.insideJar().orElseThrow(() -> new AssertionError("no models/ among the resources"));
        assertTrue(Files.isRegularFile(models.resolve("linux/dax.vmlock")), models + " lacks linux/dax.vmlock");
        assertTrue(Files.isRegularFile(models.resolve("linux/ext4.vmlock")), models + " lacks linux/ext4.vmlock");
    }
}
