package io.shardgate.proxy.auth;

import io.shardgate.proxy.codec.PacketChannel;

import java.io.IOException;

/** A client's connection as the handshake needs it: its packets, and the switch to TLS when the proxy offers it. */
public interface ClientLink {
    PacketChannel channel();

    /** True when the proxy has a certificate, so the greeting announces CLIENT_SSL. */
    boolean tlsAvailable();

    /**
     * Runs the TLS handshake over the connection after the client's SSLRequest; {@link #channel()} then carries on
     * the same exchange (same sequence ids) encrypted.
     */
    void startTls() throws IOException;

    /** True once TLS is established. */
    boolean secure();
}
