/**
 * The lowered program: per-thread control-flow graphs of primitive operations, objects and
 * instances numbered, names resolved to ids, expect clauses. Lowering reads the checked
 * program from sema.
 *
 * <p>May import: ast, sema, verdict.
 */
package io.vmlock.ir;
