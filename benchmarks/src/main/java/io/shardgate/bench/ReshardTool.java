package io.shardgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code shardgate-reshard} as an operator does: {@code java -jar shardgate-reshard.jar <command>} in a child
 * JVM, its output in a file. Timing a child includes the JVM's start, as timing {@code mariadb-dump} includes its.
 */
final class ReshardTool {
    private final Path jar;
    private final Path logs;
    private int runs;

    /** What one finished command did. */
    record Run(int exit, String output, long millis) {
    }

    ReshardTool(Path jar, Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with `mvn -B -ntp -DskipTests -pl "
                    + "resharding-tool,benchmarks -am package` (benchmarks/run-reshard.sh does)");
        }
        this.jar = jar;
        this.logs = logs;
    }

    /** Runs a command to its end; fails, with the output, when it exits non-zero or runs past {@code limitSeconds}. */
    Run run(long limitSeconds, String... args) throws IOException, InterruptedException {
        Run run = attempt(limitSeconds, args);
        if (run.exit() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + run.exit() + ":\n" + run.output());
        }
        return run;
    }

    /** Runs a command to its end, whatever its exit; fails when it runs past {@code limitSeconds}. */
    Run attempt(long limitSeconds, String... args) throws IOException, InterruptedException {
        long began = System.nanoTime();
        Background child = start(args);
        if (!child.process().waitFor(limitSeconds, TimeUnit.SECONDS)) {
            child.process().destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " ran past " + limitSeconds + " s:\n"
                    + child.output());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        return new Run(child.process().exitValue(), child.output(), millis);
    }

    /** Starts a command and returns at once. */
    Background start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path output = logs.resolve(String.format("%03d-%s.log", ++runs, args[0]));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        return new Background(process, output);
    }

    /** A running command. */
    record Background(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** Waits until the output contains {@code text}; fails when the command ends or the time is up first. */
        void awaitOutput(String text, long limitSeconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
            while (!output().contains(text)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("no '" + text + "' from " + log + " (alive: " + process.isAlive()
                            + "):\n" + output());
                }
                Thread.sleep(50);
            }
        }
    }
}
