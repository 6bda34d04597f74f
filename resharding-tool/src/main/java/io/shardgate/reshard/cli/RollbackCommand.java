package io.shardgate.reshard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"[not available yet] After a cutover, switches back to the old layout, "
                + "which a reverse stream has kept current.",
                "NOT AVAILABLE in this build: exits 3 without touching anything. docs/resharding.md describes the "
                        + "intended design."})
public final class RollbackCommand implements Callable<Integer> {
    @Option(names = "--workflow", paramLabel = "NAME", description = "The workflow.")
    String workflow;

    @Override
    public Integer call() {
        throw NotAvailable.command("rollback");
    }
}
