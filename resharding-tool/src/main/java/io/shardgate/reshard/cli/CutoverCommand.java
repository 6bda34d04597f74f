package io.shardgate.reshard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "cutover", mixinStandardHelpOptions = true,
        description = {"[not available yet] Switches the routers to the target rules: holds "
                + "writes to the moving tables, waits for the stream to drain, publishes "
                + "the new rules version, fences the old tables, releases the writes.",
                "NOT AVAILABLE in this build: exits 3 without touching anything. docs/resharding.md describes the "
                        + "intended design."})
public final class CutoverCommand implements Callable<Integer> {
    @Option(names = "--workflow", paramLabel = "NAME", description = "The workflow.")
    String workflow;

    @Override
    public Integer call() {
        throw NotAvailable.command("cutover");
    }
}
