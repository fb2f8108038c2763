package dev.threadguard.rules;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.List;
import java.util.Locale;

/**
 * Whether a {@code java.net.URL} is known to point at the network. Most URLs opened in libraries are class-path or
 * file resources ({@code getResource(..).openStream()}, {@code jar:} URLs), which need no timeout; only a URL whose
 * http(s) scheme is written in the code counts.
 */
final class NetworkUrls {

    private static final String URL = "java.net.URL";
    private static final String URI = "java.net.URI";

    private NetworkUrls() {
    }

    /**
     * True for {@code new URL("https://..")}, {@code new URL("http", host, port, file)},
     * {@code URI.create("http://..").toURL()}, {@code new URI("https://..").toURL()}, also built by concatenation
     * ({@code "http://" + host}), or a variable whose every value in the file is one of those.
     */
    public static boolean isNetworkUrl(Expression url, FileTypes types) {
        return isNetwork(url, types, 0, false);
    }

    /** True for a URL, as {@link #isNetworkUrl} knows them, whose scheme is https. */
    public static boolean isHttpsUrl(Expression url, FileTypes types) {
        return isNetwork(url, types, 0, true);
    }

    private static boolean isNetwork(Expression url, FileTypes types, int depth, boolean secure) {
        Expression inner = Nodes.unwrap(url);
        if (depth > 3) {
            return false;
        }
        if (inner instanceof ObjectCreationExpr creation
                && types.resolve(creation.getType()).filter(type -> type.equals(URL) || type.equals(URI)).isPresent()
                && creation.getArguments().isNonEmpty()) {
            Expression first = creation.getArgument(0);
            return creation.getArguments().size() == 1 ? isHttpText(first, secure) : isHttpScheme(first, secure);
        }
        if (inner instanceof MethodCallExpr call && call.getNameAsString().equals("toURL") && call.getScope().isPresent()) {
            return isNetwork(call.getScope().get(), types, depth + 1, secure);
        }
        if (inner instanceof MethodCallExpr call && call.getNameAsString().equals("create")
                && call.getArguments().size() == 1 && types.staticOwner(call).filter(URI::equals).isPresent()) {
            return isHttpText(call.getArgument(0), secure);
        }
        List<Expression> values = Variables.assignedValues(inner);
        return !values.isEmpty() && values.stream().allMatch(value -> isNetwork(value, types, depth + 1, secure));
    }

    /** {@code "https://host/path"} or a concatenation that starts with it; with {@code secure}, https only. */
    private static boolean isHttpText(Expression text, boolean secure) {
        Expression inner = Nodes.unwrap(text);
        while (inner instanceof BinaryExpr plus && plus.getOperator() == BinaryExpr.Operator.PLUS) {
            inner = Nodes.unwrap(plus.getLeft());
        }
        String value = literal(inner);
        return value != null && (value.startsWith("http://") && !secure || value.startsWith("https://"));
    }

    /** {@code "http"} or {@code "https"}, the protocol argument of {@code new URL(protocol, host, ...)}. */
    private static boolean isHttpScheme(Expression protocol, boolean secure) {
        String value = literal(Nodes.unwrap(protocol));
        return value != null && (value.equals("http") && !secure || value.equals("https"));
    }

    private static String literal(Expression expression) {
        if (expression instanceof StringLiteralExpr string) {
            return string.asString().toLowerCase(Locale.ROOT);
        }
        if (expression instanceof TextBlockLiteralExpr block) {
            return block.asString().trim().toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
