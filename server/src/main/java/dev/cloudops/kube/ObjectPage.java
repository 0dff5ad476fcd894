package dev.cloudops.kube;

import java.util.List;
import java.util.Map;

/**
 * One page of objects as JSON-ready maps.
 *
 * @param continueToken pass back as {@code continue} for the next page; null on the last page
 * @param remainingItemCount how many objects follow, when the API server says
 */
public record ObjectPage(List<Map<String, Object>> items, String continueToken, Long remainingItemCount) {

    public ObjectPage {
        items = List.copyOf(items);
    }
}
