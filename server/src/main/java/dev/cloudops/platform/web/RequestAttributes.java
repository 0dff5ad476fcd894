package dev.cloudops.platform.web;

/** Names of request attributes that filters hand to each other. */
public final class RequestAttributes {

    /** The authenticated caller's user name, set by the bearer-token filter, read by the audit filter. */
    public static final String CALLER = "dev.cloudops.caller";

    private RequestAttributes() {}
}
