package io.shardgate.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.UnicodeReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads a Shardgate YAML configuration (format: docs/configuration.md) into an immutable {@link ShardgateConfig}.
 * Fails fast: the first problem is a {@link ConfigException} naming the source, the key path and what was
 * expected. Unknown keys are errors, so a misspelled setting never silently falls back to its default.
 */
public final class ConfigLoader {
    private static final String[] TOP_LEVEL_KEYS =
            {"dataSources", "defaultDataSource", "tables", "broadcastTables", "bindingGroups", "props"};

    private ConfigLoader() {
    }

    /** Loads a file; errors name it as given. */
    public static ShardgateConfig load(Path file) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new UnicodeReader(in), source, System::getenv);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "", "file not found (" + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new ConfigException(source, "", "cannot read file: " + e);
        }
    }

    /** Loads YAML text; {@code sourceName} names it in errors. Environment references read the process environment. */
    public static ShardgateConfig load(String yamlText, String sourceName) {
        return load(yamlText, sourceName, System::getenv);
    }

    /** Loads YAML text resolving {@code ${ENV:NAME}} references with {@code environment} (null when unset). */
    public static ShardgateConfig load(String yamlText, String sourceName, Function<String, String> environment) {
        return parse(new StringReader(yamlText), sourceName, environment);
    }

    /** Loads a classpath resource, e.g. {@code "shardgate.yaml"}, through the context class loader. */
    public static ShardgateConfig loadClasspath(String resource) {
        String source = "classpath:" + resource;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : ConfigLoader.class.getClassLoader();
        InputStream in = loader.getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource);
        if (in == null) {
            throw new ConfigException(source, "", "resource not found on the classpath");
        }
        try (in) {
            return parse(new UnicodeReader(in), source, System::getenv);
        } catch (IOException e) {
            throw new ConfigException(source, "", "cannot read resource: " + e);
        }
    }

    private static ShardgateConfig parse(Reader reader, String source, Function<String, String> environment) {
        ConfigNode.Document document =
                new ConfigNode.Document(source, new EnvironmentSubstitution(environment), new YamlScalars());
        return build(new ConfigNode(document, compose(reader, source), ""));
    }

    private static Node compose(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(true); // "<<: *defaults" shares settings between data sources
        Node root;
        try {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            StringBuilder problem = new StringBuilder("YAML syntax error: ")
                    .append(e.getProblem() != null ? e.getProblem() : e.getContext());
            if (e.getProblem() != null && e.getContext() != null && e.getContextMark() != null) {
                // where the unclosed construct began is often the real mistake
                problem.append(" (").append(e.getContext()).append(" that began at line ")
                        .append(e.getContextMark().getLine() + 1).append(", column ")
                        .append(e.getContextMark().getColumn() + 1).append(')');
            }
            throw new ConfigException(source, "", problem.toString(),
                    mark == null ? -1 : mark.getLine() + 1, mark == null ? -1 : mark.getColumn() + 1, e);
        } catch (YAMLException e) {
            if (e.getCause() instanceof IOException io) {
                throw new ConfigException(source, "", "cannot read: " + io, -1, -1, e);
            }
            throw new ConfigException(source, "", "YAML error: " + e.getMessage(), -1, -1, e);
        }
        if (root == null) {
            throw new ConfigException(source, "", "the configuration is empty; it needs at least dataSources");
        }
        return root;
    }

    private static ShardgateConfig build(ConfigNode root) {
        ConfigMapping top = root.mapping(TOP_LEVEL_KEYS);
        Map<String, DataSourceConfig> dataSources = DataSourcesReader.read(top.required("dataSources",
                "declare the databases to connect to, e.g. ds0: { primary: { url: jdbc:... } }"));
        List<String> dataSourceNames = new ArrayList<>(dataSources.keySet());

        String defaultDataSource = top.optional("defaultDataSource").map(node -> {
            String name = node.name();
            if (!dataSources.containsKey(name)) {
                throw node.error("unknown data source " + name + " (defined: " + String.join(", ", dataSourceNames)
                        + ")" + DidYouMean.hint(name, dataSourceNames));
            }
            return name;
        }).orElse(dataSourceNames.get(0));

        Map<String, TablesReader.ReadTable> tables = top.optional("tables")
                .map(node -> TablesReader.read(node, dataSources.keySet())).orElse(Map.of());
        Map<String, BroadcastTable> broadcastTables = top.optional("broadcastTables")
                .map(node -> BroadcastTablesReader.read(node, dataSourceNames, tables.keySet())).orElse(Map.of());
        List<List<String>> bindingGroups = top.optional("bindingGroups")
                .map(node -> BindingGroupsReader.read(node, tables, broadcastTables)).orElse(List.of());
        EngineProps props = top.optional("props").map(ConfigLoader::props).orElse(EngineProps.DEFAULTS);

        Map<String, TableRule> rules = new LinkedHashMap<>();
        tables.forEach((name, table) -> rules.put(name, table.rule()));
        return new ShardgateConfig(dataSources,
                new ShardingRules(rules, broadcastTables, bindingGroups, defaultDataSource, dataSourceNames), props);
    }

    private static EngineProps props(ConfigNode node) {
        ConfigMapping m = node.mapping("executorThreads", "maxConnectionsPerQuery", "workerId", "queryTimeoutMs",
                "replicaCheckIntervalMs", "metadataStore");
        EngineProps d = EngineProps.DEFAULTS;
        return new EngineProps(
                m.integer("executorThreads", d.executorThreads(), 1, 10_000),
                m.integer("maxConnectionsPerQuery", d.maxConnectionsPerQuery(), 1, 10_000),
                m.integer("workerId", d.workerId(), 0, 1023),
                DataSourcesReader.millis(m, "queryTimeoutMs", d.queryTimeout(), 0),
                DataSourcesReader.millis(m, "replicaCheckIntervalMs", d.replicaCheckInterval(), 10),
                m.optional("metadataStore").map(store -> DataSourcesReader.endpoint("metadataStore",
                        store.mapping("url", "user", "password"))).orElse(null));
    }
}
