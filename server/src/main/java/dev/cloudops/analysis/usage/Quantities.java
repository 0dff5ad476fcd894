package dev.cloudops.analysis.usage;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/**
 * Kubernetes resource quantities ({@code 250m}, {@code 1.5}, {@code 128Mi}, {@code 1e3}, {@code 12345678n}) as
 * numbers, parsed by fabric8's {@link Quantity}: CPU in cores, memory in bytes.
 */
public final class Quantities {

    public static final double GIB = 1024d * 1024 * 1024;
    public static final double MIB = 1024d * 1024;

    private Quantities() {}

    /** The amount of a quantity in its base unit (cores, bytes), or null when absent or not a quantity. */
    public static Double amount(Object quantity) {
        if (quantity == null) {
            return null;
        }
        String text = quantity.toString().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            BigDecimal amount = Quantity.getAmountInBytes(Quantity.parse(text));
            return amount.signum() < 0 ? null : amount.doubleValue();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** CPU for people: {@code 250m}, {@code 2}, {@code 1.5}. */
    public static String cpu(double cores) {
        long milli = Math.round(cores * 1000);
        if (milli % 1000 == 0) {
            return Long.toString(milli / 1000);
        }
        return milli + "m";
    }

    /** Memory for people and for manifests: {@code 96Mi}, {@code 2Gi}, rounded up to a whole MiB. */
    public static String memory(double bytes) {
        long mib = (long) Math.ceil(bytes / MIB);
        if (mib >= 1024 && mib % 1024 == 0) {
            return mib / 1024 + "Gi";
        }
        return mib + "Mi";
    }
}
