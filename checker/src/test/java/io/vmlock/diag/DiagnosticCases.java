package io.vmlock.diag;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every diagnostic code, as a table of input and exact rendering: the headline with its
 * position, the quoted line, the caret, the notes. The main file is always {@code t.vmlock}.
 */
final class DiagnosticCases {
    private DiagnosticCases() {
    }

    /** One row: the files to write, the code under test, its exact rendering, other codes the input may also give. */
    record Case(String code, Map<String, byte[]> files, String expected, Set<String> alsoAllowed) {
        Case allowing(String... codes) {
            return new Case(code, files, expected, Set.of(codes));
        }

        @Override
        public String toString() {
            return code + ": " + expected.lines().findFirst().orElse("");
        }
    }

    static Stream<Case> all() {
        return Stream.of(
        missing("unreadable-file",
                "t.vmlock:1:1: error: [unreadable-file] cannot read 't.vmlock': no such file"),
        bytes("invalid-encoding", utf8AndByte("mutex a;\nmutex b", 0xff, ";\n"),
                "t.vmlock:2:8: error: [invalid-encoding] invalid UTF-8 byte 0xff at byte offset 16",
                "    2 | mutex b\ufffd;",
                "      |        ^",
                "  note: .vmlock files are UTF-8 text"),
        text("unexpected-character", "mutex a;\nmutex b$;\n",
                "t.vmlock:2:8: error: [unexpected-character] unexpected character '$'",
                "    2 | mutex b$;",
                "      |        ^"),
        text("unexpected-character", "mutex a;\0\n",
                "t.vmlock:1:9: error: [unexpected-character] unexpected character U+0000",
                "    1 | mutex a;?",
                "      |         ^"),
        text("nesting-too-deep", "invariant " + "(".repeat(201) + "true" + ")".repeat(201) + ";\n",
                "t.vmlock:1:211: error: [nesting-too-deep] nested more than 200 levels deep",
                "    1 | ..." + "(".repeat(41) + "true" + ")".repeat(155),
                "      |                                            ^",
                "  note: each bracket, unary operator and else-if counts as one level"),
        text("nesting-too-deep", "thread t {\n    if (true" + " || true".repeat(600) + ") { }\n}\n",
                "t.vmlock:2:9: error: [nesting-too-deep] this expression or statement is nested more than 500 levels deep",
                "    2 |     if (true" + " || true".repeat(23) + " || ",
                "      |         ^~~~",
                "  note: split a long expression with constants or local variables"),
        text("too-many-errors", "mutex ;\n".repeat(60),
                "t.vmlock:1:1: error: [too-many-errors] more than 50 syntax errors; the rest are not shown",
                "    1 | mutex ;",
                "      | ^",
                "  note: is this a .vmlock file?").allowing("syntax-error"),
        text("syntax-error", "mutex sb_lock\nthread t { }\n",
                "t.vmlock:1:14: error: [syntax-error] expected ';' after 'sb_lock'",
                "    1 | mutex sb_lock",
                "      |              ^"),
        text("syntax-error", "thread t {\n    if ready { }\n}\n",
                "t.vmlock:2:8: error: [syntax-error] expected '(' before 'ready'",
                "    2 |     if ready { }",
                "      |        ^~~~~",
                "t.vmlock:2:14: error: [syntax-error] expected ')' before '{'",
                "    2 |     if ready { }",
                "      |              ^"),
        text("call-in-expression", "thread t {\n    if (ready()) { }\n}\n",
                "t.vmlock:2:9: error: [call-in-expression] 'ready(...)' cannot be used as a value",
                "    2 |     if (ready()) { }",
                "      |         ^~~~~~~",
                "  note: calls are statements; assign what the call computes to a variable instead"),
        text("trylock-context", "mutex m;\nthread t {\n    mutex_trylock(m);\n}\n",
                "t.vmlock:3:5: error: [trylock-context] mutex_trylock must be the condition of an if, so its failure is handled",
                "    3 |     mutex_trylock(m);",
                "      |     ^~~~~~~~~~~~~",
                "  note: write: if (mutex_trylock(...)) { ... } else { ... }"),
        text("unknown-verdict", "thread t { }\nexpect deadlocks;\n",
                "t.vmlock:2:8: error: [unknown-verdict] unknown verdict 'deadlocks'",
                "    2 | expect deadlocks;",
                "      |        ^~~~~~~~~",
                "  note: known verdicts: deadlock, hang, sleep-in-atomic, recursive-lock, unlock-not-held, lock-held-at-exit, assertion, order-violation, potential-deadlock, clean"),
        text("invalid-thread-count", "thread writer[65] { }\n",
                "t.vmlock:1:15: error: [invalid-thread-count] a replicated thread needs from 1 to 64 copies, not 65",
                "    1 | thread writer[65] { }",
                "      |               ^~"),
        text("missing-import", "import \"linux/nowhere\";\nthread t { }\n",
                "t.vmlock:1:8: error: [missing-import] cannot find import \"linux/nowhere\"",
                "    1 | import \"linux/nowhere\";",
                "      |        ^~~~~~~~~~~~~~~",
                "  note: looked in: ."),
        withImport("import-cycle", "import \"a\";\nthread t { }\n", "a.vmlock", "import \"t\";\nmutex m;\n",
                "a.vmlock:1:8: error: [import-cycle] import cycle: t.vmlock -> a.vmlock -> t.vmlock",
                "    1 | import \"t\";",
                "      |        ^~~",
                "  note: a model file must not import, directly or indirectly, a file that imports it"),
        text("undeclared-name", "mutex sb_lock;\nthread t {\n    mutex_lock(sb_lok);\n}\n",
                "t.vmlock:3:16: error: [undeclared-name] 'sb_lok' is not declared",
                "    3 |     mutex_lock(sb_lok);",
                "      |                ^~~~~~",
                "  note: did you mean 'sb_lock'?"),
        text("duplicate-name", "mutex a;\nspinlock a;\nthread t { }\n",
                "t.vmlock:2:10: error: [duplicate-name] 'a' is already declared as a mutex",
                "    2 | spinlock a;",
                "      |          ^",
                "  note: first declared at t.vmlock:1:7"),
        text("duplicate-name", "int(0..1) n;\nproc f(int k) {\n    bool n;\n}\nthread t { f(1); }\n",
                "t.vmlock:3:10: error: [duplicate-name] 'n' is already declared as an int variable",
                "    3 |     bool n;",
                "      |          ^",
                "  note: first declared at t.vmlock:1:11",
                "  note: local names may not shadow other names"),
        text("builtin-redefined", "mutex mutex_lock;\nthread t { }\n",
                "t.vmlock:1:7: error: [builtin-redefined] 'mutex_lock' is a builtin operation and cannot be redeclared",
                "    1 | mutex mutex_lock;",
                "      |       ^~~~~~~~~~"),
        text("unknown-procedure", "mutex m;\nthread t {\n    lock_pgae();\n    m();\n}\nproc lock_page() { }\n",
                "t.vmlock:3:5: error: [unknown-procedure] 'lock_pgae' is neither a declared procedure nor a builtin",
                "    3 |     lock_pgae();",
                "      |     ^~~~~~~~~",
                "  note: did you mean 'lock_page'?",
                "t.vmlock:4:5: error: [unknown-procedure] 'm' is a mutex, not a procedure",
                "    4 |     m();",
                "      |     ^",
                "  note: 'm' is declared at t.vmlock:1:7"),
        text("wrong-lock-kind", "mutex sb_lock;\n\nthread t {\n    down_read(sb_lock);\n}\n",
                "t.vmlock:4:15: error: [wrong-lock-kind] down_read needs an rwsem, but 'sb_lock' is a mutex",
                "    4 |     down_read(sb_lock);",
                "      |               ^~~~~~~",
                "  note: 'sb_lock' is declared at t.vmlock:1:7"),
        text("wrong-lock-kind", "rwsem mmap_lock;\nproc take(mutex m) { mutex_lock(m); }\nthread t {\n    take(mmap_lock);\n}\n",
                "t.vmlock:4:10: error: [wrong-lock-kind] 'take' needs a mutex for parameter 'm', but 'mmap_lock' is an rwsem",
                "    4 |     take(mmap_lock);",
                "      |          ^~~~~~~~~",
                "  note: 'mmap_lock' is declared at t.vmlock:1:7"),
        text("argument-kind", "int(0..4) nr_dirty;\nthread t {\n    mutex_lock(nr_dirty);\n}\n",
                "t.vmlock:3:16: error: [argument-kind] mutex_lock needs a mutex, but 'nr_dirty' is an int variable",
                "    3 |     mutex_lock(nr_dirty);",
                "      |                ^~~~~~~~",
                "  note: 'nr_dirty' is declared at t.vmlock:1:11"),
        text("argument-kind", "set page { P0 };\nset inode { I0 };\nproc lock_page(page p) { }\nthread t {\n    lock_page(I0);\n}\n",
                "t.vmlock:5:15: error: [argument-kind] 'lock_page' needs an instance of set 'page' for parameter 'p', but 'I0' is an instance of set 'inode'",
                "    5 |     lock_page(I0);",
                "      |               ^~",
                "  note: 'I0' is declared at t.vmlock:2:13"),
        text("arity-mismatch", "mutex a;\nmutex b;\nthread t {\n    mutex_lock(a, b);\n}\n",
                "t.vmlock:4:19: error: [arity-mismatch] mutex_lock takes 1 argument, not 2",
                "    4 |     mutex_lock(a, b);",
                "      |                   ^"),
        text("arity-mismatch", "proc lock_page(int p) { }\nthread t {\n    lock_page();\n}\n",
                "t.vmlock:3:5: error: [arity-mismatch] 'lock_page' takes 1 argument, not 0",
                "    3 |     lock_page();",
                "      |     ^~~~~~~~~",
                "  note: 'lock_page' is declared at t.vmlock:1:6"),
        text("type-mismatch", "int(0..4) nr_dirty;\nthread t {\n    if (nr_dirty) { }\n}\n",
                "t.vmlock:3:9: error: [type-mismatch] the condition of 'if' must be a bool, but 'nr_dirty' is an int variable",
                "    3 |     if (nr_dirty) { }",
                "      |         ^~~~~~~~"),
        text("type-mismatch", "int(0..4) n;\nbool done;\nthread t {\n    n = n + done;\n}\n",
                "t.vmlock:4:13: error: [type-mismatch] '+' needs int operands, but 'done' is a bool variable",
                "    4 |     n = n + done;",
                "      |             ^~~~"),
        text("not-assignable", "const dirty_limit = 2;\nthread t {\n    dirty_limit = 3;\n}\n",
                "t.vmlock:3:5: error: [not-assignable] cannot assign to 'dirty_limit': it is an int constant, not a variable",
                "    3 |     dirty_limit = 3;",
                "      |     ^~~~~~~~~~~",
                "  note: 'dirty_limit' is declared at t.vmlock:1:7"),
        text("index-mismatch", "set page { P0 };\nmutex page_lock[page];\nthread t {\n    mutex_lock(page_lock);\n}\n",
                "t.vmlock:4:16: error: [index-mismatch] 'page_lock' is a mutex per instance of set 'page'; name one with page_lock[...]",
                "    4 |     mutex_lock(page_lock);",
                "      |                ^~~~~~~~~"),
        text("index-mismatch", "set page { P0 };\nset inode { I0 };\nmutex page_lock[page];\nthread t {\n    mutex_lock(page_lock[I0]);\n}\n",
                "t.vmlock:5:26: error: [index-mismatch] 'page_lock' is indexed by set 'page', but 'I0' is an instance of set 'inode'",
                "    5 |     mutex_lock(page_lock[I0]);",
                "      |                          ^~"),
        text("index-mismatch", "set page { P0 };\nmutex sb_lock;\nthread t {\n    mutex_lock(sb_lock[P0]);\n}\n",
                "t.vmlock:4:24: error: [index-mismatch] 'sb_lock' is a mutex and takes no index",
                "    4 |     mutex_lock(sb_lock[P0]);",
                "      |                        ^~"),
        text("not-constant", "int(0..4) n;\nthread t {\n    repeat (n) { }\n}\n",
                "t.vmlock:3:13: error: [not-constant] the count of 'repeat' must be a constant, but 'n' is not",
                "    3 |     repeat (n) { }",
                "      |             ^"),
        text("not-constant", "int(0..4) n;\nint(0..4) m = n;\nthread t { }\n",
                "t.vmlock:2:15: error: [not-constant] the initial value of global 'm' must be a constant, but 'n' is not",
                "    2 | int(0..4) m = n;",
                "      |               ^"),
        text("not-constant", "const a = a + 1;\nthread t { }\n",
                "t.vmlock:1:7: error: [not-constant] constant 'a' is defined in terms of itself",
                "    1 | const a = a + 1;",
                "      |       ^"),
        text("not-constant", "mutex m;\nint(0..4) n;\nthread t {\n    mutex_lock_nested(m, n);\n}\n",
                "t.vmlock:4:26: error: [not-constant] the subclass of mutex_lock_nested must be a constant, but 'n' is not",
                "    4 |     mutex_lock_nested(m, n);",
                "      |                          ^"),
        text("out-of-range", "rwsem r;\nthread t {\n    down_write_nested(r, 8);\n}\n",
                "t.vmlock:3:26: error: [out-of-range] subclass 8 is outside 0..7 (MAX_LOCKDEP_SUBCLASSES)",
                "    3 |     down_write_nested(r, 8);",
                "      |                          ^"),
        text("empty-range", "int(4..0) n;\nthread t { }\n",
                "t.vmlock:1:1: error: [empty-range] the range 4..0 of 'n' is empty: its low bound is above its high bound",
                "    1 | int(4..0) n;",
                "      | ^~~~~~~~~"),
        text("out-of-range", "int(0..4) nr_dirty = 5;\nthread t { }\n",
                "t.vmlock:1:22: error: [out-of-range] the initial value 5 of 'nr_dirty' is outside its range 0..4",
                "    1 | int(0..4) nr_dirty = 5;",
                "      |                      ^"),
        text("out-of-range", "const big = 99999999999;\nthread t { }\n",
                "t.vmlock:1:13: error: [out-of-range] integer literal 99999999999 is too large",
                "    1 | const big = 99999999999;",
                "      |             ^~~~~~~~~~~"),
        text("unknown-gfp", "thread t {\n    alloc(GFP_NOFAIL);\n}\n",
                "t.vmlock:2:11: error: [unknown-gfp] unknown GFP context 'GFP_NOFAIL'",
                "    2 |     alloc(GFP_NOFAIL);",
                "      |           ^~~~~~~~~~",
                "  note: GFP contexts: GFP_KERNEL, GFP_NOFS, GFP_NOIO, GFP_NOWAIT, GFP_ATOMIC"),
        text("unknown-gfp", "proc shrink() { }\nreclaim __GFP_HIGHMEM shrink();\nthread t { }\n",
                "t.vmlock:2:9: error: [unknown-gfp] unknown reclaim flag '__GFP_HIGHMEM'",
                "    2 | reclaim __GFP_HIGHMEM shrink();",
                "      |         ^~~~~~~~~~~~~",
                "  note: a reclaim path needs __GFP_FS, __GFP_IO, or no flag at all"),
        text("unknown-attribute", "proc handler() { }\nmapping buf { pagefault = handler(); }\nthread t { }\n",
                "t.vmlock:2:15: error: [unknown-attribute] a mapping has no attribute 'pagefault'",
                "    2 | mapping buf { pagefault = handler(); }",
                "      |               ^~~~~~~~~",
                "  note: its one attribute is: fault = handler(args);"),
        text("unbounded-loop", "thread t {\n    repeat (65) { }\n}\n",
                "t.vmlock:2:13: error: [unbounded-loop] repeat count 65 is outside 0..64",
                "    2 |     repeat (65) { }",
                "      |             ^~",
                "  note: for a longer loop, use while with a condition on a bounded variable"),
        text("recursive-call", "proc a() { b(); }\nproc b() { a(); }\nthread t { a(); }\n",
                "t.vmlock:1:12: error: [recursive-call] procedure 'a' calls itself through 'b'",
                "    1 | proc a() { b(); }",
                "      |            ^",
                "  note: call chain: a -> b -> a",
                "  note: procedures may not recurse: every call stack must stay bounded"),
        text("recursive-call", "proc a() { a(); }\nthread t { a(); }\n",
                "t.vmlock:1:12: error: [recursive-call] procedure 'a' calls itself",
                "    1 | proc a() { a(); }",
                "      |            ^",
                "  note: call chain: a -> a",
                "  note: procedures may not recurse: every call stack must stay bounded"),
        text("misplaced-jump", "thread t {\n    break;\n}\n",
                "t.vmlock:2:5: error: [misplaced-jump] 'break' outside a loop",
                "    2 |     break;",
                "      |     ^~~~~",
                "  note: break and continue belong in while, repeat and foreach loops"),
        text("not-in-init", "mutex m;\ninit {\n    mutex_lock(m);\n}\nthread t { }\n",
                "t.vmlock:3:5: error: [not-in-init] 'mutex_lock' cannot be part of init",
                "    3 |     mutex_lock(m);",
                "      |     ^~~~~~~~~~~~~~",
                "  note: init sets starting values before any thread runs: only assignments of constants to globals, "
                        + "and foreach over a set"),
        text("unlock-not-acquired", "mutex sb_lock;\nthread t {\n    mutex_unlock(sb_lock);\n}\n",
                "t.vmlock:3:18: error: [unlock-not-acquired] thread 't' releases 'sb_lock' (mutex_unlock) but does not acquire it before",
                "    3 |     mutex_unlock(sb_lock);",
                "      |                  ^~~~~~~",
                "  note: no statement before this one takes 'sb_lock', directly or in a procedure it calls",
                "  note: releasing a lock the thread does not hold is an unlock-not-held bug"),
        text("order-unknown-lock", "rwsem mmap_lock;\ncompletion done;\norder mmap_lock < done;\nthread t { }\n",
                "t.vmlock:3:19: error: [order-unknown-lock] a lock order lists lock classes, but 'done' is a completion",
                "    3 | order mmap_lock < done;",
                "      |                   ^~~~",
                "  note: 'done' is declared at t.vmlock:2:12"),
        text("no-threads", "mutex m;\n",
                "t.vmlock:1:1: warning: [no-threads] 't.vmlock' declares no thread and imports none, so there is nothing to check",
                "    1 | mutex m;",
                "      | ^",
                "  note: add a thread { ... } that runs the paths to check"));
    }

    static Case text(String code, String source, String... expected) {
        return files(code, Map.of("t.vmlock", source.getBytes(StandardCharsets.UTF_8)), expected);
    }

    static Case withImport(String code, String source, String other, String otherSource, String... expected) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("t.vmlock", source.getBytes(StandardCharsets.UTF_8));
        files.put(other, otherSource.getBytes(StandardCharsets.UTF_8));
        return files(code, files, expected);
    }

    static Case bytes(String code, byte[] source, String... expected) {
        return files(code, Map.of("t.vmlock", source), expected);
    }

    static Case missing(String code, String... expected) {
        return files(code, Map.of(), expected);
    }

    static Case files(String code, Map<String, byte[]> files, String... expected) {
        return new Case(code, files, String.join("\n", expected) + "\n", Set.of());
    }

    static byte[] utf8AndByte(String before, int bad, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] b = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(a, a.length + 1 + b.length);
        out[a.length] = (byte) bad;
        System.arraycopy(b, 0, out, a.length + 1, b.length);
        return out;
    }
}
