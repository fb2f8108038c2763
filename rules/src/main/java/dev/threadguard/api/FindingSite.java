package dev.threadguard.api;

import com.github.javaparser.JavaToken;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.SimpleName;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Where a finding is in terms that survive unrelated edits, for baselines and SARIF fingerprints: the enclosing
 * type and member, and the flagged code's text without whitespace, comments or the bodies it contains.
 */
final class FindingSite {

    /** Stands for a block, lambda or class body inside the flagged code: editing inside a body keeps the finding. */
    static final String BODY = "{\u2026}";

    private FindingSite() {
    }

    /**
     * The named types around {@code node}, outermost first, joined with {@code .}, without the package (the file's
     * path holds it): {@code Server}, {@code Server.Handler}; local classes count, anonymous ones do not. Empty
     * outside of any type.
     */
    static String enclosingType(Node node) {
        Deque<String> names = new ArrayDeque<>();
        for (Node current = node; current != null; current = current.getParentNode().orElse(null)) {
            if (current instanceof TypeDeclaration<?> type) {
                names.addFirst(type.getNameAsString());
            }
        }
        return String.join(".", names);
    }

    /**
     * The member of the innermost named type that holds {@code node}: {@code name(ParameterTypes)} for methods and
     * constructors (as written, so overloads differ), a field's variable name, an enum constant's name,
     * {@code static {}} or {@code {}} for initializers. Code in a lambda or an anonymous class belongs to the member
     * that holds it. Empty when {@code node} is not inside a member (the type's own declaration).
     */
    static String enclosingMember(Node node) {
        Node member = null;
        for (Node current = node; current != null; current = current.getParentNode().orElse(null)) {
            if (current instanceof TypeDeclaration<?>) {
                break;
            }
            if (current instanceof CallableDeclaration<?> || current instanceof FieldDeclaration
                    || current instanceof InitializerDeclaration || current instanceof EnumConstantDeclaration
                    || current instanceof AnnotationMemberDeclaration
                    || current instanceof CompactConstructorDeclaration
                    || current instanceof VariableDeclarator && current.getParentNode()
                    .filter(FieldDeclaration.class::isInstance).isPresent()) {
                member = current;
            }
        }
        if (member instanceof CallableDeclaration<?> callable) {
            StringJoiner parameters = new StringJoiner(", ", callable.getNameAsString() + "(", ")");
            for (Parameter parameter : callable.getParameters()) {
                parameters.add(code(parameter.getType()) + (parameter.isVarArgs() ? "..." : ""));
            }
            return parameters.toString();
        }
        if (member instanceof VariableDeclarator variable) {
            return variable.getNameAsString();
        }
        if (member instanceof FieldDeclaration field) {
            StringJoiner names = new StringJoiner(", ");
            field.getVariables().forEach(variable -> names.add(variable.getNameAsString()));
            return names.toString();
        }
        if (member instanceof InitializerDeclaration initializer) {
            return initializer.isStatic() ? "static {}" : "{}";
        }
        if (member instanceof EnumConstantDeclaration constant) {
            return constant.getNameAsString();
        }
        if (member instanceof AnnotationMemberDeclaration annotationMember) {
            return annotationMember.getNameAsString() + "()";
        }
        if (member instanceof CompactConstructorDeclaration compact) {
            return compact.getNameAsString();
        }
        return "";
    }

    /**
     * The text of the flagged code: the reported node, or the expression a reported name belongs to (a rule that
     * points at the {@code start} of {@code new Thread(r).start()} flags the whole call). Comments and whitespace
     * are left out, tokens are separated by a space only where two words meet and after a comma, and every body
     * inside it reads
     * {@link #BODY}: a loop or catch clause is its header, a call with a lambda its call.
     */
    static String flaggedCode(Node node) {
        Node flagged = node;
        if ((node instanceof SimpleName || node instanceof Name)
                && node.getParentNode().filter(Expression.class::isInstance).isPresent()) {
            flagged = node.getParentNode().get();
        }
        return code(flagged);
    }

    private static String code(Node node) {
        Optional<TokenRange> range = node.getTokenRange();
        if (range.isEmpty()) {
            return node.toString().replaceAll("\\s+", " ").trim(); // no tokens: the parser was told not to keep them
        }
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (JavaToken token : range.get()) {
            JavaToken.Category category = token.getCategory();
            if (category.isWhitespaceOrComment()) {
                continue;
            }
            String written = token.getText();
            if (written.equals("{")) {
                if (depth++ == 0) {
                    append(text, BODY);
                }
            } else if (written.equals("}")) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0) {
                append(text, written);
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String token) {
        if (!text.isEmpty() && (isWordChar(text.charAt(text.length() - 1)) && isWordChar(token.charAt(0))
                || text.charAt(text.length() - 1) == ',')) {
            text.append(' ');
        }
        text.append(token);
    }

    private static boolean isWordChar(char c) {
        return Character.isJavaIdentifierPart(c) || c == '"' || c == '\'';
    }
}
