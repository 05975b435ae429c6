package dev.canary4j.policy;

/**
 * Blue/green: the canary is analysed for {@code iterations} ticks at weight 0 (typically under test
 * load, optionally with mirrored traffic), then all traffic switches to it during promotion.
 *
 * @param iterations passing analyses required before promotion, at least 1
 * @param mirror optional mirroring during the iterations
 */
public record BlueGreenStrategy(int iterations, Mirror mirror) implements Strategy {

  /**
   * Blue/green with {@code iterations} analyses and no mirroring.
   *
   * @param iterations passing analyses at full canary weight before promotion, at least 1
   * @return the strategy
   */
  public static BlueGreenStrategy of(int iterations) {
    return new BlueGreenStrategy(iterations, null);
  }

  @Override
  @SuppressWarnings("exports") // Violations is package-private: only the policy package can call this.
  public void check(Violations v, String path) {
    v.require(iterations >= 1, path + ".iterations", "must be at least 1", iterations);
    if (mirror != null) {
      mirror.check(v, path + ".mirror");
    }
  }
}
