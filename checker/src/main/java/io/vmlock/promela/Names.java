package io.vmlock.promela;

import io.vmlock.explore.system.Field;
import io.vmlock.explore.system.TransitionSystem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Promela names for fields and threads: valid identifiers, unique, never a keyword. */
final class Names {
    private final String[] fields;
    private final String[] threads;

    Names(TransitionSystem system) {
        Set<String> used = new HashSet<>();
        List<Field> all = system.fields();
        fields = new String[all.size()];
        for (Field f : all) {
            String prefix = switch (f.role()) {
                case GLOBAL -> "g_";
                case OBJECT, COUNTER -> "o_";
                case POSITION -> "pos_";
                case FLAG -> "f_";
                case LOCAL -> "l_";
                case CURRENT -> "c_";
            };
            fields[f.id()] = unique(prefix + identifier(f.name()), used);
        }
        threads = new String[system.threads().size()];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = unique("t_" + identifier(system.program().threads().get(t).name()), used);
        }
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) n = name + "_" + i;
        return n;
    }

    /** {@code fork[F0].readers1} -> {@code fork_F0_readers1}. */
    static String identifier(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) s.append(c);
            else if (s.length() > 0 && s.charAt(s.length() - 1) != '_') s.append('_');
        }
        while (s.length() > 0 && s.charAt(s.length() - 1) == '_') s.setLength(s.length() - 1);
        return s.length() == 0 ? "x" : s.toString();
    }

    String field(int id) {
        return fields[id];
    }

    String thread(int t) {
        return threads[t];
    }
}
