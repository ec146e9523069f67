package io.vmlock.diag;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8: the text, or where the first byte that is not UTF-8 sits. */
public final class Utf8 {
    private Utf8() {
    }

    /** The bytes as text; empty when they are not valid UTF-8 ({@link #firstInvalidByte} says where). */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(strict().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The offset of the first byte that is not UTF-8, or -1; {@code decoded} receives the text before it. */
    public static int firstInvalidByte(byte[] bytes, StringBuilder decoded) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        boolean bad = strict().decode(in, out, true).isError();
        out.flip();
        decoded.append(out);
        return bad ? in.position() : -1;
    }

    private static CharsetDecoder strict() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
