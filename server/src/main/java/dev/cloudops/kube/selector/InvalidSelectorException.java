package dev.cloudops.kube.selector;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A label or field selector that kube-apiserver would reject. The message follows apimachinery's wording (for
 * example {@code unable to parse requirement: found '', expected: identifier}); {@link #position()} and {@link
 * #token()} point at the offending part of the input when it is known.
 */
public final class InvalidSelectorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String token;

    InvalidSelectorException(String message, int position, String token) {
        super(message);
        this.position = position;
        this.token = token;
    }

    /** A copy whose message is prefixed and whose position is set where this one has none. */
    InvalidSelectorException withPrefix(String prefix, int fallbackPosition) {
        return new InvalidSelectorException(prefix + getMessage(), position >= 0 ? position : fallbackPosition, token);
    }

    /**
     * The zero-based character offset in the selector string where the problem was found: the offending token, or
     * for an invalid key the key, or for an invalid value the start of its requirement. Equal to the input's length
     * when the input ended too early; empty for selectors built from structured input ({@link
     * LabelSelector#fromMatch}).
     */
    public OptionalInt position() {
        return position >= 0 ? OptionalInt.of(position) : OptionalInt.empty();
    }

    /** The offending token, key or value as written (empty string for "end of string"), when known. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }
}
