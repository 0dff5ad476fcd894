package dev.cloudops.platform.store;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** A real database server of this machine, with a throw-away schema per test run. */
final class ExternalDatabase {

    private ExternalDatabase() {}

    static boolean reachable(String name, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            System.err.println(
                    "SKIPPED: " + name + " is not reachable on 127.0.0.1:" + port + "; its store tests do not run");
            return false;
        }
    }

    static String freshName() {
        return "cloudops_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static void execute(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
