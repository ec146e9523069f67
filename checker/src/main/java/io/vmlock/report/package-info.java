/**
 * One renderer per report format (text, lockdep, json, dot, mermaid, sarif, junit, html), plus
 * baselines, fingerprints and change diffs. Reads only the findings model: never the explorer or
 * the graphs.
 *
 * <p>May import: ast, diag, findings, verdict.
 */
package io.vmlock.report;
