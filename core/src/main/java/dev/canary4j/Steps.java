package dev.canary4j;

import dev.canary4j.policy.AbTestingStrategy;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Strategy;
import java.util.ArrayList;
import java.util.List;

/**
 * The traffic split of every analysis step of a strategy, and how many passing analyses each needs.
 *
 * <p>Canary: an optional mirrored stage at weight 0, then one step per weight, one pass each.
 * Blue/green: one step at weight 0 (mirrored if asked) needing {@code iterations} passes. A/B: one
 * step routing the matches to the canary, needing {@code iterations} passes.
 */
final class Steps {
  private Steps() {}

  static List<TrafficSplit> splits(Strategy strategy) {
    List<TrafficSplit> splits = new ArrayList<>();
    if (strategy instanceof CanaryStrategy c) {
      if (c.mirror() != null) {
        splits.add(TrafficSplit.allPrimary().withMirror(c.mirror().percentage()));
      }
      c.weights().forEach(w -> splits.add(TrafficSplit.canary(w)));
    } else if (strategy instanceof BlueGreenStrategy b) {
      splits.add(TrafficSplit.allPrimary().withMirror(b.mirror() == null ? 0 : b.mirror().percentage()));
    } else if (strategy instanceof AbTestingStrategy a) {
      splits.add(TrafficSplit.allPrimary().withMatches(a.matches()));
    }
    return splits;
  }

  static int passesRequired(Strategy strategy) {
    if (strategy instanceof BlueGreenStrategy b) {
      return b.iterations();
    }
    return strategy instanceof AbTestingStrategy a ? a.iterations() : 1;
  }

  static int lastStep(Strategy strategy) {
    return splits(strategy).size() - 1;
  }
}
