package dev.cloudops.cli.core;

import java.net.URI;

/** No HTTP answer at all: connection refused, unknown host, TLS failure or timeout. */
public final class ServerUnreachableException extends CliException {
    private static final long serialVersionUID = 1L;

    /** {@code reason} is a short phrase such as "connection refused". */
    public ServerUnreachableException(URI server, String reason, Throwable cause) {
        super("cannot connect to server " + server + ": " + reason, ExitCode.UNREACHABLE, cause);
    }
}
