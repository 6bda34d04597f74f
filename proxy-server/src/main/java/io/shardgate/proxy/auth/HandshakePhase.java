package io.shardgate.proxy.auth;

import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.AuthSwitchRequest;
import io.shardgate.proxy.protocol.Capabilities;
import io.shardgate.proxy.protocol.Collations;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.HandshakeResponse41;
import io.shardgate.proxy.protocol.HandshakeV10;
import io.shardgate.proxy.protocol.OkPacket;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The connection phase, before any command: greeting, the client's response, an authentication switch when the
 * client answered with another plugin, the password check and the initial database. Ends with OK, or with an ERR
 * after which the caller closes the connection.
 */
public final class HandshakePhase {
    /** ER_ACCESS_DENIED_ERROR. */
    static final int ACCESS_DENIED = 1045;
    /** ER_BAD_DB_ERROR. */
    public static final int UNKNOWN_DATABASE = 1049;

    /** Who connected and where it starts ({@code database} null when the client named none). */
    public record Client(String user, String host, String database) {
    }

    private final String serverVersion;
    private final UserStore users;
    private final Predicate<String> databaseExists;
    private final int status;

    /** {@code status}: the server status flags of a new session, announced in the greeting and the final OK. */
    public HandshakePhase(String serverVersion, UserStore users, Predicate<String> databaseExists, int status) {
        this.serverVersion = serverVersion;
        this.users = users;
        this.databaseExists = databaseExists;
        this.status = status;
    }

    /**
     * Runs the exchange; empty when the client went away or was refused (it has been sent the reason).
     *
     * @throws ProtocolException for a malformed response; the caller reports it and closes
     */
    public Optional<Client> run(PacketChannel channel, int connectionId, String host) throws IOException {
        byte[] scramble = NativePassword.newScramble();
        channel.resetSequence();
        channel.write(new HandshakeV10(serverVersion, connectionId, scramble, Capabilities.SERVER,
                Collations.UTF8MB4_GENERAL_CI, status, NativePassword.PLUGIN).encode());
        channel.flush();
        byte[] payload = channel.read();
        if (payload == null) {
            return Optional.empty();
        }
        if (HandshakeResponse41.isSslRequest(payload)) {
            throw new ProtocolException(ProtocolException.MALFORMED_PACKET, "08S01",
                    "TLS was requested but this proxy does not offer it; connect without SSL");
        }
        HandshakeResponse41 response = HandshakeResponse41.parse(payload);
        byte[] authResponse = response.authResponse();
        if (response.authPlugin() != null && !response.authPlugin().equals(NativePassword.PLUGIN)) {
            channel.write(new AuthSwitchRequest(NativePassword.PLUGIN, scramble).encode());
            channel.flush();
            authResponse = channel.read();
            if (authResponse == null) {
                return Optional.empty();
            }
        }
        Optional<byte[]> stored = users.hash(response.user());
        if (stored.isEmpty() || !NativePassword.verify(scramble, authResponse, stored.get())) {
            refuse(channel, new ErrPacket(ACCESS_DENIED, "28000", "Access denied for user '" + response.user()
                    + "'@'" + host + "' (using password: " + (authResponse.length > 0 ? "YES" : "NO") + ")"));
            return Optional.empty();
        }
        String database = response.database();
        if (database != null && !databaseExists.test(database)) {
            refuse(channel, new ErrPacket(UNKNOWN_DATABASE, "42000", "Unknown database '" + database + "'"));
            return Optional.empty();
        }
        channel.write(OkPacket.of(status).encode());
        channel.flush();
        return Optional.of(new Client(response.user(), host, database));
    }

    private static void refuse(PacketChannel channel, ErrPacket error) throws IOException {
        channel.write(error.encode());
        channel.flush();
    }
}
