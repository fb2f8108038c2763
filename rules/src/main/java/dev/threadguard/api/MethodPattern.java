package dev.threadguard.api;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import dev.threadguard.types.FileTypes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user-configured method, written {@code com.acme.Bus#await()} (exactly no arguments),
 * {@code com.acme.Bus#await(long,java.util.concurrent.TimeUnit)} (two arguments) or {@code com.acme.Bus#await}
 * (any arguments). A call matches when its name and argument count match and its receiver's static type (or the
 * class of a static call) is the named type or a subtype of it. Argument types are not checked: only their count.
 * A method of {@code java.lang.Object} matches on every receiver, known or not, as every object has it.
 */
public record MethodPattern(String ownerType, String methodName, int arity, String text) {

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*)#"
                    + "([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)\\s*(\\(([^)]*)\\))?\\s*");

    /** Any number of arguments. */
    public static final int ANY_ARITY = -1;

    private static final String OBJECT = "java.lang.Object";

    /**
     * Parses a pattern as written in the pom.
     *
     * @param parameter the pom parameter it came from, for the error message
     */
    public static MethodPattern parse(String text, String parameter) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new ConfigurationException("<" + parameter + "> entry '" + text + "' is not a method. Write it as "
                    + "fully.qualified.Type#method() for no arguments, Type#method(long,TimeUnit) for two, or "
                    + "Type#method for any number, e.g. com.acme.Bus#await().");
        }
        int arity = ANY_ARITY;
        if (matcher.group(3) != null) {
            String parameters = matcher.group(4).trim();
            arity = parameters.isEmpty() ? 0 : parameters.split(",").length;
        }
        return new MethodPattern(matcher.group(1).replace('$', '.'), matcher.group(2), arity, text.trim());
    }

    /** True when {@code call} is a call of this method, judged by name, argument count and owner type. */
    public boolean matches(MethodCallExpr call, FileTypes types) {
        if (!call.getNameAsString().equals(methodName)
                || (arity != ANY_ARITY && call.getArguments().size() != arity)) {
            return false;
        }
        if (ownerType.equals(OBJECT)) {
            return true;
        }
        Optional<String> staticOwner = types.staticOwner(call);
        if (staticOwner.isPresent()) {
            return types.isSubtype(staticOwner.get(), ownerType);
        }
        if (call.getScope().isEmpty()) {
            return types.enclosingType(call).map(type -> types.isSubtype(type, ownerType)).orElse(false);
        }
        return types.receiverIs(call, ownerType);
    }

    /**
     * True when {@code reference} names this method: {@code CompletableFuture::join}, {@code future::get} or
     * {@code this::await}. A method reference passes no arguments of its own, so only patterns without arguments
     * (or with any number) match, and the owner is judged as for a call.
     */
    public boolean matches(MethodReferenceExpr reference, FileTypes types) {
        if (!reference.getIdentifier().equals(methodName) || (arity != ANY_ARITY && arity != 0)) {
            return false;
        }
        if (ownerType.equals(OBJECT)) {
            return true;
        }
        return types.referenceOwner(reference).map(type -> types.isSubtype(type, ownerType)).orElse(false);
    }

    @Override
    public String toString() {
        return text;
    }
}
