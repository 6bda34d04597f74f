package io.shardgate.config;

/**
 * A configuration that cannot be used. The message names the source, the full key path and what was expected,
 * e.g. {@code shardgate.yaml: tables.orders.shardKey: missing; every sharded table needs the column that decides
 * its shard (line 12, column 5)}.
 */
public class ConfigException extends RuntimeException {
    private final String source;
    private final String keyPath;

    public ConfigException(String source, String keyPath, String problem) {
        this(source, keyPath, problem, -1, -1, null);
    }

    ConfigException(String source, String keyPath, String problem, int line, int column, Throwable cause) {
        super(format(source, keyPath, problem, line, column), cause);
        this.source = source;
        this.keyPath = keyPath;
    }

    private static String format(String source, String keyPath, String problem, int line, int column) {
        StringBuilder message = new StringBuilder(source).append(": ");
        if (!keyPath.isEmpty()) {
            message.append(keyPath).append(": ");
        }
        message.append(problem);
        if (line > 0) {
            message.append(" (line ").append(line).append(", column ").append(column).append(')');
        }
        return message.toString();
    }

    /** The file or resource the configuration came from. */
    public String source() {
        return source;
    }

    /** Dotted path of the offending key, e.g. {@code tables.orders.algorithm.type}; empty for the whole file. */
    public String keyPath() {
        return keyPath;
    }
}
