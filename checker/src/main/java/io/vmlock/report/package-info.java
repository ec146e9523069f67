/**
 * One renderer per report format (text, lockdep, json, dot, mermaid, sarif, junit, html), plus
 * baselines, fingerprints and change diffs. Reads only the findings model: never the explorer or
 * the graphs. The only code that imports Eclipse ELK (the HTML lock-order graph's layout).
 *
 * <p>May import: ast, diag, findings, lockdep, verdict.
 */
package io.vmlock.report;
