package dev.canary4j.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The examples' command line: {@code demo} runs two simulated canaries end to end; {@code simulate
 * --policy FILE --scenario FILE [--json OUT]} runs a policy file through a scenario file.
 */
public final class Main {

  private Main() {}

  /** Runs the {@code demo} or {@code simulate} subcommand; the exit code tells the outcome. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command in {@code args} and returns its exit code. An unexpected failure (a bug) prints
   * its stack trace and exits with {@value #FAILED}, so that it never reads as a rolled-back canary.
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      return dispatch(args, out, err);
    } catch (RuntimeException | StackOverflowError e) {
      err.println("canary4j: unexpected failure, please report it with this trace:");
      e.printStackTrace(err);
      return FAILED;
    }
  }

  /** The exit code of an unexpected failure. */
  static final int FAILED = 4;

  private static int dispatch(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    String command = args.length == 0 ? "demo" : args[0];
    return switch (command) {
      case "demo" -> DemoCommand.run(out) == 1 ? 0 : 1;
      case "simulate" -> SimulateCommand.run(rest, out, err);
      default -> {
        err.println("unknown command '" + command + "'; expected demo or simulate --policy FILE --scenario FILE [--json OUT]");
        yield SimulateCommand.INVALID;
      }
    };
  }
}
