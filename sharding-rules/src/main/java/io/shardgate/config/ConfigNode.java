package io.shardgate.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML node with its key path, read strictly: each accessor states the shape it expects and fails with a
 * {@link ConfigException} naming the path, the position and what was expected. Scalars are read from their text,
 * so {@code -80} stays a string where a string is expected and {@code 010} is ten where an integer is.
 */
final class ConfigNode {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

    /** What every node of one document shares: where it came from and how to substitute variables. */
    record Document(String source, EnvironmentSubstitution environment, YamlScalars scalars) {
    }

    private final Document document;
    private final Node node;
    private final String path;

    ConfigNode(Document document, Node node, String path) {
        this.document = document;
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigException error(String problem) {
        return errorAt(path, problem);
    }

    /** An error about {@code keyPath}, located at this node (e.g. a missing key, reported at its parent). */
    ConfigException errorAt(String keyPath, String problem) {
        Mark mark = node.getStartMark();
        return new ConfigException(document.source(), keyPath, problem,
                mark == null ? -1 : mark.getLine() + 1, mark == null ? -1 : mark.getColumn() + 1, null);
    }

    boolean isNull() {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    boolean isScalar() {
        return node instanceof ScalarNode && !isNull();
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** How this node looks, for "expected X, got Y" messages. */
    String describe() {
        if (isNull()) {
            return "nothing";
        }
        if (isList()) {
            return "a list";
        }
        if (isMapping()) {
            return "a mapping";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /** A scalar's text, with environment references substituted. */
    String text() {
        if (!isScalar()) {
            throw error("expected a value, got " + describe());
        }
        String raw = ((ScalarNode) node).getValue();
        return EnvironmentSubstitution.hasReference(raw) ? document.environment().apply(raw, this::error) : raw;
    }

    /** A non-blank scalar. */
    String name() {
        String text = text().trim();
        if (text.isEmpty()) {
            throw error("expected a name, got an empty value");
        }
        return text;
    }

    int integer(int min, int max) {
        return (int) longInteger(min, max);
    }

    long longInteger(long min, long max) {
        String text = text().trim();
        long value;
        try {
            if (!INTEGER.matcher(text).matches()) {
                throw new NumberFormatException();
            }
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("expected an integer, got '" + text + "'");
        }
        if (value < min) {
            throw error("must be at least " + min + ", got " + value);
        }
        if (value > max) {
            throw error("must be at most " + max + ", got " + value);
        }
        return value;
    }

    /** One of a fixed set of lower-case words. */
    String choice(List<String> allowed) {
        String text = text().trim();
        if (!allowed.contains(text)) {
            throw error("expected one of " + String.join(", ", allowed) + ", got '" + text + "'"
                    + DidYouMean.hint(text, allowed));
        }
        return text;
    }

    List<ConfigNode> list() {
        if (!isList()) {
            throw error("expected a list, got " + describe());
        }
        List<Node> items = ((SequenceNode) node).getValue();
        List<ConfigNode> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(new ConfigNode(document, items.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** A list, or a single scalar read as a list of one. */
    List<ConfigNode> listOrOne() {
        return isList() ? list() : List.of(this);
    }

    /** A mapping whose keys must be among {@code allowedKeys}: an unknown key is most likely a typo. */
    ConfigMapping mapping(String... allowedKeys) {
        ConfigMapping mapping = entries();
        Set<String> allowed = Set.of(allowedKeys);
        for (Map.Entry<String, ConfigNode> entry : mapping.entries().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw entry.getValue().error("unknown key; expected "
                        + String.join(", ", allowedKeys) + DidYouMean.hint(entry.getKey(), Arrays.asList(allowedKeys)));
            }
        }
        return mapping;
    }

    /** A mapping whose keys are names the user chose (data sources, tables, regions). */
    ConfigMapping entries() {
        if (!isMapping()) {
            throw error("expected a mapping of key: value, got " + describe());
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            ConfigNode key = new ConfigNode(document, tuple.getKeyNode(), path);
            if (!key.isScalar()) {
                throw key.error("expected a plain key, got " + key.describe());
            }
            String name = ((ScalarNode) tuple.getKeyNode()).getValue();
            ConfigNode value = new ConfigNode(document, tuple.getValueNode(), childPath(name));
            Node first = keyNodes.putIfAbsent(name, tuple.getKeyNode());
            if (first != null) {
                throw key.errorAt(childPath(name), "duplicate key; first defined at line "
                        + (first.getStartMark().getLine() + 1));
            }
            entries.put(name, value);
        }
        return new ConfigMapping(this, entries);
    }

    /** A mapping of free-form values (see {@link #value()}), in file order, unmodifiable. */
    Map<String, Object> freeFormMapping() {
        Map<String, Object> out = new LinkedHashMap<>();
        entries().entries().forEach((key, value) -> out.put(key, value.value()));
        return Collections.unmodifiableMap(out);
    }

    /** Any YAML value as plain Java: maps, lists, strings, numbers, booleans, nulls. */
    Object value() {
        if (isMapping()) {
            return freeFormMapping();
        }
        if (isList()) {
            return list().stream().map(ConfigNode::value).toList();
        }
        if (isNull()) {
            return null;
        }
        try {
            return document.scalars().value((ScalarNode) node, text());
        } catch (YAMLException e) {
            throw error("cannot read value " + describe() + ": " + e.getMessage());
        }
    }
}
