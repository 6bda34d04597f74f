package io.shardgate.it.resharding;

import io.shardgate.reshard.ReshardMain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The resharding tool in a JVM of its own, its output in a file, so that a test can kill it as {@code kill -9} or
 * the OOM killer would: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so no shutdown hook, finally
 * block or last checkpoint runs.
 */
final class ToolProcess {
    private final Process process;
    private final Path output;

    private ToolProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static ToolProcess start(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReshardMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        return new ToolProcess(process, output);
    }

    /**
     * Waits until the tool has printed {@code text} (it flushes every line). False when it ended without printing
     * it; fails when neither happened within {@code timeout}.
     */
    boolean awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean ended = !process.isAlive();
            if (output().contains(text)) {
                return true;
            }
            if (ended) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the tool did not print \"" + text + "\" within " + timeout + ":\n"
                        + output());
            }
            Thread.sleep(2);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL; returns whether the tool was still running when it came. */
    boolean kill() throws InterruptedException {
        boolean wasAlive = process.isAlive();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the tool survived SIGKILL for 30 s");
        }
        return wasAlive;
    }

    /** Waits for the tool to end on its own; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the tool did not end within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
