package dev.canary4j;

import dev.canary4j.policy.AbTestingStrategy;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Strategy;

/**
 * The traffic split of every analysis step of a strategy, and how many passing analyses each needs.
 *
 * <p>Canary: an optional mirrored stage at weight 0, then one step per weight, one pass each.
 * Blue/green: one step at weight 0 (mirrored if asked) needing {@code iterations} passes. A/B: one
 * step routing the matches to the canary, needing {@code iterations} passes.
 */
final class Steps {
  private Steps() {}

  /** The number of analysis steps. */
  static int count(Strategy strategy) {
    if (strategy instanceof CanaryStrategy c) {
      return (c.mirror() != null ? 1 : 0) + c.stepCount();
    }
    return 1;
  }

  /** The split of step {@code step} (from 0); computed, not looked up, so that no list is built per tick. */
  static TrafficSplit split(Strategy strategy, int step) {
    if (strategy instanceof CanaryStrategy c) {
      if (c.mirror() != null) {
        return step == 0 ? TrafficSplit.allPrimary().withMirror(c.mirror().percentage()) : TrafficSplit.canary(c.weight(step - 1));
      }
      return TrafficSplit.canary(c.weight(step));
    }
    if (step != 0) {
      throw new IndexOutOfBoundsException("step " + step + " of a strategy with one step");
    }
    if (strategy instanceof BlueGreenStrategy b) {
      return TrafficSplit.allPrimary().withMirror(b.mirror() == null ? 0 : b.mirror().percentage());
    }
    return TrafficSplit.allPrimary().withMatches(((AbTestingStrategy) strategy).matches());
  }

  static int passesRequired(Strategy strategy) {
    if (strategy instanceof BlueGreenStrategy b) {
      return b.iterations();
    }
    return strategy instanceof AbTestingStrategy a ? a.iterations() : 1;
  }

  static int lastStep(Strategy strategy) {
    return count(strategy) - 1;
  }
}
