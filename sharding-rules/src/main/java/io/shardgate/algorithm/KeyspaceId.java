package io.shardgate.algorithm;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The stable hash of a shard key to an unsigned 64-bit keyspace id (held in a {@code long}; compare with
 * {@link Long#compareUnsigned}). Hash sharding assigns each shard a contiguous range of this space, so a shard
 * is split by halving its range and no key ever moves to an unrelated shard.
 *
 * <ul>
 *   <li>Integer keys ({@code Byte, Short, Integer, Long}, and {@code BigInteger}, {@code BigDecimal},
 *   {@code Double}, {@code Float} without a fraction and within the {@code long} range): MurmurHash3's
 *   {@code fmix64} of the {@code long} value. It is a bijection, so distinct integer keys never collide.</li>
 *   <li>{@code String}: the first 64-bit word of MurmurHash3_x64_128 (seed 0) of its UTF-8 bytes. A string is
 *   hashed as a string even when it looks like a number.</li>
 *   <li>{@code byte[]}: the same hash of the bytes as given.</li>
 * </ul>
 *
 * The function is part of the data layout: changing it would strand every row. docs/algorithms.md specifies it
 * precisely and {@code KeyspaceIdTest} pins reference vectors.
 */
public final class KeyspaceId {
    private static final int HEX_DIGITS = 16;

    private KeyspaceId() {
    }

    /**
     * The keyspace id of a key value.
     *
     * @throws ShardingException for {@code null}, a number with a fraction or outside the {@code long} range, and
     *                           any other type
     */
    public static long of(Object key) {
        if (KeyValues.isPlainInteger(key)) {
            return ofLong(((Number) key).longValue());
        }
        if (key instanceof String s) {
            // MySQL compares an integer column with '42' as the number 42, so a canonical integer string must
            // land where the integer does; any other string is hashed as text.
            Long canonical = canonicalInteger(s);
            return canonical != null ? ofLong(canonical) : ofString(s);
        }
        if (key instanceof byte[] bytes) {
            return ofBytes(bytes);
        }
        if (key instanceof Number) {
            BigInteger integer = KeyValues.integerOrNull(key, false);
            if (integer == null) {
                throw new ShardingException("cannot hash shard key " + KeyValues.describe(key)
                        + ": not an integer; hash keys are integers, strings or bytes");
            }
            if (!KeyValues.fitsLong(integer)) {
                throw new ShardingException("cannot hash shard key " + KeyValues.describe(key)
                        + ": outside the 64-bit signed integer range");
            }
            return ofLong(integer.longValue());
        }
        throw new ShardingException("cannot hash shard key " + KeyValues.describe(key)
                + "; hash keys are integers, strings or bytes");
    }

    /** The value of {@code s} when it is an integer written canonically ({@code -?(0|[1-9][0-9]*)}) in long range. */
    static Long canonicalInteger(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (i == n || n - i > 19 || (s.charAt(i) == '0' && n - i > 1) || (i == 1 && s.equals("-0"))) {
            return null;
        }
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Keyspace id of an integer key: {@code fmix64(value)}. */
    public static long ofLong(long value) {
        return Murmur3.fmix64(value);
    }

    /** Keyspace id of a string key: the first word of MurmurHash3_x64_128(UTF-8 bytes, seed 0). */
    public static long ofString(String value) {
        return ofBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Keyspace id of a binary key: the first word of MurmurHash3_x64_128(bytes, seed 0). */
    public static long ofBytes(byte[] value) {
        return Murmur3.hash128First64(value, 0);
    }

    /**
     * Parses a hex prefix of the keyspace, as written in range notation: {@code "80"} is
     * {@code 0x8000_0000_0000_0000}, {@code ""} is 0. An even number of hex digits (whole bytes), at most 16.
     *
     * @throws IllegalArgumentException naming the text when it is not such a prefix
     */
    public static long parseHex(String prefix) {
        if (prefix.length() > HEX_DIGITS || prefix.length() % 2 != 0) {
            throw new IllegalArgumentException("'" + prefix + "' is not a keyspace id prefix: expected whole bytes "
                    + "as an even number of hex digits, at most " + HEX_DIGITS);
        }
        long value = 0;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            int digit = c < 128 ? Character.digit(c, 16) : -1; // ASCII only: no full-width digits
            if (digit < 0) {
                throw new IllegalArgumentException("'" + prefix + "' is not a keyspace id prefix: '"
                        + prefix.charAt(i) + "' is not a hex digit");
            }
            value = (value << 4) | digit;
        }
        return prefix.isEmpty() ? 0 : value << (4 * (HEX_DIGITS - prefix.length()));
    }

    /**
     * The shortest hex prefix of a keyspace id, the inverse of {@link #parseHex}: trailing zero bytes are
     * dropped, so {@code 0x8000_0000_0000_0000} is {@code "80"} and 0 is {@code ""}. Lower case.
     */
    public static String format(long keyspaceId) {
        if (keyspaceId == 0) {
            return "";
        }
        String hex = String.format(Locale.ROOT, "%016x", keyspaceId);
        int end = hex.length();
        while (hex.startsWith("00", end - 2)) {
            end -= 2;
        }
        return hex.substring(0, end);
    }
}
