package io.shardgate.proxy.session;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * The system variables the proxy answers itself. Clients read a handful on connect ({@code @@max_allowed_packet},
 * character sets, time zone, isolation) and the shards cannot answer for the proxy: their values describe a pooled
 * backend connection, not this client's session. Values are Long or String, as MySQL types them.
 *
 * <p>Only variables that concern this client connection itself may be changed (character sets, which must stay
 * UTF-8, timeouts, session tracking): anything that would change how the shards execute SQL cannot be carried to
 * their pooled connections and is refused by {@link SetStatement}, unless it sets the value it already has.
 */
public final class SessionVariables {
    /** Variables a client may change for itself without changing what the shards do. */
    static final Set<String> CLIENT_SIDE = Set.of("character_set_client", "character_set_connection",
            "character_set_results", "collation_connection", "net_read_timeout", "net_write_timeout",
            "wait_timeout", "interactive_timeout", "net_buffer_length", "session_track_schema",
            "session_track_state_change", "session_track_system_variables", "session_track_transaction_info");

    private final Map<String, Object> defaults;
    private final Map<String, Object> values = new TreeMap<>();

    public SessionVariables(ProxyContext context) {
        this.defaults = defaults(context);
        values.putAll(defaults);
    }

    private static Map<String, Object> defaults(ProxyContext context) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("auto_increment_increment", 1L);
        d.put("auto_increment_offset", 1L);
        for (String role : new String[] {"client", "connection", "database", "results", "server"}) {
            d.put("character_set_" + role, "utf8mb4");
        }
        d.put("character_set_system", "utf8mb3");
        for (String role : new String[] {"connection", "database", "server"}) {
            d.put("collation_" + role, "utf8mb4_general_ci");
        }
        d.put("default_storage_engine", "InnoDB");
        d.put("error_count", 0L);
        d.put("have_ssl", "DISABLED");
        d.put("init_connect", "");
        d.put("interactive_timeout", context.idleTimeout().toSeconds());
        d.put("license", "GPL");
        d.put("lower_case_table_names", 0L);
        d.put("max_allowed_packet", (long) context.maxPacket());
        d.put("net_buffer_length", 16384L);
        d.put("net_read_timeout", 30L);
        d.put("net_write_timeout", 60L);
        d.put("performance_schema", 0L);
        d.put("protocol_version", 10L);
        d.put("query_cache_size", 0L);
        d.put("query_cache_type", "OFF");
        d.put("session_track_schema", 0L);
        d.put("session_track_state_change", 0L);
        d.put("session_track_system_variables", "");
        d.put("session_track_transaction_info", "OFF");
        d.put("sql_auto_is_null", 0L);
        d.put("sql_mode", "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,"
                + "NO_ENGINE_SUBSTITUTION" + (context.noBackslashEscapes() ? ",NO_BACKSLASH_ESCAPES" : ""));
        d.put("sql_select_limit", "18446744073709551615");
        d.put("system_time_zone", TimeZone.getDefault().getID());
        d.put("time_zone", "SYSTEM");
        d.put("transaction_isolation", "REPEATABLE-READ");
        d.put("transaction_read_only", 0L);
        d.put("tx_isolation", "REPEATABLE-READ");
        d.put("tx_read_only", 0L);
        d.put("version", context.serverVersion());
        d.put("version_comment", "Shardgate proxy");
        d.put("version_compile_os", "Linux");
        d.put("wait_timeout", context.idleTimeout().toSeconds());
        d.put("warning_count", 0L);
        return Map.copyOf(d);
    }

    /** True for a variable this proxy knows (autocommit and the identity pseudo-variables included). */
    public boolean exists(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return values.containsKey(key) || key.equals("autocommit") || key.equals("last_insert_id")
                || key.equals("identity");
    }

    /** The session value; autocommit and last_insert_id come from the session, not from this map. */
    public Object get(String name) {
        return values.get(name.toLowerCase(Locale.ROOT));
    }

    /** All variables for {@code SHOW VARIABLES}, sorted by name. */
    public Map<String, Object> all() {
        return new TreeMap<>(values);
    }

    public boolean isClientSide(String name) {
        return CLIENT_SIDE.contains(name.toLowerCase(Locale.ROOT));
    }

    public void set(String name, Object value) {
        values.put(name.toLowerCase(Locale.ROOT), value);
    }

    public void setDefault(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        values.put(key, defaults.get(key));
    }

    /** Back to the connection's initial values (COM_RESET_CONNECTION, COM_CHANGE_USER). */
    public void reset() {
        values.clear();
        values.putAll(defaults);
    }
}
