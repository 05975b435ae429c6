package dev.canary4j.policy;

import java.util.List;

/**
 * A/B testing: requests matching any of {@code matches} go to the canary for {@code iterations}
 * analyses; all other requests stay on the primary.
 *
 * @param iterations passing analyses required before promotion, at least 1
 * @param matches request matches routed to the canary; at least one
 */
public record AbTestingStrategy(int iterations, List<RequestMatch> matches) implements Strategy {

  /**
   * Copies the matches; the policy's validation checks both fields.
   *
   * @param iterations passing analyses required before promotion
   * @param matches request matches routed to the canary
   */
  public AbTestingStrategy {
    matches = Violations.copy(matches);
  }

  /** A/B testing has no mirroring. */
  @Override
  public Mirror mirror() {
    return null;
  }

  @Override
  @SuppressWarnings("exports") // Violations is package-private: only the policy package can call this.
  public void check(Violations v, String path) {
    v.require(iterations >= 1, path + ".iterations", "must be at least 1", iterations);
    if (matches.isEmpty()) {
      v.add(path + ".match", "must name at least one header or cookie match", "[]");
    }
    for (int i = 0; i < matches.size(); i++) {
      RequestMatch m = matches.get(i);
      if (m == null) {
        v.missing(path + ".match[" + i + "]");
      } else {
        m.check(v, path + ".match[" + i + "]");
      }
    }
  }
}
