package io.shardgate.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: one-column queries and checks that a server left nothing behind. */
final class Sql {
    private Sql() {
    }

    static List<String> column(DatabaseServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connection(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    static boolean acceptsTcp(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(DatabaseServer.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first line of a pid file (mariadbd.pid, postmaster.pid). */
    static long pidFrom(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    static boolean processAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
