package io.vmlock.graph;

import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/** Hand-built dependencies for tests that need a graph without a scenario. */
public final class Deps {
    private static int line = 1;

    private Deps() {
    }

    public static LockClass mutex(String name) {
        return LockClass.single(name, LockKind.of(ObjectKind.MUTEX));
    }

    public static Site site(String thread) {
        return new Site(SourceSpan.point("t.vmlock", line++, 5), "thread " + thread, List.of());
    }

    /** {@code thread} takes {@code to} while holding {@code from} (and {@code alsoHeld}). */
    public static Dependency dep(String thread, LockClass from, LockClass to, LockClass... alsoHeld) {
        Held held = new Held(from, Instance.SINGLE, Access.EXCLUSIVE, site(thread));
        List<Held> set = new ArrayList<>();
        for (LockClass c : alsoHeld) set.add(new Held(c, Instance.SINGLE, Access.EXCLUSIVE, site(thread)));
        set.add(held);
        Acquisition acq = new Acquisition(to, Instance.SINGLE, Access.EXCLUSIVE, false, true, site(thread));
        return new Dependency(held, acq, set, List.of(thread));
    }

    public static LockOrderGraph graph(Dependency... deps) {
        LockGraphBuilder b = new LockGraphBuilder();
        for (Dependency d : deps) b.add(d);
        return b.build();
    }
}
