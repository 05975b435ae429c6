package dev.canary4j.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.canary4j.judge.Verdict;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric's verdict in an entry.
 *
 * @param metric the metric's name
 * @param label {@code PASS}, {@code FAIL_LOW}, {@code FAIL_HIGH}, {@code INCONCLUSIVE}, {@code NO_DATA} or
 *     {@code ERROR}
 * @param canary the canary's value, or {@code null} when none was measured
 * @param primary the primary's value, or {@code null} when none was measured or used
 * @param threshold the threshold applied in words, or {@code null} when none was (a provider error)
 * @param reason why, in a sentence
 * @param critical whether a failure of this metric rolls back at once
 * @param statistics the judge's figures by name (p-value, interval, e-values), empty for a threshold
 *     verdict; {@value #GUARD_RAIL} = 1 marks a threshold verdict that is a guard rail ({@link
 *     Verdict#guardRail()})
 */
public record TimelineVerdict(String metric, String label, Double canary, Double primary,
    @JsonInclude(JsonInclude.Include.ALWAYS) String threshold, String reason, boolean critical,
    Map<String, Double> statistics) {

  /** The statistic set to 1 on a guard-rail verdict, as the timeline format has always written it. */
  public static final String GUARD_RAIL = "guardRail";

  /**
   * Copies the statistics, sorted by name ({@code null}: none).
   *
   * @param metric the metric's name
   * @param label the verdict's label, e.g. {@code PASS}
   * @param canary the canary's value, or {@code null}
   * @param primary the primary's value, or {@code null}
   * @param threshold the threshold applied in words, or {@code null}
   * @param reason why, in a sentence
   * @param critical whether a failure of this metric rolls back at once
   * @param statistics the judge's figures by name, or {@code null}
   */
  public TimelineVerdict {
    statistics = statistics == null ? Map.of() : Map.copyOf(new TreeMap<>(statistics));
  }

  /**
   * {@code v} in the timeline's shape; an empty threshold becomes {@code null}.
   *
   * @param v a verdict of a judge
   * @return the verdict's fields as the timeline writes them
   */
  public static TimelineVerdict of(Verdict v) {
    return new TimelineVerdict(v.metric(), v.label().name(), v.canary(), v.primary(),
        v.threshold().isEmpty() ? null : v.threshold(), v.reason(), v.critical(), statistics(v));
  }

  private static Map<String, Double> statistics(Verdict v) {
    if (!v.guardRail()) {
      return v.statistics();
    }
    Map<String, Double> marked = new TreeMap<>(v.statistics());
    marked.put(GUARD_RAIL, 1.0);
    return marked;
  }

  /**
   * Whether the verdict was a guard rail (see {@link Verdict#guardRail()}).
   *
   * @return {@code true} if its statistics carry the guard-rail mark
   */
  public boolean guardRail() {
    return statistics.containsKey(GUARD_RAIL);
  }

  /**
   * Whether the metric passed.
   *
   * @return {@code true} if the label is {@code PASS}
   */
  public boolean passed() {
    return "PASS".equals(label);
  }
}
