package dev.cloudops.platform.security;

/** Platform roles, each including the rights of the ones before it. */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }
}
