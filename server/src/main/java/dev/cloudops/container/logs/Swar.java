package dev.cloudops.container.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in a byte array eight bytes at a time ("SIMD within a register"): each step reads a little-endian
 * long and tests all its bytes at once for the one sought, so scanning a log for line ends or for a literal's first
 * byte takes an eighth of the steps of a byte loop.
 */
final class Swar {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Swar() {}

    /**
     * The first index in {@code [from, to)} whose byte, with the bits of {@code fold} set, equals {@code value}; -1
     * when there is none. {@code fold} is 0 for an exact search, 0x20 to find an ASCII letter in either case (other
     * bytes may then be reported too; callers compare what they find).
     */
    static int indexOf(byte[] bytes, int from, int to, byte value, byte fold) {
        long pattern = ONES * (value & 0xff);
        long folds = ONES * (fold & 0xff);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (((long) LONGS.get(bytes, i)) | folds) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                // the lowest flagged byte is exact: borrows only run towards higher bytes
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if ((byte) (bytes[i] | fold) == value) {
                return i;
            }
        }
        return -1;
    }
}
