package io.shardgate.reshard;

/** A failure the command line reports as one message and maps to an {@link ExitCode}. */
public class ReshardException extends RuntimeException {
    private final int exitCode;

    public ReshardException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ReshardException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Not possible in the workflow's current state. */
    public static ReshardException notPossible(String message) {
        return new ReshardException(ExitCode.NOT_POSSIBLE, message);
    }

    /** The command ran and failed. */
    public static ReshardException failed(String message, Throwable cause) {
        return new ReshardException(ExitCode.FAILED, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
