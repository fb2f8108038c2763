package dev.threadguard.types;

import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the declaration a simple name refers to by walking outwards through the enclosing scopes: earlier
 * statements of each block, loop and resource variables, catch, lambda and method parameters, then the fields
 * of the enclosing types. Inherited fields and fields of other files are not found: callers treat that as
 * "unknown".
 */
public final class Variables {

    /** The assignments under a node (see {@link #assignments}). */
    private static final DataKey<List<AssignExpr>> ASSIGNMENTS = new DataKey<>() {
    };

    /**
     * A declared variable: the node that declares it ({@link VariableDeclarator} or {@link Parameter}), its
     * declared type ({@code var} and untyped lambda parameters included as written) and its initializer, if any.
     */
    public record Declared(Node declaration, Type type, Optional<Expression> initializer, boolean field) {

        /**
         * True for {@code var} locals and untyped lambda parameters. The parser runs without the post-processor
         * that turns {@code var} into a {@code VarType} (see {@code Parsers}), so {@code var} is also recognised
         * as the plain type name it is parsed as.
         */
        public boolean inferred() {
            return type.isVarType() || type.isUnknownType()
                    || type instanceof ClassOrInterfaceType named && named.getScope().isEmpty()
                    && named.getTypeArguments().isEmpty() && named.getNameAsString().equals("var");
        }
    }

    private Variables() {
    }

    /**
     * The declaration that {@code name}, used at {@code usage}, refers to. When {@code usage} is {@code this.name}
     * itself, only fields are looked at: a local or parameter of that name (the usual
     * {@code Future<T> future = this.future.get();}) does not shadow the field there.
     */
    public static Optional<Declared> find(String name, Node usage) {
        boolean fieldOnly = usage instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr
                && access.getNameAsString().equals(name);
        Node child = usage;
        Node parent = usage.getParentNode().orElse(null);
        while (parent != null) {
            Optional<Declared> found = fieldOnly && !declaresMembers(parent) ? Optional.empty()
                    : declaredIn(parent, child, name);
            if (found.isPresent()) {
                return found;
            }
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    /**
     * Every value the variable named by {@code expression} ({@code x} or {@code this.x}) is given in its file: the
     * initializer and the right-hand side of each plain assignment to it (in the declaring method for a local, in
     * the whole file for a field). Empty when the declaration is not found, so callers cannot mistake an unknown
     * variable for one without values.
     */
    public static List<Expression> assignedValues(Expression expression) {
        Expression variable = expression;
        while (variable instanceof EnclosedExpr enclosed) {
            variable = enclosed.getInner();
        }
        String name;
        if (variable instanceof NameExpr nameExpr) {
            name = nameExpr.getNameAsString();
        } else if (variable instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            name = access.getNameAsString();
        } else {
            return List.of();
        }
        Optional<Declared> declared = find(name, variable);
        if (declared.isEmpty()) {
            return List.of();
        }
        List<Expression> values = new ArrayList<>();
        declared.get().initializer().ifPresent(values::add);
        Node scope = declared.get().field() ? variable.findRootNode()
                : declared.get().declaration().findAncestor(CallableDeclaration.class).map(Node.class::cast)
                .orElse(variable.findRootNode());
        for (AssignExpr assign : assignments(scope)) {
            if (assign.getOperator() == AssignExpr.Operator.ASSIGN && assigns(assign.getTarget(), name, declared.get())) {
                values.add(assign.getValue());
            }
        }
        return values;
    }

    /**
     * Every assignment under {@code scope}, found once per node and kept on it: a field's values are asked for at
     * every use of the field, and walking the whole file each time made a file with hundreds of
     * {@code executor.submit(..)} calls quadratic (measured: half of the analysis time of ambry).
     */
    private static List<AssignExpr> assignments(Node scope) {
        synchronized (scope) {
            if (scope.containsData(ASSIGNMENTS)) {
                return scope.getData(ASSIGNMENTS);
            }
            List<AssignExpr> found = List.copyOf(scope.findAll(AssignExpr.class));
            scope.setData(ASSIGNMENTS, found);
            return found;
        }
    }

    private static boolean assigns(Expression target, String name, Declared declared) {
        if (target instanceof NameExpr nameExpr && nameExpr.getNameAsString().equals(name)) {
            return find(name, target).map(found -> found.declaration() == declared.declaration()).orElse(false);
        }
        return declared.field() && target instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr
                && access.getNameAsString().equals(name);
    }

    /** A class, record, enum or anonymous class body: where fields are declared. */
    private static boolean declaresMembers(Node scope) {
        return scope instanceof TypeDeclaration<?>
                || scope instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent();
    }

    private static Optional<Declared> declaredIn(Node scope, Node child, String name) {
        if (scope instanceof BlockStmt block) {
            return inStatements(block.getStatements(), child, name);
        } else if (scope instanceof SwitchEntry entry) {
            return inStatements(entry.getStatements(), child, name);
        } else if (scope instanceof ForStmt loop) {
            for (Expression init : loop.getInitialization()) {
                Optional<Declared> found = inDeclaration(init, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (scope instanceof ForEachStmt loop && child != loop.getIterable()) {
            return inDeclaration(loop.getVariable(), name);
        } else if (scope instanceof TryStmt tryStmt) {
            for (Expression resource : tryStmt.getResources()) {
                if (resource == child) {
                    break;
                }
                Optional<Declared> found = inDeclaration(resource, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (scope instanceof CatchClause clause) {
            return parameter(clause.getParameter(), name);
        } else if (scope instanceof LambdaExpr lambda) {
            return inParameters(lambda.getParameters(), name);
        } else if (scope instanceof CallableDeclaration<?> callable) {
            return inParameters(callable.getParameters(), name);
        } else if (scope instanceof IfStmt ifStmt && child == ifStmt.getThenStmt()) {
            for (TypePatternExpr pattern : ifStmt.getCondition().findAll(TypePatternExpr.class)) {
                if (pattern.getNameAsString().equals(name)) {
                    return Optional.of(new Declared(pattern, pattern.getType(), Optional.empty(), false));
                }
            }
        } else if (scope instanceof RecordDeclaration record) {
            Optional<Declared> component = inParameters(record.getParameters(), name);
            if (component.isPresent()) {
                return Optional.of(new Declared(component.get().declaration(), component.get().type(),
                        Optional.empty(), true));
            }
            return inMembers(record.getMembers(), name);
        } else if (scope instanceof TypeDeclaration<?> type) {
            return inMembers(type.getMembers(), name);
        } else if (scope instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()) {
            return inMembers(creation.getAnonymousClassBody().get(), name);
        }
        return Optional.empty();
    }

    private static Optional<Declared> inStatements(List<Statement> statements, Node child, String name) {
        for (Statement statement : statements) {
            if (statement == child) {
                break;
            }
            if (statement instanceof ExpressionStmt expressionStmt) {
                Optional<Declared> found = inDeclaration(expressionStmt.getExpression(), name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        // the declaring statement itself, e.g. a use in a later declarator of the same statement
        if (child instanceof ExpressionStmt expressionStmt) {
            return inDeclaration(expressionStmt.getExpression(), name);
        }
        return Optional.empty();
    }

    private static Optional<Declared> inDeclaration(Expression expression, String name) {
        if (expression instanceof VariableDeclarationExpr declaration) {
            for (VariableDeclarator variable : declaration.getVariables()) {
                if (variable.getNameAsString().equals(name)) {
                    return Optional.of(new Declared(variable, variable.getType(), variable.getInitializer(), false));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Declared> inParameters(List<Parameter> parameters, String name) {
        for (Parameter parameter : parameters) {
            Optional<Declared> found = parameter(parameter, name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Declared> parameter(Parameter parameter, String name) {
        if (parameter.getNameAsString().equals(name)) {
            return Optional.of(new Declared(parameter, parameter.getType(), Optional.empty(), false));
        }
        return Optional.empty();
    }

    private static Optional<Declared> inMembers(List<BodyDeclaration<?>> members, String name) {
        for (BodyDeclaration<?> member : members) {
            if (member instanceof FieldDeclaration field) {
                for (VariableDeclarator variable : field.getVariables()) {
                    if (variable.getNameAsString().equals(name)) {
                        return Optional.of(new Declared(variable, variable.getType(), variable.getInitializer(), true));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
