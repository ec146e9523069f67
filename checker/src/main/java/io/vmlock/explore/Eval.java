package io.vmlock.explore;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
import io.vmlock.explore.system.Expr;

/**
 * A compiled expression over a decoded state (one int per field): the commands' guards and
 * effects as small node objects, with the common shapes ({@code field == constant}) as nodes of
 * their own so that most guards are one array read and one compare.
 */
abstract class Eval {
    abstract int eval(int[] v);

    static Eval of(Expr e) {
        return e.accept(new Expr.Visitor<Eval>() {
            public Eval visitConst(Expr.Const x) {
                return new Const(x.value());
            }

            public Eval visitRead(Expr.Read x) {
                return new Read(x.field());
            }

            public Eval visitReadAt(Expr.ReadAt x) {
                return new At(x.elements().stream().map(Eval::of).toArray(Eval[]::new), of(x.index()));
            }

            public Eval visitUnary(Expr.Unary x) {
                Eval a = of(x.operand());
                return x.op() == UnaryOp.NOT ? new Not(a) : new Neg(a);
            }

            public Eval visitBinary(Expr.Binary x) {
                if (x.left() instanceof Expr.Read r && x.right() instanceof Expr.Const k) {
                    if (x.op() == BinaryOp.EQ) return new EqualsConst(r.field(), k.value());
                    if (x.op() == BinaryOp.NE) return new NotEqualsConst(r.field(), k.value());
                    if (x.op() == BinaryOp.GT) return new GreaterConst(r.field(), k.value());
                }
                Eval a = of(x.left());
                Eval b = of(x.right());
                if (x.op() == BinaryOp.AND) return new And(a, b);
                if (x.op() == BinaryOp.OR) return new Or(a, b);
                if (x.op() == BinaryOp.ADD) return new Add(a, b);
                return new Binary(x.op(), a, b);
            }
        });
    }

    private static final class Const extends Eval {
        private final int k;

        Const(int k) {
            this.k = k;
        }

        int eval(int[] v) {
            return k;
        }
    }

    private static final class Read extends Eval {
        private final int f;

        Read(int f) {
            this.f = f;
        }

        int eval(int[] v) {
            return v[f];
        }
    }

    private static final class EqualsConst extends Eval {
        private final int f;
        private final int k;

        EqualsConst(int f, int k) {
            this.f = f;
            this.k = k;
        }

        int eval(int[] v) {
            return v[f] == k ? 1 : 0;
        }
    }

    private static final class NotEqualsConst extends Eval {
        private final int f;
        private final int k;

        NotEqualsConst(int f, int k) {
            this.f = f;
            this.k = k;
        }

        int eval(int[] v) {
            return v[f] != k ? 1 : 0;
        }
    }

    private static final class GreaterConst extends Eval {
        private final int f;
        private final int k;

        GreaterConst(int f, int k) {
            this.f = f;
            this.k = k;
        }

        int eval(int[] v) {
            return v[f] > k ? 1 : 0;
        }
    }

    private static final class At extends Eval {
        private final Eval[] elements;
        private final Eval index;

        At(Eval[] elements, Eval index) {
            this.elements = elements;
            this.index = index;
        }

        int eval(int[] v) {
            return elements[index.eval(v)].eval(v);
        }
    }

    private static final class Not extends Eval {
        private final Eval a;

        Not(Eval a) {
            this.a = a;
        }

        int eval(int[] v) {
            return a.eval(v) == 0 ? 1 : 0;
        }
    }

    private static final class Neg extends Eval {
        private final Eval a;

        Neg(Eval a) {
            this.a = a;
        }

        int eval(int[] v) {
            return -a.eval(v);
        }
    }

    private static final class And extends Eval {
        private final Eval a;
        private final Eval b;

        And(Eval a, Eval b) {
            this.a = a;
            this.b = b;
        }

        int eval(int[] v) {
            return a.eval(v) != 0 && b.eval(v) != 0 ? 1 : 0;
        }
    }

    private static final class Or extends Eval {
        private final Eval a;
        private final Eval b;

        Or(Eval a, Eval b) {
            this.a = a;
            this.b = b;
        }

        int eval(int[] v) {
            return a.eval(v) != 0 || b.eval(v) != 0 ? 1 : 0;
        }
    }

    private static final class Add extends Eval {
        private final Eval a;
        private final Eval b;

        Add(Eval a, Eval b) {
            this.a = a;
            this.b = b;
        }

        int eval(int[] v) {
            return a.eval(v) + b.eval(v);
        }
    }

    private static final class Binary extends Eval {
        private final BinaryOp op;
        private final Eval a;
        private final Eval b;

        Binary(BinaryOp op, Eval a, Eval b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        int eval(int[] v) {
            int l = a.eval(v);
            int r = b.eval(v);
            return switch (op) {
                case MUL -> l * r;
                case DIV -> l / r;
                case MOD -> l % r;
                case SUB -> l - r;
                case LT -> l < r ? 1 : 0;
                case LE -> l <= r ? 1 : 0;
                case GT -> l > r ? 1 : 0;
                case GE -> l >= r ? 1 : 0;
                case EQ -> l == r ? 1 : 0;
                case NE -> l != r ? 1 : 0;
                default -> throw new IllegalStateException(op + " is compiled on its own");
            };
        }
    }
}
