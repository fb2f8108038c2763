package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.type.PrimitiveType;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What can be told about an {@code int} from the expression that computes it, without running anything: a
 * constant (literals, {@code Integer.MAX_VALUE}, {@code final} fields and locals that are never changed, simple
 * arithmetic on them), or a linear form {@code a·x + b} in one unknown {@code x} (a parameter, a configurable field,
 * {@code Runtime.getRuntime().availableProcessors()}), so that {@code n} and {@code n * 2} can be compared without
 * knowing {@code n}. Anything else is unknown, and callers stay silent about it.
 */
public final class IntValues {

    private static final int MAX_DEPTH = 8;
    /** {@code ++} and {@code --}, before or after: they change the variable they are applied to. */
    static final Set<UnaryExpr.Operator> STEPS = EnumSet.of(
            UnaryExpr.Operator.PREFIX_INCREMENT, UnaryExpr.Operator.PREFIX_DECREMENT,
            UnaryExpr.Operator.POSTFIX_INCREMENT, UnaryExpr.Operator.POSTFIX_DECREMENT);

    /**
     * The value {@code a·x + b}: a constant when {@code a} is 0 (then {@code unknown} is null).
     *
     * @param a        the factor of the unknown
     * @param unknown  identifies the unknown, e.g. the declaration of the variable it is; null for a constant
     * @param b        the constant part
     * @param minimum  the least value the unknown can take when known ({@code availableProcessors()} is at least
     *                 1), else null
     */
    public record Linear(long a, String unknown, long b, Long minimum) {

        public static Linear constant(long value) {
            return new Linear(0, null, value, null);
        }

        static Linear unknown(String key, Long minimum) {
            return new Linear(1, key, 0, minimum);
        }

        public boolean isConstant() {
            return a == 0;
        }

        Optional<Linear> plus(Linear other) {
            if (!compatible(other)) {
                return Optional.empty();
            }
            return checked(a + other.a, b + other.b, isConstant() ? other : this);
        }

        Optional<Linear> times(long factor) {
            return checked(a * factor, b * factor, this);
        }

        Optional<Linear> negate() {
            return times(-1);
        }

        /** True when both are in the same unknown, or one of them is a constant. */
        public boolean compatible(Linear other) {
            return isConstant() || other.isConstant() || unknown.equals(other.unknown);
        }

        private static Optional<Linear> checked(long a, long b, Linear shape) {
            if (Math.abs(a) > Integer.MAX_VALUE || b > Integer.MAX_VALUE || b < Integer.MIN_VALUE) {
                return Optional.empty();
            }
            return Optional.of(a == 0 ? constant(b) : new Linear(a, shape.unknown, b, shape.minimum));
        }
    }

    private IntValues() {
    }

    /** The value of {@code expression} as far as it can be told. */
    public static Optional<Linear> of(Expression expression, FileTypes types) {
        return of(expression, types, 0);
    }

    /** The constant value of {@code expression}, if it is one. */
    public static Optional<Long> constant(Expression expression, FileTypes types) {
        return of(expression, types).filter(Linear::isConstant).map(Linear::b);
    }

    private static Optional<Linear> of(Expression expression, FileTypes types, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (expression instanceof EnclosedExpr enclosed) {
            return of(enclosed.getInner(), types, depth + 1);
        }
        if (expression instanceof CastExpr cast) {
            return cast.getType() instanceof PrimitiveType ? of(cast.getExpression(), types, depth + 1)
                    : Optional.empty();
        }
        if (expression instanceof IntegerLiteralExpr literal) {
            return number(literal.asNumber());
        }
        if (expression instanceof LongLiteralExpr literal) {
            return number(literal.asNumber());
        }
        if (expression instanceof CharLiteralExpr literal && literal.getValue().length() == 1) {
            return Optional.of(Linear.constant(literal.getValue().charAt(0)));
        }
        if (expression instanceof UnaryExpr unary) {
            return switch (unary.getOperator()) {
                case PLUS -> of(unary.getExpression(), types, depth + 1);
                case MINUS -> of(unary.getExpression(), types, depth + 1).flatMap(Linear::negate);
                default -> Optional.empty();
            };
        }
        if (expression instanceof BinaryExpr binary) {
            return binary(binary, types, depth);
        }
        if (expression instanceof ConditionalExpr conditional) {
            Optional<Linear> then = of(conditional.getThenExpr(), types, depth + 1);
            return then.isPresent() && then.equals(of(conditional.getElseExpr(), types, depth + 1)) ? then
                    : Optional.empty();
        }
        if (expression instanceof MethodCallExpr call) {
            return call(call, types, depth);
        }
        if (expression instanceof NameExpr || expression instanceof FieldAccessExpr) {
            return variable(expression, types, depth);
        }
        return Optional.empty();
    }

    private static Optional<Linear> number(Number number) {
        return number == null ? Optional.empty() : Optional.of(Linear.constant(number.longValue()));
    }

    private static Optional<Linear> binary(BinaryExpr binary, FileTypes types, int depth) {
        Optional<Linear> left = of(binary.getLeft(), types, depth + 1);
        Optional<Linear> right = left.isEmpty() ? Optional.empty() : of(binary.getRight(), types, depth + 1);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        Linear l = left.get();
        Linear r = right.get();
        switch (binary.getOperator()) {
            case PLUS:
                return l.plus(r);
            case MINUS:
                return r.negate().flatMap(l::plus);
            case MULTIPLY:
                if (l.isConstant()) {
                    return r.times(l.b());
                }
                return r.isConstant() ? l.times(r.b()) : Optional.empty();
            default:
                break;
        }
        if (!l.isConstant() || !r.isConstant()) {
            return Optional.empty();
        }
        long x = l.b();
        long y = r.b();
        return switch (binary.getOperator()) {
            case DIVIDE -> y == 0 ? Optional.empty() : Optional.of(Linear.constant(x / y));
            case REMAINDER -> y == 0 ? Optional.empty() : Optional.of(Linear.constant(x % y));
            case LEFT_SHIFT -> y < 0 || y > 31 ? Optional.empty() : Linear.checked(0, x << y, l);
            case SIGNED_RIGHT_SHIFT -> y < 0 || y > 31 ? Optional.empty() : Optional.of(Linear.constant(x >> y));
            default -> Optional.empty();
        };
    }

    private static Optional<Linear> call(MethodCallExpr call, FileTypes types, int depth) {
        String name = call.getNameAsString();
        if (name.equals("availableProcessors") && call.getArguments().isEmpty()
                && types.receiverIs(call, "java.lang.Runtime")) {
            return Optional.of(Linear.unknown("availableProcessors()", 1L));
        }
        if ((name.equals("max") || name.equals("min")) && call.getArguments().size() == 2
                && types.staticOwner(call).filter("java.lang.Math"::equals).isPresent()) {
            Optional<Long> x = of(call.getArgument(0), types, depth + 1).filter(Linear::isConstant).map(Linear::b);
            Optional<Long> y = of(call.getArgument(1), types, depth + 1).filter(Linear::isConstant).map(Linear::b);
            if (x.isPresent() && y.isPresent()) {
                return Optional.of(Linear.constant(name.equals("max") ? Math.max(x.get(), y.get())
                        : Math.min(x.get(), y.get())));
            }
        }
        return Optional.empty();
    }

    /**
     * A variable's value: its initializer's when it never changes ({@code final}, or a local assigned nowhere
     * else), otherwise the variable itself as the unknown (read twice in one expression, it is the same value).
     */
    private static Optional<Linear> variable(Expression expression, FileTypes types, int depth) {
        if (expression instanceof FieldAccessExpr access && !(access.getScope() instanceof ThisExpr)) {
            return qualified(access, types, depth);
        }
        Optional<Variables.Declared> declared;
        String name;
        if (expression instanceof NameExpr nameExpr) {
            name = nameExpr.getNameAsString();
            declared = Variables.find(name, expression);
        } else {
            name = ((FieldAccessExpr) expression).getNameAsString();
            declared = expression.findAncestor(TypeDeclaration.class).flatMap(type -> field(type, name, false));
        }
        if (declared.isEmpty()) {
            if (expression instanceof NameExpr && name.equals("MAX_VALUE")
                    && "java.lang.Integer".equals(types.scope().staticImportOwner("MAX_VALUE"))) {
                return Optional.of(Linear.constant(Integer.MAX_VALUE));
            }
            // an inherited field or a static import: unknown, but the same value wherever it is read
            return Optional.of(Linear.unknown("name:" + name, null));
        }
        return declaredValue(declared.get(), types, depth);
    }

    private static Optional<Linear> declaredValue(Variables.Declared declared, FileTypes types, int depth) {
        Node declaration = declared.declaration();
        if (declared.initializer().isPresent() && neverChanges(declared)) {
            Optional<Linear> value = of(declared.initializer().get(), types, depth + 1);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.of(Linear.unknown(key(declaration), null));
    }

    /** {@code Integer.MAX_VALUE}, {@code Limits.THREADS} of a type of this file, or another type's field. */
    private static Optional<Linear> qualified(FieldAccessExpr access, FileTypes types, int depth) {
        String field = access.getNameAsString();
        if (!(access.getScope() instanceof NameExpr || access.getScope() instanceof FieldAccessExpr)
                || access.getScope() instanceof NameExpr scope
                && Variables.find(scope.getNameAsString(), scope).isPresent()) {
            return Optional.empty(); // a field of another object
        }
        String owner = types.resolve(access.getScope().toString());
        if (owner.equals("java.lang.Integer")) {
            return field.equals("MAX_VALUE") ? Optional.of(Linear.constant(Integer.MAX_VALUE)) : Optional.empty();
        }
        Optional<Variables.Declared> declared = types.declaration(owner).flatMap(type -> field(type, field, true));
        if (declared.isPresent()) {
            return declaredValue(declared.get(), types, depth);
        }
        // a constant of another file: unknown, but the same value wherever it is read
        return Optional.of(Linear.unknown("field:" + owner + "." + field, null));
    }

    private static Optional<Variables.Declared> field(TypeDeclaration<?> type, String name, boolean staticOnly) {
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof FieldDeclaration declaration && (declaration.isStatic() || !staticOnly)) {
                for (VariableDeclarator variable : declaration.getVariables()) {
                    if (variable.getNameAsString().equals(name)) {
                        return Optional.of(new Variables.Declared(variable, variable.getType(),
                                variable.getInitializer(), true));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A {@code final} field or local, or a local that is assigned nowhere but in its declaration. */
    static boolean neverChanges(Variables.Declared declared) {
        Node declaration = declared.declaration();
        Node owner = declaration.getParentNode().orElse(null);
        if (owner instanceof FieldDeclaration field) {
            return field.isFinal();
        }
        if (owner instanceof VariableDeclarationExpr local) {
            if (local.isFinal()) {
                return true;
            }
            Node scope = declaration.findAncestor(CallableDeclaration.class).map(Node.class::cast)
                    .orElse(declaration.findRootNode());
            String name = ((VariableDeclarator) declaration).getNameAsString();
            for (AssignExpr assign : scope.findAll(AssignExpr.class)) {
                if (refersTo(assign.getTarget(), name, declaration)) {
                    return false;
                }
            }
            for (UnaryExpr unary : scope.findAll(UnaryExpr.class)) {
                if (!STEPS.contains(unary.getOperator())) {
                    continue;
                }
                if (refersTo(unary.getExpression(), name, declaration)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean refersTo(Expression target, String name, Node declaration) {
        return target instanceof NameExpr nameExpr && nameExpr.getNameAsString().equals(name)
                && Variables.find(name, nameExpr).map(found -> found.declaration() == declaration).orElse(false);
    }

    /** Two declarations of one file never start at the same place. */
    private static String key(Node declaration) {
        return "declared@" + declaration.getBegin().map(position -> position.line + ":" + position.column)
                .orElse(Integer.toString(System.identityHashCode(declaration)));
    }
}
