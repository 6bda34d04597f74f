package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.ReshardException;

/** Workflow names: short enough for MariaDB lock names, safe in messages and file names. */
final class WorkflowName {
    private WorkflowName() {
    }

    static String check(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,48}")) {
            throw new ReshardException(ExitCode.USAGE, "workflow name must be 1-48 letters, digits, '_' or '-': "
                    + name);
        }
        return name;
    }
}
