package io.vmlock.frontend;

import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a file as strict UTF-8, locating the first bad byte instead of replacing it. */
final class SourceReader {
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | SecurityException e) {
            return new Result(null, Diagnostic.error(DiagnosticCode.UNREADABLE_FILE,
                    SourceSpan.point(displayPath, 1, 1), "cannot read '" + displayPath + "': " + reason(path, e)));
        }
        return decode(bytes, displayPath);
    }

    static Result decode(byte[] bytes, String displayPath) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            return new Result(text, null);
        } catch (CharacterCodingException e) {
            return new Result(new String(bytes, StandardCharsets.UTF_8), badByte(bytes, displayPath));
        }
    }

    private static String reason(Path path, Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (Files.isDirectory(path)) return "it is a folder";
        return e.getClass().getSimpleName();
    }

    /** Finds the first offending byte by decoding prefixes leniently and counting lines. */
    private static Diagnostic badByte(byte[] bytes, String displayPath) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        strict.decode(in, out, true);
        int offset = in.position();
        out.flip();
        int line = 1;
        int col = 1;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
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
