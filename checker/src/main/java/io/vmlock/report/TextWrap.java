package io.vmlock.report;

/**
 * Lines wrapped to a width at spaces outside a call's brackets, so {@code handle_mm_fault(P1,
 * true)} never splits; continuation lines get their own indent. A word longer than the width
 * overruns.
 */
final class TextWrap {
    private TextWrap() {
    }

    static void append(StringBuilder out, String text, int width, String indent) {
        String rest = text;
        String prefix = "";
        while (prefix.length() + rest.length() > width) {
            int cut = breakAt(rest, width - prefix.length());
            if (cut <= 0) break;
            out.append(prefix).append(rest, 0, cut).append('\n');
            rest = rest.substring(cut + 1);
            prefix = indent;
        }
        out.append(prefix).append(rest).append('\n');
    }

    /**
     * The last space within {@code room} outside a call's brackets ({@code f(x, y)},
     * {@code a[P0]}: a bracket right after a word), else the first one after it; -1 if none.
     * Brackets after a space are prose and break like it.
     */
    private static int breakAt(String s, int room) {
        java.util.ArrayDeque<Boolean> open = new java.util.ArrayDeque<>();
        int depth = 0;
        int last = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') {
                boolean call = i > 0 && s.charAt(i - 1) != ' ';
                open.push(call);
                if (call) depth++;
            }
            if ((c == ')' || c == ']') && !open.isEmpty() && open.pop()) depth--;
            if (c == ' ' && depth == 0 && i > 0 && s.charAt(i - 1) != ' ') {
                if (i > room && last > 0) return last;
                last = i;
                if (i > room) return i;
            }
        }
        return last;
    }
}
