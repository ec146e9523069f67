package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scenario.IMPORTS is the library's own import lines: for every model a skeleton may import and
 * every model those import, the table lists exactly what its file imports, so a skeleton declares
 * what the whole closure needs.
 */
class ScenarioImportsTest {
    private static final Pattern IMPORT = Pattern.compile("^import \"([^\"]+)\";", Pattern.MULTILINE);

    private static Set<String> importLines(String model) throws Exception {
        Path file = TestFiles.repoRoot().resolve("models/" + model + ".vmlock");
        Set<String> out = new TreeSet<>();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void theTableIsTheModelsOwnImportLines() throws Exception {
        Set<String> closure = Scenario.withImports(Scenario.MODEL_ORDER);
        List<String> wrong = new ArrayList<>();
        for (String model : closure) {
            Set<String> table = new TreeSet<>(Scenario.IMPORTS.getOrDefault(model, List.of()));
            Set<String> file = importLines(model);
            if (!table.equals(file)) wrong.add(model + ": the table says " + table + ", the file imports " + file);
        }
        assertEquals(List.of(), wrong);
        assertTrue(closure.containsAll(Scenario.IMPORTS.keySet()), "a row for a model no skeleton reaches");
    }

    @Test
    void aModelBringsInWhatItsImportsImport() {
        assertEquals(Set.of("linux/uprobes", "linux/mm-instances", "linux/mm", "linux/inode-instances",
                "linux/writeback", "linux/fs", "linux/lru", "linux/workqueue"), Scenario.withImports(List.of("linux/uprobes")));
        assertEquals(Set.of("linux/tty"), Scenario.withImports(List.of("linux/tty")));
        // linux/af-packet's VMAs are linux/vma-instances', which builds on linux/vma-lock
        assertEquals(Set.of("linux/af-packet", "linux/vma-instances", "linux/vma-lock", "linux/rmap", "linux/mm",
                "linux/writeback", "linux/fs", "linux/lru"), Scenario.withImports(List.of("linux/af-packet")));
    }
}
