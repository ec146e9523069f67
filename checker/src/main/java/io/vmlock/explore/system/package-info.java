/**
 * The compiled engine's front half: a lowered scenario compiled to a
 * {@link io.vmlock.explore.system.TransitionSystem}, guarded commands over a flat vector of
 * bounded fields with the same state graph as the reference semantics, rule for rule
 * ({@code StepRules} and {@code LockRules} mirror {@code Steps} and {@code LockSteps}). The
 * compiled search and the Promela export run on it.
 *
 * <p>May import what {@code explore} may: ast, findings, graph, ir, verdict.
 */
package io.vmlock.explore.system;
