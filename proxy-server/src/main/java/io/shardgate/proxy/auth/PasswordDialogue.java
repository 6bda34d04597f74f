package io.shardgate.proxy.auth;

import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.protocol.AuthMoreData;
import io.shardgate.proxy.protocol.AuthSwitchRequest;
import io.shardgate.proxy.protocol.Capabilities;
import io.shardgate.proxy.protocol.HandshakeResponse41;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The password check of one connection, from the client's handshake response to the verdict. The client answered
 * in some plugin; if the user's stored verifiers cannot check that plugin's answer, the client is asked once to
 * switch. caching_sha2_password then takes its fast path against a {@code sha2:} verifier, or its full
 * authentication when only a PBKDF2 hash is stored: the password itself, in clear over TLS, RSA-encrypted
 * otherwise. Writes everything up to the final OK or ERR, which the caller sends.
 */
final class PasswordDialogue {
    enum Outcome { ACCEPTED, REFUSED, CLIENT_GONE }

    private final ClientLink link;
    private final byte[] nonce;
    private final RsaKeyPair rsaKey;
    private final String greetingPlugin;
    private boolean passwordGiven;

    PasswordDialogue(ClientLink link, byte[] nonce, RsaKeyPair rsaKey, String greetingPlugin) {
        this.link = link;
        this.nonce = nonce;
        this.rsaKey = rsaKey;
        this.greetingPlugin = greetingPlugin;
    }

    /** Whether the client sent a non-empty answer, for MySQL's "(using password: YES)". */
    boolean passwordGiven() {
        return passwordGiven;
    }

    /** {@code credentials} null for an unknown user, whose dialogue runs as far as the client's answer and fails. */
    Outcome run(HandshakeResponse41 response, Credentials credentials) throws IOException {
        // a client without plugin support answers in the 4.1 scramble, which is mysql_native_password
        String plugin = response.authPlugin() == null ? NativePassword.PLUGIN : response.authPlugin();
        byte[] answer = response.authResponse();
        if (!checks(credentials, plugin)) {
            if ((response.capabilities() & Capabilities.PLUGIN_AUTH) == 0) {
                return Outcome.REFUSED;
            }
            plugin = credentials == null || credentials.noPassword() ? greetingPlugin : credentials.preferredPlugin();
            channel().write(new AuthSwitchRequest(plugin, nonce).encode());
            channel().flush();
            answer = channel().read();
            if (answer == null) {
                return Outcome.CLIENT_GONE;
            }
        }
        passwordGiven = !isEmpty(answer);
        if (credentials == null) {
            return Outcome.REFUSED;
        }
        return plugin.equals(NativePassword.PLUGIN) ? nativePassword(answer, credentials)
                : cachingSha2(answer, credentials);
    }

    /**
     * Whether the stored verifiers can check an answer in {@code plugin}. Without a password (or without a user)
     * both plugins can: the answer alone decides.
     */
    private static boolean checks(Credentials credentials, String plugin) {
        boolean any = credentials == null || credentials.noPassword();
        return switch (plugin) {
            case NativePassword.PLUGIN -> any || credentials.nativeHash() != null;
            case CachingSha2Password.PLUGIN -> any || credentials.preferredPlugin().equals(CachingSha2Password.PLUGIN);
            default -> false;
        };
    }

    private Outcome nativePassword(byte[] answer, Credentials credentials) {
        boolean proved = credentials.noPassword() ? isEmpty(answer)
                : NativePassword.verify(nonce, answer, credentials.nativeHash());
        return proved ? Outcome.ACCEPTED : Outcome.REFUSED;
    }

    private Outcome cachingSha2(byte[] answer, Credentials credentials) throws IOException {
        if (isEmpty(answer)) {
            // MySQL answers an empty password with OK at once, and clients expect no fast-auth status before it
            return credentials.noPassword() ? Outcome.ACCEPTED : Outcome.REFUSED;
        }
        byte[] verifier = credentials.noPassword() ? CachingSha2Password.verifier(new byte[0]) : credentials.sha2();
        if (verifier == null) {
            return fullAuthentication(credentials);
        }
        if (!CachingSha2Password.verify(nonce, answer, verifier)) {
            return Outcome.REFUSED;
        }
        channel().write(AuthMoreData.status(CachingSha2Password.FAST_AUTH_SUCCESS).encode());
        return Outcome.ACCEPTED;
    }

    private Outcome fullAuthentication(Credentials credentials) throws IOException {
        channel().write(AuthMoreData.status(CachingSha2Password.PERFORM_FULL_AUTHENTICATION).encode());
        channel().flush();
        byte[] packet = channel().read();
        if (packet == null) {
            return Outcome.CLIENT_GONE;
        }
        byte[] password;
        if (link.secure()) {
            password = withoutNul(packet);
        } else {
            if (packet.length == 1 && packet[0] == CachingSha2Password.REQUEST_PUBLIC_KEY) {
                channel().write(new AuthMoreData(rsaKey.publicKeyPem().getBytes(StandardCharsets.US_ASCII)).encode());
                channel().flush();
                packet = channel().read();
                if (packet == null) {
                    return Outcome.CLIENT_GONE;
                }
            }
            // without TLS only an RSA ciphertext is taken: a password in clear would have crossed the network
            password = decrypt(packet);
            if (password == null) {
                return Outcome.REFUSED;
            }
        }
        return credentials.matchesCleartext(password) ? Outcome.ACCEPTED : Outcome.REFUSED;
    }

    /** The password from RSA-OAEP(password + NUL XOR nonce); null when the packet is no such ciphertext. */
    private byte[] decrypt(byte[] ciphertext) {
        if (ciphertext.length != rsaKey.ciphertextLength()) {
            return null;
        }
        byte[] plain;
        try {
            plain = rsaKey.decrypt(ciphertext);
        } catch (GeneralSecurityException e) {
            return null;
        }
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= nonce[i % nonce.length];
        }
        return withoutNul(plain);
    }

    private static byte[] withoutNul(byte[] password) {
        int length = password.length;
        if (length > 0 && password[length - 1] == 0) {
            length--;
        }
        return Arrays.copyOf(password, length);
    }

    /** Clients send a lone NUL for an empty password as often as nothing at all. */
    private static boolean isEmpty(byte[] answer) {
        return answer.length == 0 || answer.length == 1 && answer[0] == 0;
    }

    private PacketChannel channel() {
        return link.channel();
    }
}
