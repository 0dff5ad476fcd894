package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;

/** The size bounds of a node group: {@code 0 <= min <= desired <= max}, {@code max >= 1}. */
public record NodeGroupScaling(Integer minSize, Integer maxSize, Integer desiredSize) {

    /** Refuses incomplete or inconsistent sizes with {@code 400 invalid-scaling}, naming the field. */
    public NodeGroupScaling checked() {
        if (minSize == null || maxSize == null || desiredSize == null) {
            String field = minSize == null ? "minSize" : maxSize == null ? "maxSize" : "desiredSize";
            throw invalid(field + " is required", field);
        }
        if (minSize < 0) {
            throw invalid("minSize must not be negative", "minSize");
        }
        if (maxSize < 1) {
            throw invalid("maxSize must be at least 1", "maxSize");
        }
        if (minSize > maxSize) {
            throw invalid("minSize (" + minSize + ") is larger than maxSize (" + maxSize + ")", "minSize");
        }
        if (desiredSize < minSize || desiredSize > maxSize) {
            throw invalid(
                    "desiredSize (" + desiredSize + ") must lie between minSize (" + minSize + ") and maxSize ("
                            + maxSize + ")",
                    "desiredSize");
        }
        return this;
    }

    private static ApiException invalid(String detail, String field) {
        return ApiException.badRequest("invalid-scaling", detail, field);
    }
}
