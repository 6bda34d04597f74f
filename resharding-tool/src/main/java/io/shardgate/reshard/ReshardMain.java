package io.shardgate.reshard;

import java.io.PrintStream;

/**
 * Command line of the resharding tool. The online data-move workflow is the subject of its own issue; until it
 * lands this entry point only explains itself.
 */
public final class ReshardMain {

    static final String USAGE = """
            Usage: java -jar shardgate-reshard.jar <command> [options]

            Moves data between shards while the application keeps reading and writing.

            Commands (planned): plan, start, status, verify, cutover, rollback, complete, cancel
              --help   print this help
            """;

    private ReshardMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        err.print("Command '" + args[0] + "' is not part of this build yet.\n\n" + USAGE);
        return 2;
    }
}
