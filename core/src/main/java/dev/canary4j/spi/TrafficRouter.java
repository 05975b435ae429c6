package dev.canary4j.spi;

import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.Target;

/**
 * Moves traffic between the primary and the canary. Implementations are thread-safe and {@link
 * #apply} is idempotent; failures are thrown as {@link AdapterException}s.
 */
public interface TrafficRouter {

  /** The split the router currently applies for {@code target}. */
  TrafficSplit observe(Target target);

  /** Makes the router apply {@code split} for {@code target}; applying the current split changes nothing. */
  void apply(Target target, TrafficSplit split);
}
