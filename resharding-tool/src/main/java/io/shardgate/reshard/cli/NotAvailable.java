package io.shardgate.reshard.cli;

import io.shardgate.reshard.ReshardException;

/** The refusal of workflow steps this build does not have yet; never a silent success. */
final class NotAvailable {
    private NotAvailable() {
    }

    static ReshardException command(String name) {
        return ReshardException.notPossible(name + " is not available in this build yet; nothing was changed. "
                + "Available: plan, start, status, verify (see docs/resharding.md)");
    }
}
