package io.shardgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code sysbench} command line (1.0.x, MySQL driver) against one MySQL-protocol endpoint with the
 * {@code sbtest} tables. Runs it as a child process and reads the figures from its report.
 */
final class Sysbench {
    private static final Pattern QUERIES = Pattern.compile("queries:\\s+(\\d+)\\s+\\((\\d+(?:\\.\\d+)?) per sec");
    private static final Pattern ERRORS = Pattern.compile("ignored errors:\\s+(\\d+)");

    private final int port;
    private final int tables;
    private final int tableSize;

    Sysbench(int port, int tables, int tableSize) {
        this.port = port;
        this.tables = tables;
        this.tableSize = tableSize;
    }

    /** What one run reported. */
    record Result(long queries, double qps, long errors, String output) {
    }

    /** Creates and fills the tables (ids given explicitly, so any shard can take any row). */
    void prepare() throws IOException, InterruptedException {
        run(command("oltp_read_write", "prepare"));
    }

    Result run(String test, int threads, int seconds) throws IOException, InterruptedException {
        String output = run(runCommand(test, threads, seconds));
        Matcher queries = QUERIES.matcher(output);
        Matcher errors = ERRORS.matcher(output);
        if (!queries.find() || !errors.find()) {
            throw new IllegalStateException("no figures in the sysbench report:\n" + output);
        }
        return new Result(Long.parseLong(queries.group(1)), Double.parseDouble(queries.group(2)),
                Long.parseLong(errors.group(1)), output);
    }

    List<String> runCommand(String test, int threads, int seconds) {
        List<String> command = command(test, "run");
        command.addAll(command.size() - 1, List.of("--threads=" + threads, "--time=" + seconds));
        return command;
    }

    private List<String> command(String test, String action) {
        return new ArrayList<>(List.of("sysbench", test, "--db-driver=mysql", "--mysql-host=127.0.0.1",
                "--mysql-port=" + port, "--mysql-user=root", "--mysql-db=sbtest", "--tables=" + tables,
                "--table-size=" + tableSize, "--auto_inc=off", action));
    }

    /** Runs sysbench to its end (a run stops itself after {@code --time}); fails on any error it reports. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0 || output.contains("FATAL")) {
            throw new IllegalStateException("sysbench failed (exit " + exit + "): " + String.join(" ", command)
                    + "\n" + output);
        }
        return output;
    }
}
