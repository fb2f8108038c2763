package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadguard.types.FileTypes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises code that runs once per request or message: Servlet {@code service/doGet/...} and filters, Spring
 * {@code @RequestMapping} family and {@code @KafkaListener/@JmsListener/@RabbitListener}, JAX-RS resource methods,
 * {@code com.sun.net.httpserver} handlers, JMS {@code MessageListener.onMessage} and Netty {@code channelRead}.
 * Handlers are told by annotation or by parameter types, resolved through the file's imports, so they are found
 * without knowing the class hierarchy.
 */
final class Handlers {

    private static final Set<String> SERVLET_METHODS = Set.of("service", "doGet", "doPost", "doPut", "doDelete",
            "doHead", "doOptions", "doTrace", "doPatch", "doFilter");
    private static final Set<String> SERVLET_REQUESTS = Set.of("javax.servlet.ServletRequest",
            "jakarta.servlet.ServletRequest");
    private static final Set<String> JMS_MESSAGES = Set.of("javax.jms.Message", "jakarta.jms.Message");
    private static final String HTTP_EXCHANGE = "com.sun.net.httpserver.HttpExchange";
    private static final String NETTY_CONTEXT = "io.netty.channel.ChannelHandlerContext";

    /** Handler annotations by qualified name, with the words used in messages. */
    private static final Map<String, String> ANNOTATIONS = annotations();

    /**
     * A request or message handler.
     *
     * @param node        the handler method or lambda
     * @param description what kind of handler it is, for messages, e.g. "Servlet doGet"
     */
    public record Handler(Node node, String description) {
    }

    private Handlers() {
    }

    /**
     * The names one of which a file must mention to declare a handler: the annotations' and parameters' types
     * and the calls that register a handler lambda (for the prefilter's triggers).
     */
    public static Set<String> triggerNames() {
        Set<String> names = new java.util.HashSet<>(ANNOTATIONS.keySet());
        names.addAll(SERVLET_REQUESTS);
        names.addAll(JMS_MESSAGES);
        names.add(HTTP_EXCHANGE);
        names.add(NETTY_CONTEXT);
        names.add("createContext");
        names.add("setMessageListener");
        return Set.copyOf(names);
    }

    private static Map<String, String> annotations() {
        Map<String, String> result = new java.util.HashMap<>();
        for (String mapping : List.of("RequestMapping", "GetMapping", "PostMapping", "PutMapping", "DeleteMapping",
                "PatchMapping")) {
            result.put("org.springframework.web.bind.annotation." + mapping, "Spring @" + mapping + " handler");
        }
        result.put("org.springframework.kafka.annotation.KafkaListener", "Spring @KafkaListener");
        result.put("org.springframework.kafka.annotation.KafkaHandler", "Spring @KafkaHandler");
        result.put("org.springframework.jms.annotation.JmsListener", "Spring @JmsListener");
        result.put("org.springframework.amqp.rabbit.annotation.RabbitListener", "Spring @RabbitListener");
        result.put("org.springframework.amqp.rabbit.annotation.RabbitHandler", "Spring @RabbitHandler");
        for (String ee : List.of("javax", "jakarta")) {
            for (String verb : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
                result.put(ee + ".ws.rs." + verb, "JAX-RS @" + verb + " resource method");
            }
        }
        return Map.copyOf(result);
    }

    /**
     * The request or message handler that runs {@code node} per request, described for messages (e.g.
     * "Servlet doGet"), or empty. Lambdas inside a handler count as the handler; a method of a nested or
     * anonymous class is judged on its own.
     */
    public static Optional<Handler> enclosingHandler(Node node, FileTypes types) {
        for (Optional<Node> current = node.getParentNode(); current.isPresent();
             current = current.get().getParentNode()) {
            Node scope = current.get();
            if (scope instanceof LambdaExpr lambda) {
                Optional<String> handler = handlerLambda(lambda);
                if (handler.isPresent()) {
                    return Optional.of(new Handler(lambda, handler.get()));
                }
            } else if (scope instanceof MethodDeclaration method) {
                return handlerMethod(method, types).map(description -> new Handler(method, description));
            } else if (scope instanceof BodyDeclaration<?> || scope instanceof TypeDeclaration<?>) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> handlerMethod(MethodDeclaration method, FileTypes types) {
        for (AnnotationExpr annotation : method.getAnnotations()) {
            String description = ANNOTATIONS.get(types.resolve(annotation.getNameAsString()));
            if (description != null) {
                return Optional.of(description);
            }
        }
        String name = method.getNameAsString();
        List<Parameter> parameters = method.getParameters();
        if (parameters.isEmpty()) {
            return Optional.empty();
        }
        if (SERVLET_METHODS.contains(name) && parameters.size() >= 2
                && isAny(parameters.get(0), SERVLET_REQUESTS, types)) {
            return Optional.of(name.equals("doFilter") ? "Servlet filter doFilter" : "Servlet " + name);
        }
        if (name.equals("handle") && parameters.size() == 1 && isAny(parameters.get(0), Set.of(HTTP_EXCHANGE), types)) {
            return Optional.of("HttpHandler.handle");
        }
        if (name.equals("onMessage") && parameters.size() == 1 && isAny(parameters.get(0), JMS_MESSAGES, types)) {
            return Optional.of("JMS MessageListener.onMessage");
        }
        if ((name.equals("channelRead") || name.equals("channelRead0")) && parameters.size() == 2
                && isAny(parameters.get(0), Set.of(NETTY_CONTEXT), types)) {
            return Optional.of("Netty " + name);
        }
        return Optional.empty();
    }

    private static boolean isAny(Parameter parameter, Set<String> targets, FileTypes types) {
        Optional<String> type = types.resolve(parameter.getType());
        if (type.isEmpty()) {
            return false;
        }
        for (String target : targets) {
            if (types.isSubtype(type.get(), target)) {
                return true;
            }
        }
        return false;
    }

    /** {@code server.createContext("/", exchange -> ...)} and {@code consumer.setMessageListener(m -> ...)}. */
    private static Optional<String> handlerLambda(LambdaExpr lambda) {
        if (lambda.getParameters().size() != 1
                || !(lambda.getParentNode().orElse(null) instanceof MethodCallExpr call)) {
            return Optional.empty();
        }
        String name = call.getNameAsString();
        if (name.equals("createContext") && call.getArguments().size() == 2 && call.getArgument(1) == lambda) {
            return Optional.of("HttpHandler lambda");
        }
        if (name.equals("setMessageListener") && call.getArguments().size() == 1) {
            return Optional.of("JMS MessageListener lambda");
        }
        return Optional.empty();
    }
}
