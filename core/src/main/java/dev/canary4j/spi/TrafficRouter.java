package dev.canary4j.spi;

import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.Target;

/**
 * Moves traffic between the primary and the canary. Implementations are thread-safe and {@link
 * #apply} is idempotent; failures are thrown as {@link AdapterException}s.
 *
 * <p>Routers that can fence writes implement {@link #observeRouted} and {@link #apply(Target,
 * TrafficSplit, String)}: the runner passes the version it last saw, and a write based on an older
 * version is refused. A write that a time limit abandoned therefore cannot land after a later one.
 */
public interface TrafficRouter {

  /**
   * The split the router currently applies for {@code target}.
   *
   * @param target the rollout's target
   * @return the split read from the router
   */
  TrafficSplit observe(Target target);

  /**
   * Makes the router apply {@code split} for {@code target}; applying the current split changes nothing.
   *
   * @param target the rollout's target
   * @param split the split to apply
   */
  void apply(Target target, TrafficSplit split);

  /**
   * The split applied now with the router's version of it; {@code null} version by default (no fencing).
   *
   * @param target the rollout's target
   * @return the split with its version, or with a {@code null} version when the router cannot fence
   */
  default RoutedSplit observeRouted(Target target) {
    return new RoutedSplit(observe(target), null);
  }

  /**
   * Applies {@code split} only if the router is still at {@code expectedVersion} ({@code null}: at
   * any version), and returns the new version. Throws {@link RouteChangedException} when the route
   * moved on. The default does not fence: it applies and returns {@code null}.
   *
   * @param target the rollout's target
   * @param split the split to apply
   * @param expectedVersion the version read with {@link #observeRouted}, or {@code null}
   * @return the router's version after the write, or {@code null} when it cannot fence
   */
  default String apply(Target target, TrafficSplit split, String expectedVersion) {
    apply(target, split);
    return null;
  }
}
