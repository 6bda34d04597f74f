package io.shardgate.reshard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"[not available yet] Abandons a workflow before cutover and drops the "
                + "target tables it created.",
                "NOT AVAILABLE in this build: exits 3 without touching anything. docs/resharding.md describes the "
                        + "intended design."})
public final class CancelCommand implements Callable<Integer> {
    @Option(names = "--workflow", paramLabel = "NAME", description = "The workflow.")
    String workflow;

    @Override
    public Integer call() {
        throw NotAvailable.command("cancel");
    }
}
