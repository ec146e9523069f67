/**
 * The syntax tree of a scenario: records and sealed interfaces, each node with its
 * {@link io.vmlock.ast.SourceSpan}; the builtins and object kinds the language knows; the integer
 * semantics of its operators ({@link io.vmlock.ast.Expr.BinaryOp#apply}), which every later phase
 * shares.
 *
 * <p>May import: verdict.
 */
package io.vmlock.ast;
