package io.shardgate.proxy.auth;

import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.codec.ProtocolException;
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
 * The connection phase, before any command: greeting, the switch to TLS when the client asks for it, the client's
 * response, the password dialogue ({@link PasswordDialogue}) and the initial database. Ends with OK, or with an
 * ERR after which the caller closes the connection.
 */
public final class HandshakePhase {
    /** ER_ACCESS_DENIED_ERROR. */
    static final int ACCESS_DENIED = 1045;
    /** ER_BAD_DB_ERROR. */
    public static final int UNKNOWN_DATABASE = 1049;
    /** ER_SECURE_TRANSPORT_REQUIRED. */
    static final int SECURE_TRANSPORT_REQUIRED = 3159;

    /**
     * Who connected and where it starts ({@code database} null when the client named none), and whether it enabled
     * multi-statements (CLIENT_MULTI_STATEMENTS).
     */
    public record Client(String user, String host, String database, boolean multiStatements) {
    }

    private final String serverVersion;
    private final UserStore users;
    private final String greetingPlugin;
    private final RsaKeyPair rsaKey;
    private final boolean requireTls;
    private final Predicate<String> databaseExists;
    private final int status;

    /**
     * @param rsaKey     the key of caching_sha2_password's RSA exchange
     * @param requireTls refuse clients that do not switch to TLS
     * @param status     the server status flags of a new session, announced in the greeting and the final OK
     */
    public HandshakePhase(String serverVersion, UserStore users, RsaKeyPair rsaKey, boolean requireTls,
                          Predicate<String> databaseExists, int status) {
        this.serverVersion = serverVersion;
        this.users = users;
        this.greetingPlugin = users.greetingPlugin();
        this.rsaKey = rsaKey;
        this.requireTls = requireTls;
        this.databaseExists = databaseExists;
        this.status = status;
    }

    /**
     * Runs the exchange; empty when the client went away or was refused (it has been sent the reason).
     *
     * @throws ProtocolException for a malformed response; the caller reports it and closes
     */
    public Optional<Client> run(ClientLink link, int connectionId, String host) throws IOException {
        byte[] nonce = NativePassword.newScramble();
        PacketChannel channel = link.channel();
        channel.resetSequence();
        int capabilities = Capabilities.SERVER | (link.tlsAvailable() ? Capabilities.SSL : 0);
        channel.write(new HandshakeV10(serverVersion, connectionId, nonce, capabilities,
                Collations.UTF8MB4_GENERAL_CI, status, greetingPlugin).encode());
        channel.flush();
        byte[] payload = channel.read();
        if (payload == null) {
            return Optional.empty();
        }
        if (HandshakeResponse41.isSslRequest(payload)) {
            if (!link.tlsAvailable()) {
                throw new ProtocolException(ProtocolException.MALFORMED_PACKET, "08S01",
                        "TLS was requested but this proxy has no certificate; connect without SSL");
            }
            link.startTls();
            payload = channel.read();
            if (payload == null) {
                return Optional.empty();
            }
        } else if (requireTls) {
            refuse(channel, new ErrPacket(SECURE_TRANSPORT_REQUIRED, "HY000", "Connections using insecure "
                    + "transport are prohibited: this proxy requires TLS (--require-tls); connect with SSL"));
            return Optional.empty();
        }
        HandshakeResponse41 response = HandshakeResponse41.parse(payload);
        PasswordDialogue dialogue = new PasswordDialogue(link, nonce, rsaKey, greetingPlugin);
        switch (dialogue.run(response, users.credentials(response.user()).orElse(null))) {
            case CLIENT_GONE:
                return Optional.empty();
            case REFUSED:
                refuse(channel, new ErrPacket(ACCESS_DENIED, "28000", "Access denied for user '" + response.user()
                        + "'@'" + host + "' (using password: " + (dialogue.passwordGiven() ? "YES" : "NO") + ")"));
                return Optional.empty();
            default:
                break;
        }
        String database = response.database();
        if (database != null && !databaseExists.test(database)) {
            refuse(channel, new ErrPacket(UNKNOWN_DATABASE, "42000", "Unknown database '" + database + "'"));
            return Optional.empty();
        }
        channel.write(OkPacket.of(status).encode());
        channel.flush();
        return Optional.of(new Client(response.user(), host, database,
                (response.capabilities() & Capabilities.MULTI_STATEMENTS) != 0));
    }

    private static void refuse(PacketChannel channel, ErrPacket error) throws IOException {
        channel.write(error.encode());
        channel.flush();
    }
}
