package io.vmlock.ast;

import java.util.Objects;

/**
 * Where a construct stands in its file: 1-based line and column of its first character, and of
 * its last character (inclusive). Positions are converted once, where ANTLR hands them over.
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn)
        implements Comparable<SourceSpan> {

    public SourceSpan {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
        }
        if (endLine < line || (endLine == line && endColumn < column)) {
            endLine = line;
            endColumn = column;
        }
    }

    public static SourceSpan point(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column);
    }

    /** The span from the start of this one to the end of {@code other}. */
    public SourceSpan to(SourceSpan other) {
        return new SourceSpan(file, line, column, other.endLine, other.endColumn);
    }

    /** {@code file:line:col}, as compilers print it. */
    public String position() {
        return file + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(SourceSpan o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        if (c != 0) return c;
        return Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return position();
    }
}
