package io.shardgate.reshard.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** The time limits of cutover and rollback. */
public final class SwitchOptions {
    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long routers have to load the rules and to hold their writes, each, and the stream "
                    + "to drain; past it the switch aborts and nothing changes (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--catch-up-timeout", defaultValue = "60s", paramLabel = "DURATION",
            converter = DurationConverter.class, description = "How long the stream may take to catch up before the "
            + "switch begins (default: ${DEFAULT-VALUE}).")
    Duration catchUpTimeout;
}
