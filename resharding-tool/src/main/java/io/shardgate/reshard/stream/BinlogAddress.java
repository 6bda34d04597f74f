package io.shardgate.reshard.stream;

import io.shardgate.config.EndpointConfig;
import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.ReshardException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Host and port of a MariaDB/MySQL endpoint, from its JDBC URL, for the binlog connection. */
record BinlogAddress(String host, int port) {
    private static final Pattern URL = Pattern.compile("jdbc:(?:mariadb|mysql)://([^/:,?\\[\\]]+|\\[[^\\]]+\\])"
            + "(?::(\\d+))?(?:/.*)?");

    static BinlogAddress of(EndpointConfig endpoint) {
        Matcher m = URL.matcher(endpoint.url());
        if (!m.matches()) {
            throw new ReshardException(ExitCode.USAGE, endpoint.name() + ": the change stream needs a single-host "
                    + "jdbc:mariadb:// or jdbc:mysql:// URL, got " + endpoint.url());
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return new BinlogAddress(host, m.group(2) == null ? 3306 : Integer.parseInt(m.group(2)));
    }
}
