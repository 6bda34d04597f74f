package io.shardgate.algorithm;

/**
 * MurmurHash3 (Austin Appleby's public-domain design), x64 128-bit variant, and its 64-bit finalizer. Only what
 * {@link KeyspaceId} needs. The output is part of the on-disk data layout: shard placement depends on it, so it
 * must never change; {@code Murmur3Test} pins it to reference vectors.
 */
final class Murmur3 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3() {
    }

    /** The finalization mix: a bijection on 64-bit values with good avalanche. */
    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** The first 64-bit word ({@code h1}) of MurmurHash3_x64_128 of {@code data}. */
    static long hash128First64(byte[] data, long seed) {
        return hash128(data, seed)[0];
    }

    /** MurmurHash3_x64_128 of {@code data}: {@code {h1, h2}}. */
    static long[] hash128(byte[] data, long seed) {
        long h1 = seed;
        long h2 = seed;
        int blocks = data.length / 16;
        for (int i = 0; i < blocks; i++) {
            long k1 = littleEndianLong(data, i * 16);
            long k2 = littleEndianLong(data, i * 16 + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        int tailStart = blocks * 16;
        int tailLength = data.length - tailStart;
        long k1 = 0;
        long k2 = 0;
        for (int i = 0; i < tailLength; i++) {
            long b = data[tailStart + i] & 0xffL;
            if (i < 8) {
                k1 ^= b << (8 * i);
            } else {
                k2 ^= b << (8 * (i - 8));
            }
        }
        if (tailLength > 8) {
            h2 ^= mixK2(k2);
        }
        if (tailLength > 0) {
            h1 ^= mixK1(k1);
        }

        h1 ^= data.length;
        h2 ^= data.length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long mixK1(long k1) {
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        return k1 * C2;
    }

    private static long mixK2(long k2) {
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        return k2 * C1;
    }

    private static long littleEndianLong(byte[] data, int offset) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (data[offset + i] & 0xffL);
        }
        return v;
    }
}
