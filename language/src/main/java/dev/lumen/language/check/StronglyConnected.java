package dev.lumen.language.check;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Strongly connected components of a directed graph (Tarjan's algorithm), without recursion. */
final class StronglyConnected {
    private StronglyConnected() {
    }

    /** A node being visited and the successors it has yet to follow. */
    private record Visit<T>(T node, Iterator<T> successors) {
    }

    /** Numbers the components of the graph over {@code nodes}: two nodes share a number when each reaches the other. */
    static <T> Map<T, Integer> components(Collection<T> nodes, Function<T, List<T>> successors) {
        Map<T, Integer> index = new HashMap<>();
        Map<T, Integer> low = new HashMap<>();
        Map<T, Integer> component = new HashMap<>();
        Deque<T> open = new ArrayDeque<>();
        Set<T> isOpen = new HashSet<>();
        int components = 0;
        for (T root : nodes) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Visit<T>> stack = new ArrayDeque<>();
            stack.push(enter(root, successors, index, low, open, isOpen));
            while (!stack.isEmpty()) {
                Visit<T> top = stack.peek();
                T at = top.node();
                if (top.successors().hasNext()) {
                    T next = top.successors().next();
                    if (!index.containsKey(next)) {
                        stack.push(enter(next, successors, index, low, open, isOpen));
                    } else if (isOpen.contains(next)) {
                        low.put(at, Math.min(low.get(at), index.get(next)));
                    }
                    continue;
                }
                stack.pop();
                if (low.get(at).equals(index.get(at))) {
                    T member;
                    do {
                        member = open.pop();
                        isOpen.remove(member);
                        component.put(member, components);
                    } while (member != at);
                    components++;
                }
                if (!stack.isEmpty()) {
                    T parent = stack.peek().node();
                    low.put(parent, Math.min(low.get(parent), low.get(at)));
                }
            }
        }
        return component;
    }

    private static <T> Visit<T> enter(T node, Function<T, List<T>> successors, Map<T, Integer> index,
                                      Map<T, Integer> low, Deque<T> open, Set<T> isOpen) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        open.push(node);
        isOpen.add(node);
        return new Visit<>(node, successors.apply(node).iterator());
    }
}
