package io.shardgate.proxy.codec;

import java.io.IOException;

/**
 * One client's packet stream in both directions with the shared sequence id. A command resets the sequence;
 * every packet the server writes in reply, and any further packet the client sends in the same exchange (the
 * authentication dialogue), continues it.
 */
public final class PacketChannel {
    private PacketReader reader;
    private PacketWriter writer;
    private final Sequence sequence = new Sequence();

    public PacketChannel(PacketReader reader, PacketWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /** Starts a new exchange with the client's command; null when the client closed the connection. */
    public byte[] readCommand() throws IOException {
        sequence.reset();
        return reader.read(sequence);
    }

    /**
     * Starts a new exchange with a command that arrived by other means (an event loop read it): replies continue
     * the sequence after the command's last chunk.
     */
    public void commandArrived(int payloadLength) {
        sequence.reset();
        for (int chunks = payloadLength / PacketReader.MAX_CHUNK + 1; chunks > 0; chunks--) {
            sequence.next();
        }
    }

    /** A further packet of the current exchange; null when the client closed the connection. */
    public byte[] read() throws IOException {
        return reader.read(sequence);
    }

    /**
     * Continues on other streams with the same sequence: after the switch to TLS, the client's next packet carries
     * on from its SSLRequest.
     */
    public void replaceStreams(PacketReader newReader, PacketWriter newWriter) {
        this.reader = newReader;
        this.writer = newWriter;
    }

    /** Starts an exchange the server opens (the handshake). */
    public void resetSequence() {
        sequence.reset();
    }

    public void write(byte[] payload) throws IOException {
        writer.write(payload, sequence);
    }

    public void write(byte[] payload, int offset, int length) throws IOException {
        writer.write(payload, offset, length, sequence);
    }

    public void flush() throws IOException {
        writer.flush();
    }
}
