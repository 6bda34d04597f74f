package io.shardgate.proxy.command;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The text of COM_QUERY and COM_STMT_PREPARE. Statements are UTF-8, except that clients inline binary values as
 * string literals of raw bytes (MariaDB Connector/J writes {@code _binary'...'} for setBytes). Such bytes cannot
 * survive the String-based road to the shards, whose drivers re-encode text as UTF-8, so each literal that is not
 * valid UTF-8 becomes a hex literal {@code X'...'} of the same bytes, which MariaDB and H2 shards both read back
 * exactly. Valid UTF-8 text, by far the common case, is decoded as it is.
 */
public final class QueryText {

    private QueryText() {
    }

    /** {@code backslashEscapes}: whether the client escapes with backslashes (no NO_BACKSLASH_ESCAPES). */
    public static String decode(byte[] bytes, boolean backslashEscapes) {
        if (isUtf8(bytes, 0, bytes.length)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 2);
        int i = 0;
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == '\'' || b == '"') {
                int end = endOfLiteral(bytes, i, backslashEscapes);
                if (isUtf8(bytes, i, end - i)) {
                    out.write(bytes, i, end - i);
                } else {
                    dropBinaryIntroducer(out);
                    byte[] hex = ("X'" + HexFormat.of().formatHex(unescape(bytes, i, end, backslashEscapes)) + "'")
                            .getBytes(StandardCharsets.US_ASCII);
                    out.writeBytes(hex);
                }
                i = end;
            } else if (b == '`') {
                int end = endOfLiteral(bytes, i, false);
                out.write(bytes, i, end - i);
                i = end;
            } else {
                out.write(b);
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The offset after the closing quote (or the end of the text for an unterminated literal). */
    private static int endOfLiteral(byte[] bytes, int start, boolean backslashEscapes) {
        byte quote = bytes[start];
        int i = start + 1;
        while (i < bytes.length) {
            if (bytes[i] == '\\' && backslashEscapes) {
                i += 2;
            } else if (bytes[i] == quote) {
                if (i + 1 < bytes.length && bytes[i + 1] == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return bytes.length;
    }

    /** The bytes a literal denotes, by MySQL's escape rules ({@code \%} and {@code \_} keep their backslash). */
    private static byte[] unescape(byte[] bytes, int start, int end, boolean backslashEscapes) {
        byte quote = bytes[start];
        int last = end - 1 > start && bytes[end - 1] == quote ? end - 1 : end;
        ByteArrayOutputStream out = new ByteArrayOutputStream(last - start);
        for (int i = start + 1; i < last; i++) {
            byte b = bytes[i];
            if (b == '\\' && backslashEscapes && i + 1 < last) {
                byte e = bytes[++i];
                switch (e) {
                    case '0' -> out.write(0);
                    case 'b' -> out.write('\b');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'Z' -> out.write(0x1A);
                    case '%', '_' -> {
                        out.write('\\');
                        out.write(e);
                    }
                    default -> out.write(e);
                }
            } else if (b == quote && i + 1 < last && bytes[i + 1] == quote) {
                out.write(b);
                i++;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** X'..' is binary already; an introducer before it is redundant and not every shard accepts it. */
    private static void dropBinaryIntroducer(ByteArrayOutputStream out) {
        String tail = new String(out.toByteArray(), Math.max(0, out.size() - 16), Math.min(16, out.size()),
                StandardCharsets.ISO_8859_1);
        String trimmed = tail.stripTrailing();
        if (trimmed.toLowerCase(Locale.ROOT).endsWith("_binary")) {
            byte[] kept = out.toByteArray();
            out.reset();
            out.write(kept, 0, kept.length - (tail.length() - trimmed.length()) - "_binary".length());
        }
    }

    private static boolean isUtf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
