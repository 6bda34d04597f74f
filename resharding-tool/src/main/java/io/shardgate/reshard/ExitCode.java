package io.shardgate.reshard;

/** Process exit codes scripts can rely on; docs/resharding.md lists them. */
public final class ExitCode {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The command ran and failed: a database error, a refused plan, or a verification mismatch. */
    public static final int FAILED = 1;
    /** Wrong options or an unusable configuration file; nothing was done. */
    public static final int USAGE = 2;
    /** Not possible in the workflow's current state, or a precondition is missing; nothing was done. */
    public static final int NOT_POSSIBLE = 3;

    private ExitCode() {
    }
}
