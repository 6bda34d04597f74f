package io.shardgate.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML's own typing of free-form scalars (custom algorithm props), after environment substitution: integers,
 * floats, booleans, nulls and strings as SnakeYAML reads them. Timestamps stay strings, so a date means the same
 * thing on every JVM whatever its time zone.
 */
final class YamlScalars extends SafeConstructor {
    private final Resolver resolver = new Resolver();

    YamlScalars() {
        super(new LoaderOptions());
        yamlConstructors.put(Tag.TIMESTAMP, yamlConstructors.get(Tag.STR));
    }

    /** The value of {@code node} whose text, after substitution, is {@code text}. */
    Object value(ScalarNode node, String text) {
        Tag tag;
        if (text.equals(node.getValue())) {
            tag = node.getTag();
        } else {
            // a substituted value is typed by what it became: ${ENV:N:-8} is the integer 8
            tag = node.isPlain() ? resolver.resolve(NodeId.scalar, text, true) : Tag.STR;
        }
        return constructObject(
                new ScalarNode(tag, text, node.getStartMark(), node.getEndMark(), node.getScalarStyle()));
    }
}
