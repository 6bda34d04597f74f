package io.shardgate.reshard.db;

import io.shardgate.reshard.Json;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A primary key value as the readable JSON the checkpoints store: an array with a string per text column and
 * {@code {"hex": "..."}} per binary column, e.g. {@code ["42"]} or {@code ["eu", {"hex": "00ff"}]}.
 */
public final class KeyCodec {
    private KeyCodec() {
    }

    public static String encode(Object[] key) {
        List<Object> out = new ArrayList<>(key.length);
        for (Object value : key) {
            out.add(value instanceof byte[] bytes ? Map.of("hex", HexFormat.of().formatHex(bytes)) : value);
        }
        return Json.write(out);
    }

    public static Object[] decode(String json) {
        Parser parser = new Parser(json);
        Object[] key = parser.array();
        parser.end();
        return key;
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object[] array() {
            expect('[');
            List<Object> values = new ArrayList<>();
            skipBlanks();
            if (peek() == ']') {
                at++;
                return values.toArray();
            }
            while (true) {
                skipBlanks();
                values.add(value());
                skipBlanks();
                char c = next();
                if (c == ']') {
                    return values.toArray();
                }
                if (c != ',') {
                    throw error("expected , or ]");
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '{') {
                at++;
                skipBlanks();
                if (!"hex".equals(string())) {
                    throw error("expected \"hex\"");
                }
                skipBlanks();
                expect(':');
                skipBlanks();
                byte[] bytes = HexFormat.of().parseHex(string());
                skipBlanks();
                expect('}');
                return bytes;
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            throw error("expected a string, {\"hex\": ...} or null");
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        void end() {
            skipBlanks();
            if (at != text.length()) {
                throw error("unexpected text after the key");
            }
        }

        private void skipBlanks() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("checkpoint key " + text + ": " + problem + " at " + at);
        }
    }
}
