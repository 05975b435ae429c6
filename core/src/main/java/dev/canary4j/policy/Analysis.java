package dev.canary4j.policy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each analysis tick measures and how many bad ticks are tolerated.
 *
 * @param interval time a step lasts (the weight steps at most once per interval), also the default
 *     query window; and the time between ticks unless {@code lookInterval} is set
 * @param metrics the metrics judged every tick; all are judged, none short-circuits the others
 * @param limits counters' limits and their actions
 * @param scoring how the scored metrics' verdicts combine into one score, or {@code null} for none: then
 *     every metric counts on its own
 * @param lookInterval time between ticks when the judges should look more often than the weight steps
 *     (for example every scrape, 15 s, with a 1-minute step), or {@code null} for one tick per interval;
 *     a step then needs {@link #looksPerStep()} passing ticks, and every tick counts towards the limits
 */
public record Analysis(Duration interval, List<MetricCheck> metrics, Limits limits, Scoring scoring, Duration lookInterval) {

  /** Default time between ticks: one minute, as in Flagger. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  /**
   * Fills in the default interval and limits for {@code null} ones and copies the metrics.
   *
   * @param interval time a step lasts, or {@code null} for {@link #DEFAULT_INTERVAL}
   * @param metrics the metrics judged every tick
   * @param limits the counters' limits, or {@code null} for {@link Limits#ofDefaults()}
   * @param scoring how scored metrics combine, or {@code null} for none
   * @param lookInterval time between ticks, or {@code null} for one tick per interval
   */
  public Analysis {
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    metrics = Violations.copy(metrics);
    limits = limits == null ? Limits.ofDefaults() : limits;
  }

  /**
   * An analysis without a score: every metric counts on its own.
   *
   * @param interval time a step lasts, or {@code null} for {@link #DEFAULT_INTERVAL}
   * @param metrics the metrics judged every tick
   * @param limits the counters' limits, or {@code null} for {@link Limits#ofDefaults()}
   */
  public Analysis(Duration interval, List<MetricCheck> metrics, Limits limits) {
    this(interval, metrics, limits, null, null);
  }

  /**
   * An analysis that ticks once per interval.
   *
   * @param interval time a step lasts, or {@code null} for {@link #DEFAULT_INTERVAL}
   * @param metrics the metrics judged every tick
   * @param limits the counters' limits, or {@code null} for {@link Limits#ofDefaults()}
   * @param scoring how scored metrics combine, or {@code null} for none
   */
  public Analysis(Duration interval, List<MetricCheck> metrics, Limits limits, Scoring scoring) {
    this(interval, metrics, limits, scoring, null);
  }

  /**
   * Time between ticks: the look interval when set, else the interval.
   *
   * @return {@code lookInterval} when set, else {@code interval}
   */
  public Duration tickInterval() {
    return lookInterval == null ? interval : lookInterval;
  }

  /**
   * Passing ticks a step needs: the interval over the look interval, rounded up; 1 without a look interval.
   *
   * @return at least 1
   */
  public int looksPerStep() {
    if (lookInterval == null || lookInterval.isZero() || lookInterval.isNegative()) {
      return 1;
    }
    long looks = (interval.toMillis() + lookInterval.toMillis() - 1) / lookInterval.toMillis();
    return (int) Math.max(1, Math.min(looks, 10_000));
  }

  /**
   * Whether {@code metric}'s verdict goes into the score instead of counting on its own.
   *
   * @param metric one of this analysis' metrics
   * @return {@code true} when a scoring is set and the metric's judge takes part in it
   */
  public boolean isScored(MetricCheck metric) {
    return scoring != null && metric.judge() != null && metric.judge().scored();
  }

  /**
   * The metric named {@code name}, or {@code null}.
   *
   * @param name the metric's name as the policy lists it
   * @return the metric, or {@code null} when the analysis has none of that name
   */
  public MetricCheck metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
  }

  void check(Violations v, String path) {
    v.requireDuration(interval, path + ".interval");
    if (lookInterval != null) {
      v.requireDuration(lookInterval, path + ".lookInterval");
      if (lookInterval.compareTo(interval) > 0) {
        v.add(path + ".lookInterval", "must be at most the interval (" + interval + "): the judges look at least once a step",
            lookInterval);
      }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < metrics.size(); i++) {
      MetricCheck m = metrics.get(i);
      String p = path + ".metrics[" + i + "]";
      if (m == null) {
        v.missing(p);
        continue;
      }
      m.check(v, p);
      if (m.judge() != null && m.judge().accumulatesAcrossTicks() && m.interval() != null && !m.interval().equals(tickInterval())) {
        // Windows longer than the tick overlap, so every request would be counted several times.
        v.add(p + ".interval", "must be the " + (lookInterval == null ? "analysis" : "look") + " interval (" + tickInterval()
            + ") or unset for the "
            + m.judge().judgeName() + " judge, which adds up each tick's window", m.interval());
      }
      if (m.name() != null && !names.add(m.name())) {
        v.add(p + ".name", "must be unique among the metrics", m.name());
      }
    }
    limits.check(v, path + ".limits");
    checkScoring(v, path);
  }

  private void checkScoring(Violations v, String path) {
    Set<String> groups = new TreeSet<>();
    boolean anyScored = false;
    for (int i = 0; i < metrics.size(); i++) {
      MetricCheck m = metrics.get(i);
      if (m == null) {
        continue;
      }
      String p = path + ".metrics[" + i + "]";
      if (m.judge() != null && m.judge().scored()) {
        anyScored = true;
        groups.addAll(m.judge().groups().isEmpty() ? Set.of(Scoring.UNGROUPED) : m.judge().groups());
      }
      if (scoring == null && m.judge() != null && !m.judge().groups().isEmpty()) {
        v.add(p + ".judge.groups", "only count in a score, and analysis.score is not set", m.judge().groups());
      }
      if (scoring != null && Scoring.VERDICT_NAME.equals(m.name())) {
        v.add(p + ".name", "is reserved for the score's verdict when analysis.score is set", m.name());
      }
    }
    if (scoring == null) {
      return;
    }
    String p = path + ".score";
    scoring.check(v, p);
    if (!anyScored) {
      v.add(p, "needs at least one metric whose judge takes part in a score (mann-whitney)", null);
      return;
    }
    for (String group : scoring.groupWeights().keySet()) {
      if (group != null && !group.isBlank() && !groups.contains(group)) {
        v.add(p + ".groupWeights." + group, "names no group of a scored metric (groups: " + String.join(", ", groups)
            + ")", group);
      }
    }
    if (scoring.weightsValid() && scoring.groupWeights().keySet().containsAll(groups)) {
      double sum = scoring.groupWeights().values().stream().filter(w -> w != null).mapToDouble(Double::doubleValue).sum();
      if (Math.abs(sum - 100) > 1e-9) {
        // With no group left to share the rest, a lower sum would cap the score below 100.
        v.add(p + ".groupWeights", "must add up to 100 when every group has a weight", sum);
      }
    }
  }
}
