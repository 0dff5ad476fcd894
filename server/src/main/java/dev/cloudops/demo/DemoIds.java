package dev.cloudops.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Deterministic identifiers for the fixtures: the same key always yields the same hash, suffix or uid. */
final class DemoIds {

    /** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alike digits). */
    private static final char[] SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DemoIds() {}

    /** A well-mixed 64-bit hash of the key (FNV-1a followed by the SplitMix64 finaliser). */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The SplitMix64 finaliser: spreads every input bit over the whole output. */
    static long mix(long value) {
        long z = value + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A generated-name suffix such as {@code x2k9p}, as the ReplicaSet and Job controllers append. */
    static String suffix(String key, int length) {
        StringBuilder out = new StringBuilder(length);
        long seed = hash(key);
        long h = seed;
        for (int i = 0; i < length; i++) {
            if (i > 0 && i % 12 == 0) {
                h = mix(seed + i);
            }
            out.append(SUFFIX_ALPHABET[(int) Long.remainderUnsigned(h, SUFFIX_ALPHABET.length)]);
            h = Long.divideUnsigned(h, SUFFIX_ALPHABET.length);
        }
        return out.toString();
    }

    /** Lower-case hex digits of the key's hash, e.g. for event names ({@code pod.17f3a9c2d41b5e60}). */
    static String hex(String key, int length) {
        StringBuilder out = new StringBuilder(length);
        long seed = hash(key);
        long h = seed;
        for (int i = 0; i < length; i++) {
            if (i > 0 && i % 16 == 0) {
                h = mix(seed + i);
            }
            out.append(HEX[(int) (h & 0xf)]);
            h >>>= 4;
        }
        return out.toString();
    }

    /** A name-based UUID: stable across runs, distinct per key. */
    static String uid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** An RFC 3339 timestamp with second precision, as the API server writes them. */
    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
