package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;

import java.util.List;
import java.util.Optional;

/**
 * Small tree helpers. JavaParser's {@code Node.equals} compares structure, so two identical expressions in
 * different places are "equal"; these helpers compare identity, which is what position questions need.
 */
public final class Nodes {

    private Nodes() {
    }

    /** True when {@code list} holds {@code node} itself (not merely a structurally equal node). */
    public static boolean containsSame(List<? extends Node> list, Node node) {
        for (Node element : list) {
            if (element == node) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code ancestor} is {@code node} or one of its ancestors. */
    public static boolean isWithin(Node node, Node ancestor) {
        for (Optional<Node> current = Optional.of(node); current.isPresent();
             current = current.get().getParentNode()) {
            if (current.get() == ancestor) {
                return true;
            }
        }
        return false;
    }
}
