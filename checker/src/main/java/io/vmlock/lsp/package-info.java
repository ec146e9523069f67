/**
 * {@code vmlock lsp}: a language server on stdio (Eclipse LSP4J) for editors. Diagnostics as you
 * type with the same codes and spans as the command line, hover (a procedure's signature and the
 * comment above it, a lock's kind, a verdict's help), go to definition across imports into the
 * model library, completion, the document outline, and a code lens that checks the scenario and
 * shows its verdict. The only package that imports LSP4J; nothing but cli imports it.
 *
 * <p>May import: ast, diag, explore, findings, frontend, ir, pipeline, report, sema, verdict.
 */
package io.vmlock.lsp;
