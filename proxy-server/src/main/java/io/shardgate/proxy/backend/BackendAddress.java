package io.shardgate.proxy.backend;

import io.shardgate.config.EndpointConfig;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where and as whom the pass-through opens its own native protocol connection to a shard. Only derived from plain
 * single-host MariaDB/MySQL JDBC URLs whose options the pass-through honours as the JDBC driver would; for anything
 * else (another database, failover or load-balancing URLs, TLS, local sockets, session set-up done by the driver)
 * there is no address and the proxy keeps using JDBC for that endpoint.
 */
public record BackendAddress(String host, int port, String database, String user, String password) {
    public static final int DEFAULT_PORT = 3306;

    private static final String[] SCHEMES = {"jdbc:mariadb://", "jdbc:mysql://"};
    /** Boolean options that turn TLS on unless set to false. */
    private static final Set<String> TLS_SWITCHES = Set.of("usessl", "requiressl", "ssl");
    private static final Set<String> TLS_MODES = Set.of("sslmode");
    /** Local sockets and pipes: the pass-through speaks TCP only. */
    private static final Set<String> LOCAL_TRANSPORTS =
            Set.of("localsocket", "pipe", "namedpipepath", "socketfactory", "unixsocket", "socket");
    /**
     * Options whose effect the driver applies itself after connecting (session variables, start-up SQL) or that
     * would override the endpoint's credentials; a pass-through connection would silently differ.
     */
    private static final Set<String> DRIVER_SESSION_SETUP = Set.of("sessionvariables", "initsql", "user", "password");

    public BackendAddress {
        database = database == null ? "" : database;
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The endpoint's native protocol address, or empty when the pass-through must not replace its JDBC driver. */
    public static Optional<BackendAddress> of(EndpointConfig endpoint) {
        String url = endpoint.url();
        if (url == null) {
            return Optional.empty();
        }
        String rest = null;
        for (String scheme : SCHEMES) {
            if (url.regionMatches(true, 0, scheme, 0, scheme.length())) {
                rest = url.substring(scheme.length());
            }
        }
        if (rest == null) {
            return Optional.empty();
        }
        int query = rest.indexOf('?');
        String options = query < 0 ? "" : rest.substring(query + 1);
        String hostAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = hostAndPath.indexOf('/');
        String authority = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String path = slash < 0 ? "" : hostAndPath.substring(slash + 1);
        if (!optionsAllowed(options)) {
            return Optional.empty();
        }
        Optional<String> database = percentDecode(path).filter(name -> !name.contains("/"));
        if (database.isEmpty()) {
            return Optional.empty();
        }
        return hostAndPort(authority).map(hp -> new BackendAddress(
                hp.host, hp.port, database.get(), endpoint.user(), endpoint.password()));
    }

    private record HostAndPort(String host, int port) {
    }

    /** One host: a name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
    private static Optional<HostAndPort> hostAndPort(String authority) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!host.matches("[0-9A-Fa-f:.]+") || !host.contains(":")
                    || !(after.isEmpty() || after.startsWith(":"))) {
                return Optional.empty();
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            // Anything else (a comma list, user@host, address=(...) forms, bare IPv6) fails this pattern.
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
            if (!host.matches("[A-Za-z0-9_.-]+")) {
                return Optional.empty();
            }
        }
        if (port == null) {
            return Optional.of(new HostAndPort(host, DEFAULT_PORT));
        }
        if (!port.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int number = Integer.parseInt(port);
        return number < 1 || number > 65535 ? Optional.empty() : Optional.of(new HostAndPort(host, number));
    }

    private static boolean optionsAllowed(String options) {
        for (String option : options.split("&")) {
            if (option.isEmpty()) {
                continue;
            }
            int equals = option.indexOf('=');
            String key = (equals < 0 ? option : option.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = (equals < 0 ? "" : option.substring(equals + 1)).toLowerCase(Locale.ROOT);
            if (LOCAL_TRANSPORTS.contains(key) || DRIVER_SESSION_SETUP.contains(key)) {
                return false;
            }
            if (TLS_SWITCHES.contains(key) && !Set.of("false", "no", "0").contains(value)) {
                return false;
            }
            if (TLS_MODES.contains(key) && !Set.of("disable", "disabled").contains(value)) {
                return false;
            }
        }
        return true;
    }

    /** %XX escapes as UTF-8; '+' stays itself, as in a URL path. Empty for a malformed escape or invalid UTF-8. */
    private static Optional<String> percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int escape = text.indexOf('%', i);
            if (escape < 0) {
                escape = text.length();
            }
            bytes.writeBytes(text.substring(i, escape).getBytes(StandardCharsets.UTF_8));
            if (escape == text.length()) {
                break;
            }
            int high = escape + 1 < text.length() ? Character.digit(text.charAt(escape + 1), 16) : -1;
            int low = escape + 2 < text.length() ? Character.digit(text.charAt(escape + 2), 16) : -1;
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high << 4 | low);
            i = escape + 3;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        // never print the password
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return user + "@" + shownHost + ":" + port + "/" + database;
    }
}
