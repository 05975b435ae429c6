package dev.canary4j.cli;

import dev.canary4j.report.TimelineReport;
import dev.canary4j.timeline.RolloutTimeline;
import dev.canary4j.timeline.TimelineFormat;
import dev.canary4j.timeline.TimelineFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report}: turns a timeline (simulate --json, backtest --json, a decision log) into one HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write the HTML report of a timeline or a decision log.", "Reads a timeline (simulate --json, "
        + "backtest --json) or a runner's decision log and writes one self-contained HTML page that opens offline: "
        + "the outcome and why, weights with phase bands, each metric against its threshold, gates, limits and events."},
    footer = {"", "Example:", "  java -jar canary4j.jar report timeline.json -o report.html",
        "  java -jar canary4j.jar report decisions.jsonl --canary shop/podinfo -o report.html"})
final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The timeline (.json) or decision log (.jsonl).")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The HTML file to write.")
  Path output;

  @Option(names = "--canary", paramLabel = "ID", description = "The canary to report from a decision log of several.")
  String canary;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RolloutTimeline timeline;
    try {
      timeline = TimelineFormat.read(input, canary);
    } catch (TimelineFormatException e) {
      err.println(e.getMessage());
      return ExitCode.INVALID;
    } catch (NoSuchFileException e) {
      err.println("timeline file " + input + " does not exist");
      return ExitCode.INVALID;
    } catch (IOException e) {
      err.println("cannot read " + input + ": " + e.getMessage());
      return ExitCode.INVALID;
    }
    try {
      TimelineReport.write(timeline, output);
    } catch (IOException e) {
      err.println("cannot write " + output + ": " + e.getMessage());
      return ExitCode.INVALID;
    }
    spec.commandLine().getOut().println("wrote " + output + ": " + timeline.outcome().result()
        + (timeline.outcome().reason().isEmpty() ? "" : " - " + timeline.outcome().reason()));
    return ExitCode.PASS;
  }
}
