package dev.canary4j.report;

import dev.canary4j.timeline.RolloutTimeline;
import dev.canary4j.timeline.TimelineEntry;
import dev.canary4j.timeline.TimelineEvent;
import dev.canary4j.timeline.TimelineFormat;
import dev.canary4j.timeline.TimelineOutcome;
import dev.canary4j.timeline.TimelineVerdict;
import dev.canary4j.timeline.TimelineWeights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a rollout timeline (a simulation, a decision log, a backtest) into one self-contained HTML
 * page: the outcome and its reason, the weights over time with phase bands, one chart per metric
 * with its threshold and verdicts, gates and limits, and every event. Charts are inline SVG; the
 * page loads nothing from the network and runs no script. Thread-safe.
 */
public final class TimelineReport {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private TimelineReport() {}

  /**
   * Writes the report of {@code timeline} to {@code out}, replacing it.
   *
   * @param timeline the rollout's timeline, as recorded by the runner
   * @param out the HTML file to write; an existing file is overwritten
   * @throws java.io.IOException if {@code out} cannot be written
   */
  public static void write(RolloutTimeline timeline, Path out) throws IOException {
    Files.writeString(out, html(timeline), StandardCharsets.UTF_8);
  }

  /**
   * Writes the report of the timeline in {@code timelineFile} (a timeline document, or a decision log
   * of one canary) to {@code out}.
   *
   * @param timelineFile the file to read, in the timeline format
   * @param out the HTML file to write; an existing file is overwritten
   * @throws dev.canary4j.timeline.TimelineFormatException if the file does not follow the timeline format
   * @throws java.io.IOException if {@code timelineFile} cannot be read or {@code out} cannot be written
   */
  public static void write(Path timelineFile, Path out) throws IOException {
    write(TimelineFormat.read(timelineFile, null), out);
  }

  /**
   * The report of {@code timeline} as one HTML document.
   *
   * @param timeline the rollout's timeline, as recorded by the runner
   * @return a self-contained HTML page (styles inline, no scripts or links to fetch)
   */
  public static String html(RolloutTimeline timeline) {
    List<TimelineEntry> decisions = timeline.decisions();
    List<String> x = new ArrayList<>();
    for (TimelineEntry e : decisions) {
      x.add(e.tick() != null ? "tick " + e.tick() : CLOCK.format(e.time()));
    }
    TimelineOutcome outcome = timeline.outcome();
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Svg.escape(title(timeline))).append(" — ").append(outcome.result())
        .append("</title><style>").append(Style.CSS).append("</style></head><body>");
    html.append("<header><p class=\"what\">").append(Svg.escape(title(timeline))).append("</p>")
        .append("<section id=\"outcome\" class=\"outcome outcome-").append(outcome.result().replace(' ', '-'))
        .append("\"><h1 id=\"outcome-result\">").append(Svg.escape(outcome.result().toUpperCase(Locale.ROOT)))
        .append("</h1><p id=\"outcome-reason\">").append(Svg.escape(outcome.reason().isEmpty() ? "no reason was given"
            : outcome.reason())).append("</p><p class=\"meta\">phase ").append(outcome.phase()).append(" after ")
        .append(decisions.size()).append(" decisions").append(deciding(decisions)).append("</p></section></header>");
    html.append("<main><h2>Weights</h2>").append(weights(decisions, x));
    Set<String> metrics = MetricCharts.metrics(decisions);
    html.append("<h2>Metrics</h2>");
    if (metrics.isEmpty()) {
      html.append("<p>No analysis ran.</p>");
    }
    int i = 0;
    for (String metric : metrics) {
      html.append(MetricCharts.section(metric, i++, decisions, x));
    }
    html.append("<h2>Gates and limits</h2>").append(counters(decisions, x)).append(Tables.gates(decisions, x));
    html.append("<h2>Events</h2>").append(Tables.events(timeline.ticks()));
    return html.append("</main><footer>canary4j timeline format version ").append(timeline.version())
        .append(", source ").append(Svg.escape(timeline.source())).append("</footer></body></html>\n").toString();
  }

  private static String title(RolloutTimeline t) {
    List<String> parts = new ArrayList<>();
    if (t.canary() != null) {
      parts.add("canary " + t.canary());
    }
    if (t.scenario() != null) {
      parts.add("scenario " + t.scenario() + (t.seed() == null ? "" : " (seed " + t.seed() + ")"));
    }
    parts.add(t.source());
    return String.join(" · ", parts);
  }

  private static String deciding(List<TimelineEntry> decisions) {
    for (int i = decisions.size() - 1; i >= 0; i--) {
      List<TimelineVerdict> verdicts = decisions.get(i).verdicts();
      if (!verdicts.isEmpty()) {
        return "; last analysis: " + Svg.escape(verdicts.stream().map(v -> v.metric() + " " + v.label())
            .collect(Collectors.joining(", ")));
      }
    }
    return "; no analysis ran";
  }

  private static String weights(List<TimelineEntry> decisions, List<String> x) {
    Chart chart = new Chart("weights", x).range(0, 100);
    int start = 0;
    for (int i = 1; i <= decisions.size(); i++) {
      if (i == decisions.size() || !decisions.get(i).phase().equals(decisions.get(start).phase())) {
        String phase = decisions.get(start).phase();
        chart.band(start, i - 1, "phase phase-" + phase, phase);
        start = i;
      }
    }
    List<Double> canary = new ArrayList<>();
    List<Double> primary = new ArrayList<>();
    List<Double> mirror = new ArrayList<>();
    String matches = "";
    for (int i = 0; i < decisions.size(); i++) {
      TimelineWeights w = decisions.get(i).weights();
      canary.add((double) w.canary());
      primary.add((double) w.primary());
      mirror.add((double) w.mirror());
      if (!w.matches().isEmpty()) {
        matches = w.matches().stream().map(m -> m.source() + " " + m.name() + " " + m.type() + " " + m.value())
            .collect(Collectors.joining("; "));
      }
      for (TimelineEvent e : decisions.get(i).events()) {
        if (e.type().equals("LimitReached")) {
          chart.marker(i, 100.0, "limit", x.get(i) + ": " + e.reason());
        }
      }
    }
    chart.series("canary weight", "canary", canary).series("primary weight", "primary", primary);
    if (mirror.stream().anyMatch(m -> m > 0)) {
      chart.series("mirrored %", "mirror", mirror);
    }
    StringBuilder html = new StringBuilder(chart.render());
    html.append("<p class=\"legend-phases\">Bands: the phase after each decision (hover for its name).");
    if (!matches.isEmpty()) {
      html.append(" A/B match routes to the canary: <span id=\"matches\">").append(Svg.escape(matches)).append("</span>.");
    }
    return html.append("</p>").toString();
  }

  private static String counters(List<TimelineEntry> decisions, List<String> x) {
    Chart chart = new Chart("counters", x);
    List<Double> failures = new ArrayList<>();
    List<Double> consecutive = new ArrayList<>();
    List<Double> inconclusive = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    for (int i = 0; i < decisions.size(); i++) {
      TimelineEntry e = decisions.get(i);
      failures.add(e.counters() == null ? null : (double) e.counters().failures());
      consecutive.add(e.counters() == null ? null : (double) e.counters().consecutiveFailures());
      inconclusive.add(e.counters() == null ? null : (double) e.counters().inconclusive());
      errors.add(e.counters() == null ? null : (double) e.counters().errors());
      for (TimelineEvent event : e.events()) {
        if (event.type().equals("LimitReached") && event.details().get("count") instanceof Number n) {
          chart.marker(i, n.doubleValue(), "limit", x.get(i) + ": " + event.reason());
        }
      }
    }
    return chart.series("failures", "failures", failures).series("consecutive failures", "consecutive", consecutive)
        .series("inconclusive", "inconclusive", inconclusive).series("errors", "errors", errors).render();
  }
}
