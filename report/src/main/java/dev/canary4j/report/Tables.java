package dev.canary4j.report;

import dev.canary4j.GateResult;
import dev.canary4j.timeline.TimelineAction;
import dev.canary4j.timeline.TimelineEntry;
import dev.canary4j.timeline.TimelineEvent;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's tables: gate answers as they changed, and every event and runner failure. */
final class Tables {

  private Tables() {}

  /** One row per gate answer that differs from the gate's previous one. */
  static String gates(List<TimelineEntry> decisions, List<String> x) {
    StringBuilder rows = new StringBuilder();
    Map<String, GateResult> last = new HashMap<>();
    for (int i = 0; i < decisions.size(); i++) {
      for (Map.Entry<String, GateResult> g : decisions.get(i).gates().entrySet()) {
        if (g.getValue().equals(last.put(g.getKey(), g.getValue()))) {
          continue;
        }
        rows.append("<tr class=\"gate-").append(g.getValue().open() ? "open" : "closed").append("\"><td>")
            .append(Svg.escape(x.get(i))).append("</td><td>").append(Svg.escape(g.getKey())).append("</td><td>")
            .append(g.getValue().open() ? "open" : "closed").append("</td><td>")
            .append(Svg.escape(g.getValue().message())).append("</td></tr>");
      }
    }
    if (rows.length() == 0) {
      return "<p id=\"gates\">No gate was asked.</p>";
    }
    return "<table id=\"gates\"><thead><tr><th>when</th><th>gate</th><th>answer</th><th>message</th></tr></thead><tbody>"
        + rows + "</tbody></table>";
  }

  /** Every event of every entry, and each runner failure, in order. */
  static String events(List<TimelineEntry> entries) {
    StringBuilder rows = new StringBuilder();
    for (TimelineEntry e : entries) {
      String when = (e.tick() == null ? "" : "tick " + e.tick() + " · ") + DateTimeFormatter.ISO_INSTANT.format(e.time());
      for (TimelineEvent event : e.events()) {
        row(rows, "event", when, event.type(), event.reason(), details(event.details()));
      }
      if (!e.isDecision()) {
        row(rows, "failure", when, e.kind(), e.reason() == null ? "" : e.reason(),
            e.actions().stream().map(TimelineAction::type).collect(Collectors.joining(", ")));
      }
    }
    return "<table id=\"events\"><thead><tr><th>when</th><th>event</th><th>reason</th><th>details</th></tr></thead>"
        + "<tbody>" + rows + "</tbody></table>";
  }

  private static void row(StringBuilder rows, String cssClass, String when, String type, String reason, String details) {
    rows.append("<tr class=\"").append(cssClass).append("\"><td>").append(Svg.escape(when)).append("</td><td>")
        .append(Svg.escape(type)).append("</td><td>").append(Svg.escape(reason)).append("</td><td>")
        .append(Svg.escape(details)).append("</td></tr>");
  }

  private static String details(Map<String, Object> details) {
    return details.entrySet().stream().map(d -> d.getKey() + " " + describe(d.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String describe(Object value) {
    if (value instanceof dev.canary4j.timeline.TimelineWeights w) {
      return w.primary() + "/" + w.canary();
    }
    if (value instanceof Map<?, ?> m && m.containsKey("primary") && m.containsKey("canary")) {
      return m.get("primary") + "/" + m.get("canary");
    }
    return String.valueOf(value);
  }
}
