package dev.canary4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The full names of every runnable command of the command line, for tests that walk them all. */
final class CommandNames {

  private CommandNames() {}

  /** {@code demo}, {@code simulate}, ..., {@code import flagger}: every command below the top, help excluded. */
  static List<String> all() {
    List<String> names = new ArrayList<>();
    collect(Canary4j.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), "", names);
    return names;
  }

  private static void collect(CommandLine command, String prefix, List<String> names) {
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        names.add(prefix + name);
        collect(sub, prefix + name + " ", names);
      }
    });
  }
}
