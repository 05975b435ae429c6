package dev.canary4j.policy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each analysis tick measures and how many bad ticks are tolerated.
 *
 * @param interval time between analysis ticks, also the default query window
 * @param metrics the metrics judged every tick; all are judged, none short-circuits the others
 * @param limits counters' limits and their actions
 */
public record Analysis(Duration interval, List<MetricCheck> metrics, Limits limits) {

  /** Default time between ticks: one minute, as in Flagger. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  public Analysis {
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    metrics = Violations.copy(metrics);
    limits = limits == null ? Limits.ofDefaults() : limits;
  }

  /** The metric named {@code name}, or {@code null}. */
  public MetricCheck metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
  }

  void check(Violations v, String path) {
    if (interval.isNegative() || interval.isZero()) {
      v.add(path + ".interval", "must be greater than 0", interval);
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
      if (m.judge() != null && m.judge().accumulatesAcrossTicks() && m.interval() != null && !m.interval().equals(interval)) {
        // Windows longer than the tick overlap, so every request would be counted several times.
        v.add(p + ".interval", "must be the analysis interval (" + interval + ") or unset for the "
            + m.judge().judgeName() + " judge, which adds up each tick's window", m.interval());
      }
      if (m.name() != null && !names.add(m.name())) {
        v.add(p + ".name", "must be unique among the metrics", m.name());
      }
    }
    limits.check(v, path + ".limits");
  }
}
