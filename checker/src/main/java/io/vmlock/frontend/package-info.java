/**
 * Parse tree to AST: reading files, parsing with the generated ANTLR parser, syntax errors as
 * diagnostics, imports looked up beside the file, in {@code -I} folders and in the bundled models. The only package that sees ANTLR types (org.antlr
 * and the generated io.vmlock.grammar).
 *
 * <p>May import: ast, diag, verdict.
 */
package io.vmlock.frontend;
