package io.shardgate.testing;

/**
 * Raised when the harness cannot start, reach or stop a database server. Unchecked so that servers can be
 * started from static initializers and {@code @BeforeAll} methods without ceremony.
 */
public class HarnessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HarnessException(String message) {
        super(message);
    }

    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
