package io.shardgate.proxy.codec;

/**
 * The packet sequence id of one exchange. Every command starts a new exchange at 0 (the client's command packet);
 * each packet, in either direction and including the parts of a split payload, takes the next id modulo 256.
 */
public final class Sequence {
    private int next;

    public void reset() {
        next = 0;
    }

    /** The id the next packet must carry, then advances. */
    public int next() {
        int id = next;
        next = (next + 1) & 0xFF;
        return id;
    }

    /** Checks an incoming packet's id and advances; a mismatch means the peer lost step with us. */
    public void expect(int actual) throws ProtocolException {
        int expected = next();
        if (actual != expected) {
            throw new ProtocolException(ProtocolException.PACKETS_OUT_OF_ORDER, "08S01",
                    "Got packets out of order: sequence id " + actual + ", expected " + expected);
        }
    }
}
