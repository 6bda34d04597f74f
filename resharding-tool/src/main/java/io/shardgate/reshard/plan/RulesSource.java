package io.shardgate.reshard.plan;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One rule set with the YAML text it was loaded from: the metadata store keeps the text (environment references
 * unresolved, so passwords written as {@code ${ENV:...}} never reach it) and the plan reads range bounds from it.
 */
public record RulesSource(String name, String yaml, ShardgateConfig config) {

    /**
     * Loads a file.
     *
     * @throws io.shardgate.config.ConfigException when the file is missing or not a valid configuration
     */
    public static RulesSource load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new io.shardgate.config.ConfigException(file.toString(), "", "file not found ("
                    + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new io.shardgate.config.ConfigException(file.toString(), "", "cannot read file: " + e);
        }
        return parse(text, file.toString());
    }

    /** Loads YAML text; {@code name} appears in errors. */
    public static RulesSource parse(String yaml, String name) {
        return new RulesSource(name, yaml, ConfigLoader.load(yaml, name));
    }
}
