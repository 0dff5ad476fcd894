package dev.cloudops.platform.store;

import org.springframework.jdbc.support.KeyHolder;

/** Reads the id a database generated for an inserted row. */
public final class GeneratedKeys {

    private GeneratedKeys() {}

    public static long id(KeyHolder keys) {
        Number id = keys.getKeyAs(Number.class);
        if (id == null) {
            throw new IllegalStateException("The database returned no generated id");
        }
        return id.longValue();
    }
}
