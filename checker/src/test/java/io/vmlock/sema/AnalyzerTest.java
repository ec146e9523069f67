package io.vmlock.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.diag.Diagnostic;
import io.vmlock.pipeline.Compilation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semantic rules beyond one message per code: scopes, the unlock rule, recursion, several files. */
class AnalyzerTest {
    @TempDir
    Path dir;

    private List<String> headlines(String source) {
        TestFiles.write(dir.resolve("t.vmlock"), source.getBytes(StandardCharsets.UTF_8));
        Compilation c = TestFiles.compile(dir.resolve("t.vmlock"), dir);
        assertEquals(c.diagnostics().stream().noneMatch(d -> d.severity() == io.vmlock.diag.Severity.ERROR), c.ok());
        return c.diagnostics().stream().map(Diagnostic::headline).toList();
    }

    private void assertClean(String source) {
        assertEquals(List.of(), headlines(source));
    }

    @Test
    void unlockRuleAcceptsWrappersLoopsTrylocksCallsFaultsAndReclaim() {
        assertClean("""
                set page { P0 };
                mutex page_lock[page];
                mutex sb_lock;
                spinlock s;
                proc lock_page(page p) { mutex_lock(page_lock[p]); }
                proc unlock_page(page p) { mutex_unlock(page_lock[p]); }
                proc take(mutex m) { mutex_lock(m); }
                proc take_twice(mutex m) { take(m); }
                proc fault() { mutex_lock(sb_lock); }
                proc shrink() { spin_lock(s); }
                mapping buf { fault = fault(); }
                reclaim shrink();
                thread a { lock_page(P0); unlock_page(P0); mutex_unlock(page_lock[P0]); }
                thread b { while (true) { either { mutex_unlock(sb_lock); } or { mutex_lock(sb_lock); } } }
                thread c { if (mutex_trylock(sb_lock)) { } mutex_unlock(sb_lock); }
                thread d { take_twice(sb_lock); mutex_unlock(sb_lock); }
                thread e { copy_from_user(buf); mutex_unlock(sb_lock); }
                thread f { alloc(GFP_KERNEL); spin_unlock(s); }
                thread g { foreach (p in page) { mutex_lock(page_lock[p]); } mutex_unlock(page_lock[P0]); }
                """);
    }

    @Test
    void unlockRuleReportsThreadsAndInterruptsThatNeverAcquire() {
        assertEquals(List.of(
                "t.vmlock:4:25: error: [unlock-not-acquired] thread 'a' releases 'm' (mutex_unlock) but does not acquire it before",
                "t.vmlock:5:50: error: [unlock-not-acquired] thread 'b' releases 'm' (mutex_unlock) but does not acquire it before",
                "t.vmlock:6:27: error: [unlock-not-acquired] interrupt 'i' releases 's' (spin_unlock) but does not acquire it before"),
                headlines("""
                        mutex m;
                        spinlock s;
                        proc other() { spin_lock(s); }
                        thread a { mutex_unlock(m); mutex_lock(m); }
                        thread b { other(); spin_unlock(s); mutex_unlock(m); }
                        interrupt i { spin_unlock(s); }
                        """));
    }

    @Test
    void readOnceReadsOneVariableAndRunsNoCall() {
        assertEquals(List.of(
                "t.vmlock:3:21: error: [arity-mismatch] READ_ONCE() reads one value, but is given 2",
                "t.vmlock:4:31: error: [call-in-expression] READ_ONCE() reads a variable; 'f()' runs a call",
                "t.vmlock:5:12: error: [unknown-procedure] READ_ONCE() reads a value and runs nothing, so it cannot stand as a statement"),
                headlines("""
                        bool x = true;
                        bool f() { return true; }
                        thread t { bool v = READ_ONCE(x, x); }
                        thread u { bool w = READ_ONCE(f()); }
                        thread s { READ_ONCE(x); }
                        """));
        assertClean("""
                set page { P0 };
                bool x = true;
                int(0..3) n[page];
                thread t { bool v = READ_ONCE(x); if (READ_ONCE(n[P0]) > 0 && v) { x = false; } }
                """);
    }

    @Test
    void recursionIsReportedOncePerCycleWithItsChain() {
        TestFiles.write(dir.resolve("t.vmlock"), """
                proc a() { b(); }
                proc b() { c(); a(); }
                proc c() { a(); }
                proc d() { d(); }
                proc e() { a(); }
                thread t { e(); d(); }
                """.getBytes(StandardCharsets.UTF_8));
        Compilation c = TestFiles.compile(dir.resolve("t.vmlock"), dir);
        assertEquals(List.of(
                "t.vmlock:1:12: error: [recursive-call] procedure 'a' calls itself through 'b'",
                "t.vmlock:4:12: error: [recursive-call] procedure 'd' calls itself"),
                c.diagnostics().stream().map(Diagnostic::headline).toList());
        assertEquals(List.of("call chain: a -> b -> a", "procedures may not recurse: every call stack must stay bounded"),
                c.diagnostics().get(0).notes());
    }

    @Test
    void faultHandlersAndReclaimPathsDoNotMakeRecursion() {
        assertClean("""
                mapping buf { fault = handler(); }
                proc handler() { copy_from_user(buf); alloc(GFP_KERNEL); }
                proc shrink() { alloc(GFP_KERNEL); copy_to_user(buf); }
                reclaim shrink();
                thread t { handler(); }
                """);
    }

    @Test
    void localsAreBlockScoped() {
        assertEquals(List.of("t.vmlock:5:5: error: [undeclared-name] 'n' is not declared"), headlines("""
                thread t {
                    { int(0..1) n = 1; n = 0; }
                    { int(0..1) n; n = 1; }
                    foreach (p in page) { bool n; }
                    n = 1;
                }
                set page { P0 };
                """));
    }

    @Test
    void instancesFlowThroughConstantsParametersAndLoops() {
        assertEquals(List.of(
                "t.vmlock:8:49: error: [index-mismatch] 'page_lock' is indexed by set 'page', but 'i' is the foreach variable over set 'inode'",
                "t.vmlock:9:15: error: [type-mismatch] '==' compares values of one type, but 'P0' is an instance of set 'page' and 'I0' is an instance of set 'inode'"),
                headlines("""
                        set page { P0, P1 };
                        set inode { I0 };
                        mutex page_lock[page];
                        const first = P0;
                        proc lock_page(page p) { mutex_lock(page_lock[p]); mutex_unlock(page_lock[p]); }
                        thread t {
                            lock_page(first); mutex_lock(page_lock[first]); mutex_unlock(page_lock[first]);
                            foreach (i in inode) { mutex_lock(page_lock[i]); }
                            if (P0 == I0) { }
                        }
                        """));
    }

    @Test
    void errorsOfEveryFileAreReportedTogetherSorted() {
        TestFiles.write(dir.resolve("lib.vmlock"), "mutex m;\nproc p() { down_read(m); }\n".getBytes(StandardCharsets.UTF_8));
        List<String> got = headlines("import \"lib\";\nspinlock m;\nthread t { x(); }\n");
        assertEquals(List.of(
                "lib.vmlock:2:22: error: [wrong-lock-kind] down_read needs an rwsem, but 'm' is a mutex",
                "t.vmlock:2:10: error: [duplicate-name] 'm' is already declared as a mutex",
                "t.vmlock:3:12: error: [unknown-procedure] 'x' is neither a declared procedure nor a builtin"), got);
    }

    /** jbd2_journal_start_reserved takes one argument, a journal. */
    @Test
    void aReservedStartNeedsAJournal() {
        assertEquals(List.of(
                "t.vmlock:2:40: error: [wrong-lock-kind] jbd2_journal_start_reserved needs a journal, but 'm' is a mutex",
                "t.vmlock:3:43: error: [arity-mismatch] jbd2_journal_start_reserved takes 1 argument, not 2"),
                headlines("""
                        journal j; mutex m;
                        thread t { jbd2_journal_start_reserved(m); }
                        thread u { jbd2_journal_start_reserved(j, j); jbd2_journal_stop(j); }
                        """));
    }

    @Test
    void trylockArgumentsAndMappingsAreChecked() {
        assertEquals(List.of(
                "t.vmlock:4:31: error: [wrong-lock-kind] mutex_trylock needs a mutex, but 'r' is an rwsem",
                "t.vmlock:5:20: error: [argument-kind] copy_from_user needs a mapping, but 'P0' is an instance of set 'page'"),
                headlines("""
                        set page { P0 };
                        rwsem r;
                        proc copy(mapping m) { copy_from_user(m); }
                        thread t { if (!mutex_trylock(r)) { }
                            copy_from_user(P0); }
                        """));
    }

    @Test
    void aCompoundAssignmentOnABoolIsOneError() {
        assertEquals(List.of(
                "t.vmlock:2:12: error: [type-mismatch] '+' needs int operands, but 'b' is a bool variable",
                "t.vmlock:2:17: error: [type-mismatch] '-' needs int operands, but 'b' is a bool variable"),
                headlines("bool b;\nthread t { b++; b -= 1; }\n"));
    }

    @Test
    void aProgramWithOnlyWarningsIsChecked() {
        TestFiles.write(dir.resolve("t.vmlock"), "mutex m;\n".getBytes(StandardCharsets.UTF_8));
        Compilation c = TestFiles.compile(dir.resolve("t.vmlock"), dir);
        assertTrue(c.ok());
        assertEquals(1, c.diagnostics().size());
    }

    /*
     * Every kind of body the checks walk (interrupt handlers, mapping and reclaim handlers, each
     * branch of either/if/trylock) holds an error only that walk reports: found missing by
     * mutation testing (README, "Mutation testing").
     */

    private Diagnostic only(String source) {
        TestFiles.write(dir.resolve("t.vmlock"), source.getBytes(StandardCharsets.UTF_8));
        List<Diagnostic> all = TestFiles.compile(dir.resolve("t.vmlock"), dir).diagnostics();
        assertEquals(1, all.size(), all::toString);
        return all.get(0);
    }

    @Test
    void interruptHandlerBodiesAreChecked() {
        assertEquals(List.of("t.vmlock:2:30: error: [undeclared-name] 'nope' is not declared"),
                headlines("mutex a;\ninterrupt timer { mutex_lock(nope); }\nthread t { }\n"));
    }

    @Test
    void mappingAndReclaimHandlersAreResolved() {
        assertEquals(List.of(
                "t.vmlock:3:23: error: [unknown-procedure] 'handlr' is neither a declared procedure nor a builtin",
                "t.vmlock:4:9: error: [unknown-procedure] 'shrinker' is neither a declared procedure nor a builtin"),
                headlines("""
                        set page { P0 };
                        proc handler(page p) { }
                        mapping buf { fault = handlr(P0); }
                        reclaim shrinker();
                        thread t { }
                        """));
    }

    @Test
    void everyBranchIsChecked() {
        assertEquals(List.of(
                "t.vmlock:4:25: error: [undeclared-name] 'nope2' is not declared",
                "t.vmlock:4:51: error: [undeclared-name] 'nope3' is not declared",
                "t.vmlock:5:28: error: [undeclared-name] 'nope4' is not declared",
                "t.vmlock:5:56: error: [undeclared-name] 'nope5' is not declared",
                "t.vmlock:6:40: error: [undeclared-name] 'nope6' is not declared",
                "t.vmlock:6:68: error: [undeclared-name] 'nope7' is not declared"),
                headlines("""
                        mutex a;
                        bool flag;
                        thread t {
                            either { mutex_lock(nope2); } or { mutex_lock(nope3); }
                            if (flag) { mutex_lock(nope4); } else { mutex_lock(nope5); }
                            if (mutex_trylock(a)) { mutex_lock(nope6); } else { mutex_lock(nope7); }
                        }
                        """));
    }

    @Test
    void initValuesOutsideTheRangeAreErrorsAndTheBoundsAreInclusive() {
        assertEquals(List.of(
                "t.vmlock:3:12: error: [out-of-range] init sets 'n' to 5, outside its range 1..3",
                "t.vmlock:3:19: error: [out-of-range] init sets 'm' to 0, outside its range 1..3"),
                headlines("int(1..3) n;\nint(1..3) m;\ninit { n = 5; m = 0; }\nthread t { }\n"));
        assertEquals(List.of(), headlines("int(1..3) n;\nint(1..3) m;\ninit { n = 1; m = 3; }\nthread t { }\n"));
    }

    @Test
    void locksAreNotComparedAndOneBadSideIsOneError() {
        assertEquals(List.of(
                "t.vmlock:6:9: error: [type-mismatch] '==' compares values, but 'a' is a mutex",
                "t.vmlock:7:14: error: [type-mismatch] '!=' compares values, but 'a' is a mutex",
                "t.vmlock:8:14: error: [type-mismatch] '==' compares values of one type, but 'n' is an int variable"
                        + " and 'flag' is a bool variable"),
                headlines("""
                        mutex a;
                        mutex b;
                        int(0..3) n;
                        bool flag;
                        thread t {
                            if (a == b) { }
                            if (n != a) { }
                            if (n == flag) { }
                            if (n == 1 && flag == true) { }
                        }
                        """));
    }

    @Test
    void aSuggestionIsTheNearestNameAndOnlyANearOne() {
        Diagnostic near = only("mutex sb_lock;\nmutex sb_lack_of_it;\nthread t { mutex_lock(sb_lokc); }\n");
        assertEquals(List.of("did you mean 'sb_lock'?"), near.notes());
        Diagnostic far = only("mutex sb_lock;\nthread t { mutex_lock(zzzzzzz); }\n");
        assertEquals(List.of(), far.notes());
    }

    @Test
    void editDistanceIsLevenshtein() {
        assertEquals(0, Suggestions.distance("lock", "lock"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(2, Suggestions.distance("sb_lokc", "sb_lock"));
        assertEquals(4, Suggestions.distance("", "page"));
        assertEquals(4, Suggestions.distance("page", ""));
        assertEquals(1, Suggestions.distance("page_lock", "page_locks"));
    }

    @Test
    void theClosestCandidateWinsAndShortNamesNeedCloseMatches() {
        assertEquals(Optional.of("page_lock"),
                Suggestions.closest("page_lck", Stream.of("page_locks", "page_lock", "pg_lck")));
        assertEquals(Optional.empty(), Suggestions.closest("ab", Stream.of("xy", "ab")));
        assertEquals(Optional.of("ab"), Suggestions.closest("a", Stream.of("ab")));
        assertEquals(Optional.empty(), Suggestions.closest("lock", Stream.of("lockless")));
    }

    @Test
    void initTakesOnlyConstantAssignmentsToGlobalsAndForeach() {
        assertEquals(List.of(
                "t.vmlock:8:5: error: [not-in-init] an increment of 'n' cannot be part of init",
                "t.vmlock:9:7: error: [index-mismatch] 'a' is indexed by set 'page', but 'n' is an int variable",
                "t.vmlock:9:7: error: [not-constant] an index in init must be a constant or a foreach variable, but 'n' is not",
                "t.vmlock:11:7: error: [not-in-init] a local variable cannot be part of init",
                "t.vmlock:12:5: error: [not-in-init] 'if' cannot be part of init",
                "t.vmlock:13:5: error: [not-in-init] 'either' cannot be part of init",
                "t.vmlock:14:5: error: [not-in-init] 'while' cannot be part of init",
                "t.vmlock:15:5: error: [not-in-init] 'repeat' cannot be part of init",
                "t.vmlock:16:27: error: [not-in-init] 'break' cannot be part of init",
                "t.vmlock:17:27: error: [not-in-init] 'continue' cannot be part of init",
                "t.vmlock:18:5: error: [not-in-init] a call of 'p' cannot be part of init",
                "t.vmlock:19:5: error: [not-in-init] 'mutex_lock' cannot be part of init"),
                headlines("""
                        set page { P0, P1 };
                        mutex m;
                        int(0..3) n;
                        int(0..3) a[page];
                        int(0..3) b[page];
                        proc p() { }
                        init {
                            n++;
                            a[n] = 1;
                            foreach (q in page) { b[q] = 2; }
                            { int(0..1) l; }
                            if (true) { }
                            either { } or { }
                            while (false) { }
                            repeat (1) { }
                            foreach (q in page) { break; }
                            foreach (q in page) { continue; }
                            p();
                            mutex_lock(m);
                        }
                        thread t { }
                        """));
    }

    @Test
    void repeatCountsAreConstantsIn0To64AndConditionsAreBools() {
        assertEquals(List.of(
                "t.vmlock:1:20: error: [unbounded-loop] repeat count -1 is outside 0..64",
                "t.vmlock:1:36: error: [unbounded-loop] repeat count 65 is outside 0..64",
                "t.vmlock:1:83: error: [type-mismatch] the count of 'repeat' must be an int, but 'true' is a bool",
                "t.vmlock:1:100: error: [type-mismatch] the condition of 'while' must be a bool, but '1' is an int",
                "t.vmlock:1:111: error: [type-mismatch] the condition of 'if' must be a bool, but '2' is an int",
                "t.vmlock:2:12: error: [misplaced-jump] 'break' outside a loop",
                "t.vmlock:2:19: error: [misplaced-jump] 'continue' outside a loop"),
                headlines("thread t { repeat (-1) { } repeat (65) { } repeat (64) { } repeat (0) { } repeat (true) { }"
                        + " while (1) { } if (2) { } }\n"
                        + "thread u { break; continue; while (true) { break; continue; } }\n"));
    }

    @Test
    void assignmentsNeedAVariableOfTheRightShapeAndType() {
        assertEquals(List.of(
                "t.vmlock:6:12: error: [not-assignable] cannot assign to 'k': it is an int constant, not a variable",
                "t.vmlock:6:19: error: [index-mismatch] 'arr' is a bool variable per instance of set 'page'; name one with arr[...]",
                "t.vmlock:6:33: error: [index-mismatch] 'x' is an int variable and takes no index",
                "t.vmlock:6:46: error: [type-mismatch] the value assigned to 'x' must be an int, but 'true' is a bool",
                "t.vmlock:6:52: error: [not-assignable] cannot assign to 'm': it is a mutex, not a variable",
                "t.vmlock:6:75: error: [out-of-range] the initial value 5 of 'l' is outside its range 0..1"),
                headlines("""
                        set page { P0 };
                        const k = 1;
                        int(0..1) x;
                        bool arr[page];
                        mutex m;
                        thread t { k = 1; arr = true; x[P0] = 1; x = true; m = 1; { int(0..1) l = 5; } x += 1; }
                        """));
    }

    @Test
    void parametersAreNamedByTheirTypeAndCallsByTheirArity() {
        assertEquals(List.of(
                "t.vmlock:3:47: error: [duplicate-name] 'x' is already declared as a parameter of set 'page'",
                "t.vmlock:3:55: error: [duplicate-name] 'n' is already declared as an int parameter",
                "t.vmlock:3:63: error: [duplicate-name] 'b' is already declared as a bool parameter",
                "t.vmlock:3:71: error: [duplicate-name] 'l' is already declared as a mutex parameter",
                "t.vmlock:4:12: error: [arity-mismatch] 'p' takes 4 arguments, not 1",
                "t.vmlock:4:37: error: [arity-mismatch] 'p' takes 4 arguments, not 5",
                "t.vmlock:8:9: error: [unknown-gfp] unknown reclaim flag '__GFP_NOFS'"),
                headlines("""
                        set page { P0 };
                        mutex m;
                        proc p(page x, int n, bool b, mutex l) { bool x; bool n; bool b; bool l; }
                        thread t { p(P0); p(P0, 1, true, m, 1); p(P0, 1, true, m); }
                        reclaim __GFP_FS p2();
                        proc p2() { }
                        reclaim __GFP_IO p2();
                        reclaim __GFP_NOFS p2();
                        """));
    }

    @Test
    void constantsAreEvaluatedAndQuotedExpressionsKeepTheirShape() {
        assertEquals(List.of(
                "t.vmlock:6:12: error: [type-mismatch] '*' needs int operands, but 'P2' is an instance of set 'page'",
                "t.vmlock:8:12: error: [not-constant] the value of constant 'c5' must be known before the search, but"
                        + " '999999999 * 999999999 * 999999999' is not constant",
                "t.vmlock:9:12: error: [not-constant] the value of constant 'c6' must be known before the search, but"
                        + " '1 / 0' is not constant",
                "t.vmlock:11:13: error: [unbounded-loop] repeat count 200 is outside 0..64",
                "t.vmlock:12:13: error: [unbounded-loop] repeat count 980 is outside 0..64",
                "t.vmlock:13:13: error: [unbounded-loop] repeat count 1000 is outside 0..64",
                "t.vmlock:14:13: error: [unbounded-loop] repeat count -980 is outside 0..64",
                "t.vmlock:15:13: error: [not-constant] the count of 'repeat' must be a constant, but 'c5' is not",
                "t.vmlock:16:13: error: [not-constant] the count of 'repeat' must be a constant, but 'c6' is not",
                "t.vmlock:17:12: error: [type-mismatch] the condition of 'while' must be a bool, but '(1 + -x) * a[P0]' is an int",
                "t.vmlock:19:9: error: [type-mismatch] the condition of 'if' must be a bool, but"
                        + " 'x + x + x + x + x + x + x + x + x + x...' is an int"),
                headlines("""
                        set page { P0, P1, P2 };
                        int(0..3) x;
                        int(0..3) a[page];
                        const c1 = 7 * 3 - 10 / 3 + 17 % 5;
                        const c2 = -c1 + 1000;
                        const c3 = P2 * 500;
                        const c4 = c2 / -1;
                        const c5 = 999999999 * 999999999 * 999999999;
                        const c6 = 1 / 0;
                        thread t {
                            repeat (c1 * 10) { }
                            repeat (c2) { }
                            repeat (c3) { }
                            repeat (c4) { }
                            repeat (c5) { }
                            repeat (c6) { }
                            while ((1 + -x) * a[P0]) { }
                            while (!(x < 2) || a[P1] == 1 && x != 3 && x >= 0 && x <= 1 && x > 0 == true) { x = 1; }
                            if (x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x) { }
                        }
                        """));
    }

    @Test
    void rangeBoundsInterruptTargetsSetsAndLockArguments() {
        assertEquals(List.of(
                "t.vmlock:5:1: error: [empty-range] the range 3..1 of 'bad' is empty: its low bound is above its high bound",
                "t.vmlock:6:8: error: [not-constant] the high bound of 'notconst' must be a constant, but 'n' is not",
                "t.vmlock:7:8: error: [out-of-range] the high bound of 'huge' 4294967294 is outside the integers vmlock"
                        + " models (-2147483647..2147483647)",
                "t.vmlock:8:5: error: [out-of-range] the low bound of 'tiny' -4294967294 is outside the integers vmlock"
                        + " models (-2147483647..2147483647)",
                "t.vmlock:9:5: error: [type-mismatch] the low bound of 'boolbound' must be an int, but 'true' is a bool",
                "t.vmlock:11:8: error: [undeclared-name] set 'nosuchset' is not declared",
                "t.vmlock:12:16: error: [type-mismatch] interrupt 'i' may run on threads, but 'm' is a mutex",
                "t.vmlock:12:19: error: [undeclared-name] 'notdeclared' is not declared",
                "t.vmlock:13:56: error: [wrong-lock-kind] lockdep_assert_held needs a lock, but 'c' is a completion",
                "t.vmlock:13:80: error: [argument-kind] lockdep_assert_held needs a lock, but 'n' is an int variable",
                "t.vmlock:13:104: error: [argument-kind] lockdep_assert_held needs a lock, but 'P0' is an instance of set 'page'"),
                headlines("""
                        set page { P0 };
                        mutex m;
                        completion c;
                        int(0..1) n;
                        int(3..1) bad;
                        int(0..n) notconst;
                        int(0..2147483647 * 2) huge;
                        int(-2147483647 * 2..0) tiny;
                        int(true..2) boolbound;
                        int(-2147483647..2147483647) widest;
                        proc p(nosuchset x) { }
                        interrupt i on m, notdeclared { }
                        thread t { lockdep_assert_held(m); lockdep_assert_held(c); lockdep_assert_held(n); lockdep_assert_held(P0); }
                        """));
    }

    /** The search never holds a lockdep map, so nothing can assert it held; lock_map_* take only maps. */
    @Test
    void lockdepMapsAreTakenOnlyByTheirAnnotations() {
        assertEquals(List.of(
                "t.vmlock:3:53: error: [wrong-lock-kind] lockdep_assert_held needs a lock, but 'm' is a lockdep_map",
                "t.vmlock:3:74: error: [wrong-lock-kind] lock_map_acquire needs a lockdep_map, but 'x' is a mutex"),
                headlines("""
                        lockdep_map m;
                        mutex x;
                        thread t { lock_map_acquire(m); lockdep_assert_held(m); lock_map_acquire(x); lock_map_release(m); }
                        """));
    }

    /** Workqueue operations take a workqueue or a work item; an item is queued on the workqueue it is declared on. */
    @Test
    void workqueueOperationsTakeTheirOwnKinds() {
        assertEquals(List.of(
                "t.vmlock:5:17: error: [undeclared-name] workqueue 'nowhere' is not declared",
                "t.vmlock:6:23: error: [argument-kind] work item 'w' is declared on workqueue 'a', not on 'b'",
                "t.vmlock:6:41: error: [type-mismatch] flush_work needs a work item, but 'a' is a workqueue",
                "t.vmlock:6:61: error: [type-mismatch] flush_workqueue needs a workqueue, but 'w' is a work item"),
                headlines("""
                        workqueue a; workqueue b;
                        proc f() { }
                        work w = f() on a;
                        work v = f() on a;
                        work u = f() on nowhere;
                        thread t { queue_work(b, w); flush_work(a); flush_workqueue(w); cancel_work_sync(v); }
                        """));
    }

    /** An ordered workqueue's items share one int of state: at most five of them. */
    @Test
    void anOrderedWorkqueueHoldsAtMostFiveItems() {
        assertEquals(List.of("t.vmlock:1:19: error: [out-of-range] ordered workqueue 'q' has 6 work items; at most 5"
                        + " can be modelled"),
                headlines("""
                        ordered_workqueue q;
                        proc f() { }
                        work a = f() on q; work b = f() on q; work c = f() on q;
                        work d = f() on q; work e = f() on q; work g = f() on q;
                        thread t { queue_work(q, a); }
                        """));
    }

    /**
     * Workqueues and work items per set member are named with an index of their set, everywhere;
     * a work item names the member's workqueue by the member or by a constant, and queue_work with
     * constant indices names that one.
     */
    @Test
    void workqueuesPerMemberAreNamedByTheirIndex() {
        assertEquals(List.of(
                "t.vmlock:7:32: error: [index-mismatch] workqueue 'wq_of' is one per instance of set 'sb'; name which:"
                        + " on wq_of[...]",
                "t.vmlock:8:38: error: [index-mismatch] 'wq_of' is indexed by set 'sb', but 'inode' is the member of set"
                        + " 'inode' the work item is for",
                "t.vmlock:9:39: error: [index-mismatch] 'events' is a workqueue and takes no index",
                "t.vmlock:10:22: error: [argument-kind] 'f' needs an instance of set 'inode' for parameter 'i', but 'sb'"
                        + " is an instance set",
                "t.vmlock:11:32: error: [index-mismatch] 'wq_of' is indexed by set 'sb', but 'n' is an int variable",
                "t.vmlock:15:27: error: [index-mismatch] 'g_of' is a work item per instance of set 'inode'; name one with"
                        + " g_of[...]",
                "t.vmlock:16:16: error: [index-mismatch] 'wq_of' is a workqueue per instance of set 'sb'; name one with"
                        + " wq_of[...]",
                "t.vmlock:17:21: error: [index-mismatch] 'g_of' is indexed by set 'inode', but 'S0' is an instance of"
                        + " set 'sb'",
                "t.vmlock:18:16: error: [argument-kind] work item 'e' is on workqueue 'wq_of[S1]', not on 'wq_of[S0]'",
                "t.vmlock:19:16: error: [argument-kind] work item 'e' is declared on workqueue 'wq_of', not on 'events'",
                "t.vmlock:19:26: error: [index-mismatch] 'e' is a work item and takes no index",
                "t.vmlock:20:27: error: [index-mismatch] 'wq_of' is indexed by set 'sb', but 'I0' is an instance of set"
                        + " 'inode'"),
                headlines("""
                        set inode { I0, I1 };
                        set sb { S0, S1 };
                        int(0..1) n;
                        ordered_workqueue wq_of[sb];
                        workqueue events;
                        proc f(inode i) { }
                        work a_of[inode] = f(inode) on wq_of;
                        work b_of[inode] = f(inode) on wq_of[inode];
                        work c_of[inode] = f(inode) on events[S0];
                        work d_of[inode] = f(sb) on wq_of[S1];
                        work h_of[sb] = f(I0) on wq_of[n];
                        work e = f(I0) on wq_of[S1];
                        work g_of[inode] = f(inode) on wq_of[S0];
                        thread t {
                            queue_work(wq_of[S0], g_of);
                            queue_work(wq_of, e);
                            flush_work(g_of[S0]);
                            queue_work(wq_of[S0], e);
                            queue_work(events, e[I0]);
                            flush_workqueue(wq_of[I0]);
                        }
                        """));
    }

    /** Each member of an ordered workqueue per member holds the items placed on it: at most five. */
    @Test
    void anOrderedWorkqueuePerMemberHoldsAtMostFiveItemsOnEachMember() {
        assertEquals(List.of("t.vmlock:3:19: error: [out-of-range] ordered workqueue 'q_of[S1]' has 7 work items;"
                        + " at most 5 can be modelled"),
                headlines("""
                        set sb { S0, S1 };
                        set inode { I0, I1, I2 };
                        ordered_workqueue q_of[sb];
                        proc f(inode i) { }
                        work a_of[inode] = f(inode) on q_of[S1];
                        work b_of[inode] = f(inode) on q_of[S1];
                        work c_of[sb] = f(I0) on q_of[sb];
                        thread t { queue_work(q_of[S0], c_of[S0]); }
                        """));
    }
}
