package dev.canary4j.runner;

import dev.canary4j.Action;
import dev.canary4j.Counters;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Verdict;
import java.util.List;

/**
 * What a host shows about one canary: where it is, its weights, and the last analysis.
 *
 * @param canaryId {@code namespace/name}
 * @param phase the current phase
 * @param split the weights the state asks for
 * @param revision the revision under analysis (or last analysed)
 * @param step the current step index, -1 before the first
 * @param counters the analysis counters
 * @param lastVerdicts every verdict of the last analysis, with values and thresholds
 * @param pendingActions actions decided but not yet performed (after a failure), in order
 * @param scheduled whether the runner ticks this canary on its scheduler
 */
public record CanaryStatus(String canaryId, Phase phase, TrafficSplit split, String revision, int step,
    Counters counters, List<Verdict> lastVerdicts, List<Action> pendingActions, boolean scheduled) {

  /**
   * Copies the lists.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @param phase the current phase
   * @param split the weights the state asks for
   * @param revision the revision under analysis (or last analysed)
   * @param step the current step index, -1 before the first
   * @param counters the analysis counters
   * @param lastVerdicts every verdict of the last analysis
   * @param pendingActions actions decided but not yet performed, in order
   * @param scheduled whether the runner ticks this canary on its scheduler
   */
  public CanaryStatus {
    lastVerdicts = List.copyOf(lastVerdicts);
    pendingActions = List.copyOf(pendingActions);
  }
}
