package dev.canary4j.test;

import dev.canary4j.CanaryEvent;
import dev.canary4j.judge.Verdict;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TimelineTick;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a timeline as a table a person reads in a failed test's message. */
final class TimelineTable {

  private TimelineTable() {}

  static String render(Timeline timeline) {
    StringBuilder out = new StringBuilder();
    out.append("Timeline of '").append(timeline.scenario()).append("' (seed ").append(timeline.seed())
        .append("), ").append(timeline.ticks().size()).append(" ticks, ended ").append(timeline.outcome())
        .append(":\n");
    out.append(String.format(Locale.ROOT, "%5s  %-20s  %-17s  %6s  %s%n", "tick", "time", "phase", "canary",
        "verdicts; events"));
    for (TimelineTick t : timeline.ticks()) {
      out.append(String.format(Locale.ROOT, "%5d  %-20s  %-17s  %5d%%  %s%n", t.tick(), t.at(), t.phase(),
          t.canaryWeight(), details(t)));
    }
    return out.toString();
  }

  private static String details(TimelineTick tick) {
    List<String> verdicts = new ArrayList<>();
    for (Verdict v : tick.verdicts()) {
      verdicts.add(verdict(v));
    }
    List<String> events = new ArrayList<>();
    for (CanaryEvent e : tick.events()) {
      events.add(e.getClass().getSimpleName());
    }
    String text = verdicts.isEmpty() ? "-" : String.join(", ", verdicts);
    return events.isEmpty() ? text : text + "; " + String.join(", ", events);
  }

  static String verdict(Verdict v) {
    String value = v.canary() == null ? "no value" : number(v.canary());
    String threshold = v.threshold().isEmpty() ? "" : " " + v.threshold();
    return v.metric() + " " + v.label() + " (" + value + threshold + ")";
  }

  // Six significant digits: enough to compare with a threshold, short enough for one line per tick.
  private static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
