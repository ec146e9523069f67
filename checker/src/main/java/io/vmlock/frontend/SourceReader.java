package io.vmlock.frontend;

import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.IoReasons;
import io.vmlock.diag.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a file (or a pipe, or standard input) as strict UTF-8, up to {@link #MAX_BYTES}, locating
 * the first bad byte instead of replacing it.
 */
final class SourceReader {
    /** Far above any scenario (the largest model is a few KiB); past it, reading would only exhaust memory. */
    static final int MAX_BYTES = 16 << 20;

    private SourceReader() {
    }

    /**
     * The text, or the diagnostic that says why there is none; for a file that is not UTF-8,
     * also its text decoded leniently, so the diagnostic can quote the line with the bad byte.
     */
    record Result(String text, Diagnostic error) {
        boolean ok() {
            return error == null;
        }
    }

    static Result read(Path path, String displayPath) {
        if (Files.isDirectory(path)) return unreadable(displayPath, "it is a folder");
        try {
            if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) return tooLarge(displayPath);
            try (InputStream in = Files.newInputStream(path)) {
                return read(in, displayPath);
            }
        } catch (IOException | SecurityException e) {
            return unreadable(displayPath, IoReasons.of(e));
        }
    }

    /** Reads a stream to its end (a pipe, a FIFO, standard input), no further than the limit. */
    static Result read(InputStream in, String displayPath) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        return bytes.length > MAX_BYTES ? tooLarge(displayPath) : decode(bytes, displayPath);
    }

    static Result decode(byte[] bytes, String displayPath) {
        Optional<String> text = Utf8.decode(bytes);
        if (text.isPresent()) {
            return new Result(text.get().startsWith("\uFEFF") ? text.get().substring(1) : text.get(), null);
        }
        return new Result(new String(bytes, StandardCharsets.UTF_8), badByte(bytes, displayPath));
    }

    static Result unreadable(String displayPath, String reason) {
        return new Result(null, Diagnostic.error(DiagnosticCode.UNREADABLE_FILE, SourceSpan.point(displayPath, 1, 1),
                "cannot read '" + displayPath + "': " + reason));
    }

    private static Result tooLarge(String displayPath) {
        return unreadable(displayPath, "larger than " + (MAX_BYTES >> 20) + " MiB, the limit for a scenario");
    }

    /** Finds the first offending byte and its line and column in the text before it. */
    private static Diagnostic badByte(byte[] bytes, String displayPath) {
        StringBuilder before = new StringBuilder();
        int offset = Utf8.firstInvalidByte(bytes, before);
        int line = 1;
        int col = 1;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (c == '\n') {
                line++;
                col = 1;
            } else if (!Character.isLowSurrogate(c)) {
                col++;
            }
        }
        int value = offset < bytes.length ? bytes[offset] & 0xff : 0;
        return Diagnostic.error(DiagnosticCode.INVALID_ENCODING, SourceSpan.point(displayPath, line, col),
                String.format(Locale.ROOT, "invalid UTF-8 byte 0x%02x at byte offset %d", value, offset),
                ".vmlock files are UTF-8 text");
    }
}
