package dev.canary4j.report;

import dev.canary4j.timeline.TimelineEntry;
import dev.canary4j.timeline.TimelineVerdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charts of one metric: canary and primary values with the threshold lines and a marker per
 * verdict; for Mann-Whitney the interval of the shift, for the sequential judge the evidence
 * against its boundary.
 */
final class MetricCharts {

  private static final Pattern ABSOLUTE = Pattern.compile("(>=|<=) (-?[0-9.]+(?:e-?[0-9]+)?)(?![0-9.%])");
  private static final Pattern RELATIVE = Pattern.compile("(<=|>=) primary ([+-][0-9.]+)%");

  private MetricCharts() {}

  /** The names of every metric judged in {@code entries}, in order of first appearance. */
  static Set<String> metrics(List<TimelineEntry> entries) {
    Set<String> names = new LinkedHashSet<>();
    entries.forEach(e -> e.verdicts().forEach(v -> names.add(v.metric())));
    return names;
  }

  /** The section of {@code metric}, its charts numbered {@code index}. */
  static String section(String metric, int index, List<TimelineEntry> entries, List<String> xLabels) {
    List<Double> canary = new ArrayList<>();
    List<Double> primary = new ArrayList<>();
    List<Double> relative = new ArrayList<>();
    Chart values = new Chart("metric-" + index, xLabels);
    Chart interval = new Chart("interval-" + index, xLabels);
    Chart evidence = new Chart("evidence-" + index, xLabels).logScale();
    List<Double> estimates = new ArrayList<>();
    List<Double> against = new ArrayList<>();
    List<Double> favour = new ArrayList<>();
    boolean hasInterval = false;
    boolean hasEvidence = false;
    Double boundary = null;
    String threshold = null;
    Set<String> absolute = new LinkedHashSet<>();
    int judged = 0;
    for (int i = 0; i < entries.size(); i++) {
      TimelineVerdict v = entries.get(i).verdict(metric);
      canary.add(v == null ? null : v.canary());
      primary.add(v == null ? null : v.primary());
      relative.add(v == null ? null : relativeBound(v));
      estimates.add(v == null ? null : v.statistics().get("estimate"));
      against.add(v == null ? null : v.statistics().get("eValueAgainst"));
      favour.add(v == null ? null : v.statistics().get("eValueFor"));
      if (v == null) {
        continue;
      }
      judged++;
      if (v.threshold() != null) {
        threshold = v.threshold();
        Matcher m = ABSOLUTE.matcher(v.threshold());
        while (m.find() && !v.threshold().contains("interval") && !v.threshold().contains("alpha")) {
          absolute.add(m.group(1) + " " + m.group(2));
        }
      }
      Double low = v.statistics().get("lower");
      Double high = v.statistics().get("upper");
      if (low != null && high != null) {
        hasInterval = true;
        interval.bar(i, low, high, "interval-" + v.label());
      }
      if (v.statistics().containsKey("eValueAgainst")) {
        hasEvidence = true;
        boundary = v.statistics().get("eValueThreshold");
      }
      values.marker(i, v.canary(), "verdict verdict-" + v.label(), xLabels.get(i) + ": " + v.label() + " — " + v.reason());
    }
    values.series("canary", "canary", canary).series("primary", "primary", primary);
    if (relative.stream().anyMatch(d -> d != null)) {
      values.series("relative bound", "threshold", relative);
    }
    for (String bound : absolute) {
      values.line("threshold " + bound, "threshold", Double.parseDouble(bound.substring(3)));
    }
    StringBuilder html = new StringBuilder();
    html.append("<section class=\"metric\" id=\"metric-section-").append(index).append("\"><h3>")
        .append(Svg.escape(metric)).append("</h3><p class=\"threshold-text\">")
        .append(judged).append(" verdicts; threshold: ").append(Svg.escape(threshold == null ? "none" : threshold))
        .append("</p>").append(values.render());
    if (hasInterval) {
      interval.series("estimate of the shift", "estimate", estimates).line("no shift", "zero", 0);
      html.append("<h4>Mann-Whitney: interval of the shift (canary − primary)</h4>").append(interval.render());
    }
    if (hasEvidence) {
      evidence.series("evidence against the canary", "against", against).series("evidence for the canary", "for", favour);
      if (boundary != null) {
        evidence.line("boundary 1/alpha", "threshold", boundary);
      }
      html.append("<h4>Sequential test: e-values against the boundary (log scale)</h4>").append(evidence.render());
    }
    return html.append("</section>").toString();
  }

  /** The bound a relative threshold puts on the canary, from the primary's value. */
  private static Double relativeBound(TimelineVerdict v) {
    if (v.threshold() == null || v.primary() == null) {
      return null;
    }
    Matcher m = RELATIVE.matcher(v.threshold());
    if (!m.find()) {
      return null;
    }
    return v.primary() + Math.abs(v.primary()) * Double.parseDouble(m.group(2)) / 100.0;
  }
}
