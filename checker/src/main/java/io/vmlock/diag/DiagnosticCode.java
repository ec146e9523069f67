package io.vmlock.diag;

/**
 * Every diagnostic the front end can give, with its stable kebab-case id (shown as
 * {@code [id]}, used in tests and the README) and a one-line summary.
 */
public enum DiagnosticCode {
    // input and lexing
    UNREADABLE_FILE("unreadable-file", "the file cannot be read"),
    INVALID_ENCODING("invalid-encoding", "the file is not valid UTF-8"),
    UNEXPECTED_CHARACTER("unexpected-character", "a character that no token of the language starts with"),
    NESTING_TOO_DEEP("nesting-too-deep", "brackets, unary operators or else-if chains nested deeper than any scenario needs"),
    TOO_MANY_ERRORS("too-many-errors", "further errors of the file were not shown"),
    // syntax
    SYNTAX_ERROR("syntax-error", "the text does not follow the grammar"),
    KEYWORD_AS_NAME("keyword-as-name", "a keyword where a name must stand"),
    CALL_IN_EXPRESSION("call-in-expression", "a call used as a value where it cannot run first, or a builtin that computes no value"),
    TRYLOCK_CONTEXT("trylock-context", "a trylock outside the condition of an if"),
    UNKNOWN_VERDICT("unknown-verdict", "an expect clause names no known verdict"),
    INVALID_THREAD_COUNT("invalid-thread-count", "a replicated thread needs a count from 1 to 64"),
    // imports
    MISSING_IMPORT("missing-import", "an imported model file was not found"),
    IMPORT_CYCLE("import-cycle", "files import each other in a cycle"),
    UNSAFE_IMPORT("unsafe-import", "an import that names an absolute path, or that leads outside the folders imports are looked up in"),
    // names and kinds
    UNDECLARED_NAME("undeclared-name", "a name that is not declared"),
    DUPLICATE_NAME("duplicate-name", "a name declared twice"),
    BUILTIN_REDEFINED("builtin-redefined", "a declaration reuses the name of a builtin operation"),
    UNKNOWN_PROCEDURE("unknown-procedure", "a call to a procedure that is not declared"),
    WRONG_LOCK_KIND("wrong-lock-kind", "an operation applied to a lock of the wrong kind"),
    ARGUMENT_KIND("argument-kind", "an argument of the wrong kind"),
    ARITY_MISMATCH("arity-mismatch", "a call with the wrong number of arguments"),
    TYPE_MISMATCH("type-mismatch", "an expression of the wrong type, or a name of the wrong kind where a set or thread is needed"),
    NOT_ASSIGNABLE("not-assignable", "an assignment to something that is not a variable"),
    INDEX_MISMATCH("index-mismatch", "a per-instance object used without its instance, or with one of another set"),
    NOT_CONSTANT("not-constant", "a value that must be known before the search is not a constant"),
    EMPTY_RANGE("empty-range", "an integer range with no values"),
    OUT_OF_RANGE("out-of-range", "a constant outside its variable's range, or too large to model"),
    UNKNOWN_GFP("unknown-gfp", "an unknown GFP context, or an unknown reclaim flag"),
    UNKNOWN_ATTRIBUTE("unknown-attribute", "an attribute the declaration does not have"),
    // control and locking structure
    UNBOUNDED_LOOP("unbounded-loop", "a loop whose bound is not a small constant"),
    RECURSIVE_CALL("recursive-call", "a procedure that calls itself, directly or through others"),
    MISPLACED_JUMP("misplaced-jump", "break or continue outside a loop"),
    NO_VALUE("no-value", "the value of a call of a proc, which returns none"),
    RETURN_MISMATCH("return-mismatch", "return with a value in a proc, thread or interrupt, or without one in a procedure with a result"),
    MISSING_RETURN("missing-return", "a procedure with a result can reach its end without returning one"),
    UNBOUND_HOOK("unbound-hook", "a hook declared without a body that no file defines"),
    HOOK_MISMATCH("hook-mismatch", "a hook's definition takes other parameter types or returns another type"),
    NOT_IN_INIT("not-in-init", "a statement an init block cannot hold: it only assigns constants to globals"),
    ONLY_IN_INIT("only-in-init", "lockdep_set_class outside init: a lock's class is fixed before any thread runs"),
    CLASS_KEY_SHARED("class-key-shared", "one lock class key given to instances of two lock declarations"),
    UNLOCK_NOT_ACQUIRED("unlock-not-acquired", "a thread or interrupt releases a lock it acquires nowhere before"),
    ORDER_UNKNOWN_LOCK("order-unknown-lock", "a lock order names something that is not a lock class"),
    NO_THREADS("no-threads", "a scenario with no threads has nothing to check"),
    // export
    NOT_EXPORTABLE("not-exportable", "a construct the export format cannot express");

    private final String id;
    private final String summary;

    DiagnosticCode(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }
}
