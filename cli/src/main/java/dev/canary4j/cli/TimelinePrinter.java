package dev.canary4j.cli;

import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TimelineTick;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints a timeline as one progress line per tick and a summary line naming the deciding verdict. */
final class TimelinePrinter {

  private TimelinePrinter() {}

  /** {@code [label] tick  3  PROGRESSING        primary  70% canary  30%  success 99.87%  p99 142.1 ms}. */
  static String progressLine(String label, TimelineTick t) {
    return String.format(Locale.ROOT, "[%s] tick %2d  %-17s  primary %3d%% canary %3d%%  success %s  p99 %s",
        label, t.tick(), t.phase(), t.split().primary(), t.split().canary(),
        value(t, MetricCheck.REQUEST_SUCCESS_RATE, "%.2f%%"), value(t, MetricCheck.REQUEST_DURATION, "%.1f ms"));
  }

  /** {@code [label] PROMOTED after 8 ticks: ...} or {@code [label] ROLLED BACK after 6 ticks: ...}. */
  static String summaryLine(String label, Timeline timeline) {
    String outcome = timeline.promoted() ? "PROMOTED" : timeline.rolledBack() ? "ROLLED BACK" : "UNDECIDED ("
        + timeline.outcome() + ")";
    String verdicts = timeline.decidingVerdicts().stream().map(TimelinePrinter::describe)
        .collect(Collectors.joining("; "));
    return "[" + label + "] " + outcome + " after " + timeline.ticks().size() + " ticks: "
        + (verdicts.isEmpty() ? "no analysis ran" : verdicts);
  }

  static void print(String label, Timeline timeline, PrintWriter out) {
    timeline.ticks().forEach(t -> out.println(progressLine(label, t)));
    out.println(summaryLine(label, timeline));
  }

  private static String describe(Verdict v) {
    return v.metric() + " " + v.label() + " - " + v.reason();
  }

  private static String value(TimelineTick t, String metric, String format) {
    // The sequential judge's value is a bad-request rate, not the metric's value: show its label instead.
    return t.verdict(metric).map(v -> v.canary() == null || v.statistics().containsKey("eValueAgainst")
            ? String.format(Locale.ROOT, "%-7s", v.label()) : String.format(Locale.ROOT, format, v.canary()))
        .orElse("   -   ");
  }
}
