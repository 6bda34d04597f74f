package io.shardgate.proxy.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The client drivers and modes the proxy is tested with. */
enum Client {
    /** Connector/J with COM_STMT_PREPARE / COM_STMT_EXECUTE and binary result rows. */
    MYSQL_SERVER_PREPARED("jdbc:mysql://127.0.0.1:%d/%s?user=root&password=&sslMode=DISABLED"
            + "&useServerPrepStmts=true&cachePrepStmts=false"),
    /** Connector/J inlining parameters into COM_QUERY text; text result rows. */
    MYSQL_CLIENT_PREPARED("jdbc:mysql://127.0.0.1:%d/%s?user=root&password=&sslMode=DISABLED"
            + "&useServerPrepStmts=false"),
    /** MariaDB Connector/J in its default (client-side prepared) mode. */
    MARIADB("jdbc:mariadb://127.0.0.1:%d/%s?user=root&password="),
    /** MariaDB Connector/J with server-side prepared statements. */
    MARIADB_SERVER_PREPARED("jdbc:mariadb://127.0.0.1:%d/%s?user=root&password=&useServerPrepStmts=true");

    private final String urlPattern;

    Client(String urlPattern) {
        this.urlPattern = urlPattern;
    }

    String url(int port, String schema) {
        return urlPattern.formatted(port, schema);
    }

    Connection connect(int port) throws SQLException {
        return DriverManager.getConnection(url(port, "shardgate"));
    }
}
