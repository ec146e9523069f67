/**
 * Name resolution and semantic checks of a loaded program: symbol tables, types, argument rules
 * of builtins and procedures, constant evaluation, call graph and recursion, lock/unlock
 * balance. Produces a {@link io.vmlock.sema.CheckedProgram} or diagnostics.
 *
 * <p>May import: ast, diag.
 */
package io.vmlock.sema;
