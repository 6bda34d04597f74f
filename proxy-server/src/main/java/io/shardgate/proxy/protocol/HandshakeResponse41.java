package io.shardgate.proxy.protocol;

import io.shardgate.proxy.codec.ProtocolException;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's answer to the handshake: its capabilities, user, authentication response, optional initial
 * database, the authentication plugin it used and its connection attributes.
 *
 * @param database   the schema to start in, or null
 * @param authPlugin the plugin the auth response was computed with, or null when the client does not say
 */
public record HandshakeResponse41(int capabilities, int maxPacketSize, int collation, String user,
                                  byte[] authResponse, String database, String authPlugin,
                                  Map<String, String> attributes) {

    public HandshakeResponse41 {
        authResponse = authResponse.clone();
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    @Override
    public byte[] authResponse() {
        return authResponse.clone();
    }

    /** True for the short packet a client sends to ask for TLS before its real response. */
    public static boolean isSslRequest(byte[] payload) {
        return payload.length == 32 && (payload[1] & (Capabilities.SSL >>> 8)) != 0;
    }

    public static HandshakeResponse41 parse(byte[] payload) throws ProtocolException {
        PayloadReader in = new PayloadReader(payload);
        int capabilities = in.int4();
        if ((capabilities & Capabilities.PROTOCOL_41) == 0) {
            throw ProtocolException.malformed("the client does not speak protocol 4.1");
        }
        int maxPacket = in.int4();
        int collation = in.int1();
        in.skip(23);
        String user = in.nulString();
        byte[] auth;
        if ((capabilities & Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            auth = in.lenencBytes();
        } else if ((capabilities & Capabilities.SECURE_CONNECTION) != 0) {
            auth = in.bytes(in.int1());
        } else {
            auth = in.nulBytes();
        }
        String database = null;
        if ((capabilities & Capabilities.CONNECT_WITH_DB) != 0 && in.hasRemaining()) {
            database = in.nulString();
        }
        String plugin = null;
        if ((capabilities & Capabilities.PLUGIN_AUTH) != 0 && in.hasRemaining()) {
            plugin = in.nulString();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if ((capabilities & Capabilities.CONNECT_ATTRS) != 0 && in.hasRemaining()) {
            PayloadReader attrs = new PayloadReader(in.lenencBytes());
            while (attrs.hasRemaining()) {
                attributes.put(attrs.lenencString(), attrs.lenencString());
            }
        }
        return new HandshakeResponse41(capabilities, maxPacket, collation, user, auth,
                database == null || database.isEmpty() ? null : database, plugin, attributes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeResponse41 r && capabilities == r.capabilities && user.equals(r.user)
                && Arrays.equals(authResponse, r.authResponse) && java.util.Objects.equals(database, r.database)
                && java.util.Objects.equals(authPlugin, r.authPlugin) && attributes.equals(r.attributes)
                && maxPacketSize == r.maxPacketSize && collation == r.collation;
    }

    @Override
    public int hashCode() {
        return user.hashCode() * 31 + capabilities;
    }

    @Override
    public String toString() {
        return "HandshakeResponse41[user=" + user + ", database=" + database + ", plugin=" + authPlugin + "]";
    }
}
