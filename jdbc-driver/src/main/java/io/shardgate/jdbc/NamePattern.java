package io.shardgate.jdbc;

import java.util.Locale;

/** JDBC metadata name patterns: {@code %} any run, {@code _} one character, {@code \} escapes; null matches all. */
final class NamePattern {
    private NamePattern() {
    }

    /** Case-insensitive, as identifiers are on MySQL-family servers and unquoted on PostgreSQL. */
    static boolean matches(String pattern, String name) {
        if (pattern == null) {
            return true;
        }
        return matches(pattern.toLowerCase(Locale.ROOT), 0, name.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean matches(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                for (int k = si; k <= s.length(); k++) {
                    if (matches(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == s.length()) {
                return false;
            }
            if (c == '\\' && pi + 1 < p.length()) {
                c = p.charAt(++pi);
                if (s.charAt(si) != c) {
                    return false;
                }
            } else if (c != '_' && s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    /** A pattern matching exactly {@code name}: its wildcards escaped with the backend's escape string. */
    static String exactly(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("%", escape + "%").replace("_", escape + "_");
    }
}
