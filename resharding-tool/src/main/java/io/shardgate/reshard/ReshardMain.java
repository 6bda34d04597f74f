package io.shardgate.reshard;

import io.shardgate.config.ConfigException;
import io.shardgate.reshard.cli.CancelCommand;
import io.shardgate.reshard.cli.CompleteCommand;
import io.shardgate.reshard.cli.CutoverCommand;
import io.shardgate.reshard.cli.PlanCommand;
import io.shardgate.reshard.cli.RollbackCommand;
import io.shardgate.reshard.cli.StartCommand;
import io.shardgate.reshard.cli.StatusCommand;
import io.shardgate.reshard.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Command line of the resharding tool: one subcommand per workflow step. Exit codes are documented in
 * {@link ExitCode} and docs/resharding.md, and every failure is one message on standard error.
 */
@Command(name = "shardgate-reshard", mixinStandardHelpOptions = true, version = "shardgate-reshard 0.1",
        description = "Moves rows between shards while the application keeps reading and writing.%n"
                + "Workflow: plan -> start -> status / verify -> cutover -> complete (or cancel, rollback).",
        subcommands = {PlanCommand.class, StartCommand.class, StatusCommand.class, VerifyCommand.class,
                CutoverCommand.class, RollbackCommand.class, CompleteCommand.class, CancelCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (database error, refused plan, verification mismatch)",
                "2:usage or configuration error", "3:not possible in the workflow's current state"})
public final class ReshardMain implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ReshardMain());
        commandLine.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        commandLine.setExitCodeExceptionMapper(ReshardMain::exitCode);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter errors = cmd.getErr();
            errors.println(cmd.getCommandName() + ": " + message(e));
            if (exitCode(e) == ExitCode.FAILED && !(e instanceof ReshardException) && !(e instanceof SQLException)) {
                e.printStackTrace(errors);
            }
            errors.flush();
            return exitCode(e);
        });
        commandLine.setParameterExceptionHandler((e, parsed) -> {
            PrintWriter errors = e.getCommandLine().getErr();
            errors.println(e.getMessage());
            e.getCommandLine().usage(errors);
            return ExitCode.USAGE;
        });
        int code = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return code;
    }

    /** Without a command: the usage, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static int exitCode(Throwable e) {
        if (e instanceof ReshardException r) {
            return r.exitCode();
        }
        if (e instanceof ConfigException || e instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILED;
    }

    private static String message(Throwable e) {
        if (e instanceof SQLException sql) {
            return "database error: " + sql.getMessage();
        }
        if (e instanceof InterruptedException) {
            return "interrupted";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
