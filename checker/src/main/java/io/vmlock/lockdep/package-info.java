/**
 * Lockdep's own naming of lock classes, as the kernel prints them: the facts that both the
 * lockdep report a trace renders to ({@code report}) and the lockdep report an import reads
 * ({@code importer}) must agree on, kept once below both.
 *
 * <p>The lowest layer: imports no other io.vmlock package.
 */
package io.vmlock.lockdep;
