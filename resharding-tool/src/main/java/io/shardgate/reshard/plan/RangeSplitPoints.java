package io.shardgate.reshard.plan;

import io.shardgate.algorithm.RangeValueType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The bound values written in a range rule ({@code tables.<t>.algorithm.bounds}), read from the YAML text: the
 * loaded {@code RangeAlgorithm} routes keys but does not expose its bounds, and the plan needs them to name the key
 * intervals that change owner. Only the points are taken from here; which shard owns an interval is always asked
 * of the loaded algorithm, so a point read differently could only make an interval description coarser.
 */
final class RangeSplitPoints {
    private RangeSplitPoints() {
    }

    /**
     * The distinct bound values of table {@code table}'s range rule in {@code yamlText}, as written.
     *
     * @throws IllegalArgumentException when the bounds use environment references or cannot be found
     */
    static List<String> read(String yamlText, String table) {
        Object root = plainYaml().load(yamlText);
        Object tables = root instanceof Map<?, ?> m ? m.get("tables") : null;
        Object rule = null;
        if (tables instanceof Map<?, ?> t) {
            for (Map.Entry<?, ?> entry : t.entrySet()) {
                if (String.valueOf(entry.getKey()).toLowerCase(Locale.ROOT).equals(table)) {
                    rule = entry.getValue();
                }
            }
        }
        Object algorithm = rule instanceof Map<?, ?> r ? r.get("algorithm") : null;
        Object bounds = algorithm instanceof Map<?, ?> a ? a.get("bounds") : null;
        if (!(bounds instanceof List<?> list)) {
            throw new IllegalArgumentException("cannot find the range bounds of table " + table + " in the YAML");
        }
        List<String> points = new ArrayList<>();
        for (Object bound : list) {
            if (bound instanceof Map<?, ?> b) {
                addPoint(points, b.get("from"));
                addPoint(points, b.get("to"));
            } else {
                addPoint(points, bound);
            }
        }
        return points;
    }

    private static void addPoint(List<String> points, Object value) {
        if (value == null) {
            return;
        }
        String text = String.valueOf(value).trim();
        if (text.contains("${")) {
            throw new IllegalArgumentException("range bound '" + text + "' uses an environment reference; the plan "
                    + "needs literal bounds to describe what moves");
        }
        points.add(text);
    }

    /** Sorts and de-duplicates bound values in the order of the rule's value type. */
    static List<String> sorted(RangeValueType type, List<String> points) {
        TreeSet<String> set = new TreeSet<>(order(type));
        set.addAll(points);
        return new ArrayList<>(set);
    }

    /** A value below {@code first} in the value type's order, or null when nothing is below it. */
    static String below(RangeValueType type, String first) {
        return switch (type) {
            case NUMBER -> new BigDecimal(first).subtract(BigDecimal.ONE).toPlainString();
            case DATE -> date(first).minusDays(1).toString();
            case STRING -> first.isEmpty() ? null : "";
        };
    }

    private static Comparator<String> order(RangeValueType type) {
        return switch (type) {
            case NUMBER -> Comparator.comparing(BigDecimal::new);
            case DATE -> Comparator.comparing(RangeSplitPoints::date);
            case STRING -> (x, y) -> {
                int i = 0;
                int j = 0;
                while (i < x.length() && j < y.length()) {
                    int cx = x.codePointAt(i);
                    int cy = y.codePointAt(j);
                    if (cx != cy) {
                        return Integer.compare(cx, cy);
                    }
                    i += Character.charCount(cx);
                    j += Character.charCount(cy);
                }
                return Integer.compare(x.length() - i, y.length() - j);
            };
        };
    }

    private static LocalDateTime date(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        return LocalDateTime.parse(text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11) : text);
    }

    /** A YAML reader that keeps every scalar a string, as the configuration loader does. */
    private static Yaml plainYaml() {
        Resolver stringsOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
            }
        };
        LoaderOptions options = new LoaderOptions();
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, stringsOnly);
    }
}
