package io.shardgate.proxy.passthrough;

/** The client end of a pass-through exchange, on the event loop: where answers go and how the command ends. */
public interface ClientSide {

    /** Queues bytes for the client (whole packets, headers included); nothing is sent before {@link #flush}. */
    void write(byte[] bytes, int offset, int length);

    /**
     * Sends what is queued as far as the socket takes it. False when some is left: the client is slow, and
     * {@code whenDrained} runs once it has all been sent.
     */
    boolean flush(Runnable whenDrained);

    /** The command is answered; the client's next command may start. */
    void finished();

    /** The pass-through gives the command up before answering any of it: the engine runs it instead. */
    void fallBack(byte[] command);
}
