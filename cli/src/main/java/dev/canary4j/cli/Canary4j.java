package dev.canary4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code canary4j} command line: one runnable jar for pipelines, with a subcommand per task. */
@Command(name = "canary4j", mixinStandardHelpOptions = true, versionProvider = Canary4j.Version.class,
    description = "Automated canary analysis from the command line: simulate a policy, judge a live canary, "
        + "backtest a policy over history, import Flagger and Kayenta files, validate files.",
    subcommands = {DemoCommand.class, SimulateCommand.class, JudgeCommand.class, BacktestCommand.class,
        ImportCommand.class, ValidateCommand.class, SchemaCommand.class, ReportCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Example:", "  java -jar canary4j.jar demo"})
public final class Canary4j implements Runnable {

  @Spec
  CommandSpec spec;

  /** The runner's System.Logger, by default java.util.logging's; held so that its level sticks. */
  private static final java.util.logging.Logger RUNNER_LOG = java.util.logging.Logger.getLogger("dev.canary4j.runner");

  /**
   * Runs the command in {@code args} and exits with its code.
   *
   * @param args the command line, e.g. {@code validate policy.yaml}
   */
  public static void main(String[] args) {
    // The commands print their own account of what the runner did; its log would say it twice.
    RUNNER_LOG.setLevel(java.util.logging.Level.OFF);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs the command in {@code args} and returns its exit code ({@link ExitCode}). An unexpected failure
   * prints its stack trace and returns {@value ExitCode#UNEXPECTED}, so that it never reads as a rolled-back canary.
   */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      return commandLine(out, err).execute(args);
    } catch (RuntimeException | StackOverflowError e) { // a failure of the parser itself
      return unexpected(e, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command line printing to {@code out} and {@code err}, each command's help listing the exit codes. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Canary4j());
    cli.setOut(out).setErr(err);
    cli.setExecutionExceptionHandler((e, command, parsed) -> unexpected(e, command.getErr()));
    withExitCodes(cli);
    return cli;
  }

  private static void withExitCodes(CommandLine command) {
    command.getCommandSpec().versionProvider(new Version()).exitCodeOnExecutionException(ExitCode.UNEXPECTED);
    command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.descriptions());
    command.getSubcommands().values().forEach(Canary4j::withExitCodes);
  }

  private static int unexpected(Throwable e, PrintWriter err) {
    err.println("canary4j: unexpected failure, please report it with this trace:");
    e.printStackTrace(err);
    err.flush();
    return ExitCode.UNEXPECTED;
  }

  /** Without a command: the usage, as invalid input. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; try canary4j demo");
  }

  /** The version the build wrote into {@code version.properties}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Canary4j.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"canary4j " + properties.getProperty("version", "(unknown version)"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
