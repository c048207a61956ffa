package com.acmebank.triggers.policy;

import java.nio.charset.StandardCharsets;

/**
 * A fixed 64-bit hash (FNV-1a with the MurmurHash3 finalizer) for assignments that must be the same on every
 * run, machine and JVM: holdout groups and A/B variants. String.hashCode is not used: too weak for shares.
 */
public final class StableHash {
    private StableHash() {}

    public static long of(String... parts) {
        long h = 0xcbf29ce484222325L;
        for (String part : parts) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            h ^= 0x1f;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** A uniform bucket in [0, buckets). */
    public static long bucket(long buckets, String... parts) {
        return Long.remainderUnsigned(of(parts), buckets);
    }
}
