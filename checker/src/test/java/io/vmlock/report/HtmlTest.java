package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The small text helpers every HTML and SVG renderer uses. */
class HtmlTest {
    @Test
    void shortenKeepsWhatFitsAndEndsTheRestWithAnEllipsisWithinTheLimit() {
        assertEquals("abc", Html.shorten("abc", 3), "exactly the limit fits");
        assertEquals("ab\u2026", Html.shorten("abcd", 3));
        assertEquals("\u2026", Html.shorten("abcd", 1));
        assertEquals("\u2026", Html.shorten("abcd", 0), "never a negative length");
    }

    @Test
    void escapeCoversMarkupAndBothQuotes() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;", Html.escape("<a href=\"x\" title='y'>&"));
    }

    @Test
    void numbersHaveNoNeedlessDecimalsAndNoLocale() {
        assertEquals("12", Html.num(12.0));
        assertEquals("-3.5", Html.num(-3.5));
        assertEquals("0.3", Html.num(1 / 3.0));
    }
}
