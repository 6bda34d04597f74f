package io.shardgate.reshard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "complete", mixinStandardHelpOptions = true,
        description = {"[not available yet] After a cutover, stops the reverse stream and "
                + "drops the old layout's moved rows and tables.",
                "NOT AVAILABLE in this build: exits 3 without touching anything. docs/resharding.md describes the "
                        + "intended design."})
public final class CompleteCommand implements Callable<Integer> {
    @Option(names = "--workflow", paramLabel = "NAME", description = "The workflow.")
    String workflow;

    @Override
    public Integer call() {
        throw NotAvailable.command("complete");
    }
}
