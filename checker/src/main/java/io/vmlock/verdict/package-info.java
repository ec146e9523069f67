/**
 * The verdicts: every kind of finding vmlock reports, with its stable id, summary and severity,
 * in one place ({@code expect} clauses, baselines, SARIF rules and the README use these ids).
 *
 * <p>The lowest layer: imports no other io.vmlock package.
 */
package io.vmlock.verdict;
