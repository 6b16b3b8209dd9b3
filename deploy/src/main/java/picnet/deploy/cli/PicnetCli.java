package picnet.deploy.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picnet.common.images.InvalidImageException;
import picnet.deploy.launch.ServiceLauncher;
import picnet.worker.checkpoint.CheckpointException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code picnet} command: parses, delegates, and maps errors to exit codes (2 = bad input, 1 = failure). */
@Command(name = "picnet", mixinStandardHelpOptions = true, version = "picnet 0.1.0",
        description = "Pluralistic image completion (PICNet): many different completions of an image with a hole.",
        subcommands = {
            UpCommand.class,
            GatewayCommand.class,
            WorkerCommand.class,
            CompleteCommand.class,
            EvaluateCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            ReferenceCheckCommand.class,
            ImportCommand.class,
            TrainCommand.class,
            ExportCommand.class,
            BlendCommand.class,
            DatasetCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PicnetCli implements Callable<Integer> {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return BAD_INPUT;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PicnetCli());
        cli.setExecutionExceptionHandler(PicnetCli::handle);
        cli.setParameterExceptionHandler(PicnetCli::handleParameters);
        return cli;
    }

    /**
     * A bad or missing option gets one line naming it, not picocli's usage text; a converter's
     * refusal ({@code IllegalArgumentException}) is quoted as it stands.
     */
    private static int handleParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        if (e.getCause() instanceof IllegalArgumentException cause
                && e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
            message = "invalid " + option.longestName() + ": " + cause.getMessage();
        }
        String help = cmd.getParent() == null ? "picnet --help" : "picnet help " + cmd.getCommandName();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message + " (" + help + " lists the options)");
        return BAD_INPUT;
    }

    /** User mistakes (a bad file, a bad value) get one line and exit code 2; anything else is a failure. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (isBadInput(e)) {
            err.println("picnet " + cmd.getCommandName() + ": " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof ServiceLauncher.StoppedWhileStarting) {
            return 0; // asked to stop while starting: the launcher's shutdown hook has said so
        }
        err.println("picnet " + cmd.getCommandName() + ": failed: " + e);
        if (Boolean.getBoolean("picnet.debug")) {
            e.printStackTrace(err);
        }
        return 1;
    }

    static boolean isBadInput(Exception e) {
        return e instanceof InvalidImageException || e instanceof CheckpointException
                || e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof CommandLine.ParameterException;
    }
}
