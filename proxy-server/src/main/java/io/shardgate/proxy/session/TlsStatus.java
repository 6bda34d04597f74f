package io.shardgate.proxy.session;

/**
 * The TLS state of a client's connection as MySQL reports it in {@code Ssl_version} and {@code Ssl_cipher}: the
 * negotiated protocol and cipher suite, or empty strings for a plain connection.
 */
public record TlsStatus(String version, String cipher) {
    public static final TlsStatus NONE = new TlsStatus("", "");
}
