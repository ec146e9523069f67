/**
 * Diagnostics about the input: codes with stable ids, severities, collection as values, and the
 * compiler-style rendering that quotes the source line.
 *
 * <p>May import: ast.
 */
package io.vmlock.diag;
