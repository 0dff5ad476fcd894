package dev.cloudops.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Summary statistics of a sample of durations in milliseconds; percentiles use the nearest-rank method (the
 * p-th percentile is the smallest value with at least p % of the sample at or below it).
 */
public record Percentiles(int n, double min, double p50, double p90, double p99, double max, double mean) {

    public static Percentiles of(List<Double> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted =
                millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Percentiles(
                sorted.length,
                sorted[0],
                rank(sorted, 50),
                rank(sorted, 90),
                rank(sorted, 99),
                sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElseThrow());
    }

    /** The nearest-rank percentile {@code p} (0 < p ≤ 100) of an ascending array. */
    static double rank(double[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]");
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
