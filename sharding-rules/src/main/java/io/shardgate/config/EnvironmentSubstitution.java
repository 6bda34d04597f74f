package io.shardgate.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${ENV:NAME}} and {@code ${ENV:NAME:-default}} in configuration values, so secrets such as
 * passwords stay out of the file. As in a shell, the default applies when the variable is unset or empty. An
 * unset variable without a default is an error: connecting with a silently empty value fails far from the cause.
 */
final class EnvironmentSubstitution {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{ENV:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;

    EnvironmentSubstitution(Function<String, String> environment) {
        this.environment = environment;
    }

    static boolean hasReference(String value) {
        return value.contains("${ENV:");
    }

    /**
     * The value with every reference replaced.
     *
     * @param problem turns a description of what is wrong into the exception to throw
     */
    String apply(String value, Function<String, ConfigException> problem) {
        if (hasReference(REFERENCE.matcher(value).replaceAll(""))) {
            throw problem.apply("malformed environment reference in '" + value
                    + "'; expected ${ENV:NAME} or ${ENV:NAME:-default}");
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String fallback = m.group(2);
            String resolved = environment.apply(name);
            if (resolved == null && fallback == null) {
                throw problem.apply("environment variable " + name + " is not set and " + m.group()
                        + " has no default; write ${ENV:" + name + ":-default} to give one");
            }
            if (resolved == null || resolved.isEmpty() && fallback != null) {
                resolved = fallback;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }
}
