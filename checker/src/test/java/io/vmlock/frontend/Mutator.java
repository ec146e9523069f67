package io.vmlock.frontend;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates scenario text the way edits and corruption do: deletes, duplicates and swaps tokens,
 * replaces them with other tokens of the language, truncates, and inserts or overwrites random
 * bytes (invalid UTF-8 and NULs included). Deterministic for a given {@link Random}.
 */
final class Mutator {
    private static final Pattern TOKEN = Pattern.compile(
            "[A-Za-z_][A-Za-z_0-9]*|[0-9]+|\"[^\"\\n]*\"|//[^\\n]*|/\\*.*?\\*/|\\s+|\\.\\.|[-+<>=!&|]=?|.", Pattern.DOTALL);
    private static final String[] VOCABULARY = {
        "{", "}", "(", ")", "[", "]", ";", ",", "..", "=", "+=", "++", "!", "-", "<", "==", "&&", "||", "\"",
        "/*", "//", "0", "64", "65", "-1", "99999999999999999999", "set", "mutex", "spinlock", "rwsem", "journal",
        "completion", "int", "bool", "const", "mapping", "reclaim", "proc", "daemon", "thread", "interrupt", "on",
        "order", "invariant", "expect", "not", "if", "else", "either", "or", "while", "repeat", "foreach", "in",
        "return", "break", "continue", "true", "false", "import", "mutex_lock", "mutex_unlock", "mutex_trylock",
        "down_read", "up_write", "spin_unlock_irqrestore", "jbd2_journal_stop", "alloc", "GFP_NOFS", "__GFP_FS",
        "copy_from_user", "wait_event", "assert", "fault", "P0", "page", "x", "deadlock", "sleep-in-atomic",
    };

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    byte[] mutate(byte[] original) {
        byte[] current = original;
        int edits = 1 + random.nextInt(2);
        for (int i = 0; i < edits; i++) {
            current = once(current);
        }
        return current;
    }

    private byte[] once(byte[] bytes) {
        int kind = random.nextInt(10);
        if (kind == 5 || kind == 6 || kind == 7 || bytes.length == 0) return bytes(bytes, kind);
        List<String> tokens = tokens(new String(bytes, StandardCharsets.UTF_8));
        if (tokens.isEmpty()) return bytes(bytes, 5);
        int i = random.nextInt(tokens.size());
        switch (kind) {
            case 8, 9 -> renameWord(tokens);
            case 0 -> tokens.remove(i);
            case 1 -> tokens.add(i, tokens.get(i));
            case 2 -> {
                int j = random.nextInt(tokens.size());
                String t = tokens.get(i);
                tokens.set(i, tokens.get(j));
                tokens.set(j, t);
            }
            case 3 -> tokens.set(i, VOCABULARY[random.nextInt(VOCABULARY.length)]);
            default -> tokens.add(i, tokens.get(random.nextInt(tokens.size())));
        }
        return String.join("", tokens).getBytes(StandardCharsets.UTF_8);
    }

    /** A name or number replaced by another of the file's: still parses, so the semantic checks see it. */
    private void renameWord(List<String> tokens) {
        List<Integer> words = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            if (Character.isLetterOrDigit(tokens.get(k).charAt(0)) || tokens.get(k).charAt(0) == '_') words.add(k);
        }
        if (words.size() < 2) return;
        int from = words.get(random.nextInt(words.size()));
        int to = words.get(random.nextInt(words.size()));
        tokens.set(to, tokens.get(from));
    }

    /** Byte-level edits: truncation, random bytes inserted, a byte overwritten. */
    private byte[] bytes(byte[] bytes, int kind) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
        if (kind == 5 && bytes.length > 0) return java.util.Arrays.copyOf(bytes, at);
        if (kind > 7) kind = 6;
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
        out.write(bytes, 0, at);
        if (kind == 6 || bytes.length == 0 || at == bytes.length) {
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) out.write(random.nextInt(3) == 0 ? 0 : random.nextInt(256));
            out.write(bytes, at, bytes.length - at);
        } else {
            out.write(random.nextInt(256));
            out.write(bytes, at + 1, bytes.length - at - 1);
        }
        return out.toByteArray();
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }
}
