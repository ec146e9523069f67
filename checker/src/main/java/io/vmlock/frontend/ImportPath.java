package io.vmlock.frontend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an import leads. Only to a regular {@code .vmlock} file inside the folder it was found
 * in (the importer's, an {@code -I} folder, the model library), judged on real paths: no
 * absolute path, no {@code ..} and no symbolic link that leaves the folder, so a scenario can
 * never make vmlock read (and quote) a file it was not meant to, like {@code /proc/self/environ}.
 */
final class ImportPath {
    private ImportPath() {
    }

    /** The outcome: the real path of the file, or why there is none. */
    sealed interface Resolution permits Found, Refused, Missing {
    }

    record Found(Path file) implements Resolution {
    }

    /** Found, but not a file an import may read: {@code why} never quotes the target. */
    record Refused(String why) implements Resolution {
    }

    /** In none of the folders; {@code unencodable} when the name cannot even be a path here. */
    record Missing(boolean unencodable) implements Resolution {
    }

    static Resolution resolve(String target, List<Path> folders) {
        if (target.startsWith("/") || target.startsWith("\\") || isAbsolute(target)) {
            return new Refused("names an absolute path");
        }
        String name = target.endsWith(Loader.EXTENSION) ? target : target + Loader.EXTENSION;
        boolean unencodable = false;
        for (Path folder : folders) {
            Path candidate;
            try {
                candidate = folder.resolve(name);
            } catch (InvalidPathException e) {
                unencodable = true;
                continue;
            }
            if (Files.exists(candidate)) return inside(candidate, folder);
        }
        return new Missing(unencodable);
    }

    private static Resolution inside(Path candidate, Path folder) {
        Path real;
        Path realFolder;
        try {
            real = candidate.toRealPath();
            realFolder = folder.toRealPath();
        } catch (IOException | SecurityException e) {
            return new Refused("cannot be resolved to a real path");
        }
        if (!real.startsWith(realFolder)) {
            return new Refused("leads outside the folder it is found in (through '..' or a symbolic link)");
        }
        if (!Files.isRegularFile(real) || !real.getFileName().toString().endsWith(Loader.EXTENSION)) {
            return new Refused("does not lead to a regular " + Loader.EXTENSION + " file");
        }
        return new Found(real);
    }

    private static boolean isAbsolute(String target) {
        try {
            return Path.of(target).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The JVM's file name encoding, for the note on a name it cannot encode. */
    static Optional<String> fileNameEncoding() {
        return Optional.ofNullable(System.getProperty("sun.jnu.encoding"));
    }
}
