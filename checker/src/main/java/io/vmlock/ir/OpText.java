package io.vmlock.ir;

import io.vmlock.ast.ArgKind;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How an operation reads in dumps and traces, e.g. {@code mutex_lock(page_lock[p])}. Object and
 * mapping arguments and assignment targets go through the given functions, so a trace can print
 * the instance a frame actually used ({@code page_lock[P0]}, {@code PageDirty[P0] = true}) where
 * a dump prints the source text.
 */
public final class OpText {
    private final Function<ObjectRef, String> objectName;
    private final Function<IrExpr, String> valueName;
    private final Function<VarRef, String> targetName;

    public OpText(Function<ObjectRef, String> objectName, Function<IrExpr, String> valueName,
                  Function<VarRef, String> targetName) {
        this.objectName = objectName;
        this.valueName = valueName;
        this.targetName = targetName;
    }

    /** Assignment targets as written. */
    public OpText(Function<ObjectRef, String> objectName, Function<IrExpr, String> valueName) {
        this(objectName, valueName, VarRef::text);
    }

    /** Source text, no run-time values. */
    public static OpText source() {
        return new OpText(ObjectRef::text, IrExpr::text);
    }

    public String render(Op op, IrProgram program) {
        return op.accept(new Op.Visitor<String>() {
            public String visitAcquire(Op.Acquire o) {
                String subclass = o.builtin().params().contains(ArgKind.SUBCLASS) ? ", " + o.subclass() : "";
                String nest = o.nestLock().map(n -> ", " + objectName.apply(n)).orElse("");
                return o.builtin().spelling() + "(" + objectName.apply(o.lock()) + subclass + nest + ")";
            }

            public String visitRelease(Op.Release o) {
                return o.builtin().spelling() + "(" + objectName.apply(o.lock()) + ")";
            }

            public String visitTryAcquire(Op.TryAcquire o) {
                return o.builtin().spelling() + "(" + objectName.apply(o.lock()) + ")";
            }

            public String visitJournalDrain(Op.JournalDrain o) {
                return o.builtin().spelling() + "(" + objectName.apply(o.journal()) + ")";
            }

            public String visitWaitCompletion(Op.WaitCompletion o) {
                return o.builtin().spelling() + "(" + objectName.apply(o.completion()) + ")";
            }

            public String visitSignal(Op.Signal o) {
                return o.builtin().spelling() + "(" + objectName.apply(o.completion()) + ")";
            }

            public String visitWaitEvent(Op.WaitEvent o) {
                return o.label().isEmpty() ? "wait_event(" + o.condition().text() + ")" : o.label();
            }

            public String visitAssign(Op.Assign o) {
                return o.label().isEmpty() ? targetName.apply(o.target()) + " = " + o.value().text() : o.label();
            }

            public String visitCheck(Op.Check o) {
                return o.builtin().spelling() + "(" + o.condition().text() + ")";
            }

            public String visitAssertHeld(Op.AssertHeld o) {
                return o.builtin().spelling() + "(" + objectName.apply(o.lock()) + ")";
            }

            public String visitAlloc(Op.Alloc o) {
                return o.builtin().spelling() + "(" + o.gfp().text() + ")";
            }

            public String visitMemallocScope(Op.MemallocScope o) {
                return o.builtin().spelling() + "()";
            }

            public String visitUserCopy(Op.UserCopy o) {
                return o.builtin().spelling() + "(" + valueName.apply(o.mapping()) + ")";
            }

            public String visitIrq(Op.Irq o) {
                return o.builtin().spelling() + "()";
            }

            public String visitMightSleep(Op.MightSleep o) {
                return "might_sleep()";
            }

            public String visitMightLock(Op.MightLock o) {
                return o.builtin().spelling() + "(" + o.lock().text() + ")";
            }

            public String visitBranch(Op.Branch o) {
                return "if (" + o.condition().text() + ")";
            }

            public String visitChoice(Op.Choice o) {
                return "either";
            }

            public String visitInit(Op.Init o) {
                return o.target().text() + " := " + o.value().text();
            }

            public String visitCall(Op.Call o) {
                String call = program.procedure(o.procedure()).name() + "("
                        + o.args().stream().map(valueName).collect(Collectors.joining(", ")) + ")";
                return o.result().map(r -> r.text() + " := " + call).orElse(call);
            }

            public String visitReturn(Op.Return o) {
                return o.value().map(v -> "return " + valueName.apply(v)).orElse("return");
            }
        });
    }
}
