package io.shardgate.proxy.it.sysbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code sysbench} command line (1.0.x, MySQL driver) against one endpoint's {@code sbtest} database. */
record SysbenchCommand(int port, int tables, int tableSize) {

    /** What one invocation printed; sysbench reports errors in its output, not only in the exit code. */
    record Outcome(int exitCode, String output) {

        /** The figure after {@code label} in sysbench's report, e.g. "ignored errors:" or "read:". */
        long figure(String label) {
            Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(\\d+)").matcher(output);
            if (!m.find()) {
                throw new AssertionError("no '" + label + "' in the sysbench report:\n" + output);
            }
            return Long.parseLong(m.group(1));
        }
    }

    /** Runs {@code sysbench <test> <options> <action>} to its end; a run stops itself after {@code --time}. */
    Outcome run(String test, String action, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sysbench", test, "--db-driver=mysql",
                "--mysql-host=127.0.0.1", "--mysql-port=" + port, "--mysql-user=root", "--mysql-db=sbtest",
                "--tables=" + tables, "--table-size=" + tableSize, "--auto_inc=off"));
        command.addAll(List.of(options));
        command.add(action);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("sysbench is not installed; scripts/install-db-servers.sh installs it", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(process.waitFor(), output);
    }
}
