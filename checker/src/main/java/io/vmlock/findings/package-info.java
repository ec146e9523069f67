/**
 * The findings model every report format reads: findings with their counterexample traces,
 * wait-for cycles and blocked threads, per-scenario results and the search and graph-pass
 * figures. Built by the phases, never reaching back into them.
 *
 * <p>May import: ast, verdict.
 */
package io.vmlock.findings;
