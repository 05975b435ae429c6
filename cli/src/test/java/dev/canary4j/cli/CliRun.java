package dev.canary4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line with its output captured: the exit code and what it printed. */
record CliRun(int exit, String out, String err) {

  /** Runs {@code args} as the command line would, capturing both streams. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Canary4j.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(exit, out.toString(), err.toString());
  }
}
