package io.shardgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${a..b}} ranges in node lists: {@code ds${0..1}.orders_${0..1}} is {@code ds0.orders_0,
 * ds0.orders_1, ds1.orders_0, ds1.orders_1}. With several ranges the leftmost varies slowest (data source major,
 * table minor). A bound written with leading zeros pads every number to its width: {@code t_${00..11}} gives
 * {@code t_00 .. t_11}.
 */
final class InlineExpression {
    /** Bounds the expansion so that a typo such as ${0..100000} fails instead of exhausting memory. */
    static final int MAX_EXPANSION = 65_536;

    private static final Pattern RANGE = Pattern.compile("\\$\\{\\s*(\\d+)\\s*\\.\\.\\s*(\\d+)\\s*}");

    private InlineExpression() {
    }

    /**
     * Every string the expression denotes, in order.
     *
     * @throws IllegalArgumentException describing a descending range, a malformed {@code ${...}} or an expansion
     *                                  beyond {@link #MAX_EXPANSION}
     */
    static List<String> expand(String expression) {
        Matcher m = RANGE.matcher(expression);
        if (!m.find()) {
            if (expression.contains("${")) {
                throw malformed(expression);
            }
            return List.of(expression);
        }
        String prefix = expression.substring(0, m.start());
        if (prefix.contains("${")) {
            throw malformed(expression);
        }
        long from;
        long to;
        try {
            from = Long.parseLong(m.group(1));
            to = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("range ${" + m.group(1) + ".." + m.group(2) + "} is too large");
        }
        if (from > to) {
            throw new IllegalArgumentException("range ${" + from + ".." + to + "} in '" + expression
                    + "' is descending; write the smaller bound first");
        }
        int width = m.group(1).startsWith("0") && m.group(1).length() > 1 ? m.group(1).length() : 0;
        List<String> rest = expand(expression.substring(m.end()));
        if (to - from >= MAX_EXPANSION || (to - from + 1) * rest.size() > MAX_EXPANSION) {
            throw new IllegalArgumentException("'" + expression + "' expands to more than " + MAX_EXPANSION
                    + " names");
        }
        List<String> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            String number = width == 0 ? Long.toString(i) : String.format(Locale.ROOT, "%0" + width + "d", i);
            for (String suffix : rest) {
                out.add(prefix + number + suffix);
            }
        }
        return out;
    }

    private static IllegalArgumentException malformed(String expression) {
        return new IllegalArgumentException("cannot expand '" + expression + "': only ${from..to} ranges of "
                + "non-negative integers are supported, e.g. ds${0..1}.orders_${0..3}");
    }
}
