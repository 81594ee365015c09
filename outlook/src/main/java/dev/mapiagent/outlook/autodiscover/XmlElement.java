package dev.mapiagent.outlook.autodiscover;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An element of a parsed document reduced to what Autodiscover needs: local names only, so that
 * any prefix or namespace the server (or a proxy) used is accepted. Names match ignoring case.
 */
final class XmlElement {

    private final String name;
    private final Map<String, String> attributes;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlElement> children = new ArrayList<>();

    XmlElement(String name, Map<String, String> attributes) {
        this.name = name;
        this.attributes = Map.copyOf(attributes);
    }

    String name() {
        return name;
    }

    boolean is(String localName) {
        return name.equalsIgnoreCase(localName);
    }

    Optional<String> attribute(String localName) {
        return attributes.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(localName))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The element's own text, trimmed; empty when blank. */
    Optional<String> text() {
        String t = text.toString().strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    void appendText(String chars) {
        text.append(chars);
    }

    void add(XmlElement child) {
        children.add(child);
    }

    List<XmlElement> children(String localName) {
        return children.stream().filter(c -> c.is(localName)).toList();
    }

    Optional<XmlElement> child(String localName) {
        return children.stream().filter(c -> c.is(localName)).findFirst();
    }

    /** Text of the first direct child with this name. */
    Optional<String> childText(String localName) {
        return child(localName).flatMap(XmlElement::text);
    }

    /** Every element below this one with that name, in document order (iterative: depth is capped elsewhere). */
    List<XmlElement> descendants(String localName) {
        List<XmlElement> found = new ArrayList<>();
        Deque<XmlElement> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            XmlElement current = pending.pop();
            if (current != this && current.is(localName)) {
                found.add(current);
            }
            for (int i = current.children.size() - 1; i >= 0; i--) {
                pending.push(current.children.get(i));
            }
        }
        return found;
    }
}
