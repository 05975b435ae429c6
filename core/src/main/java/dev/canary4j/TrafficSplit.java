package dev.canary4j;

import dev.canary4j.policy.RequestMatch;
import java.util.List;

/**
 * How requests are divided between the primary and the canary.
 *
 * <p>{@code primary + canary} is always 100. Requests matching any of {@code matches} go to the
 * canary whatever the weights (A/B testing); {@code mirror} percent of the primary's requests are
 * also copied to the canary.
 *
 * @param primary weight of the primary, 0 to 100
 * @param canary weight of the canary, 0 to 100
 * @param mirror percentage of requests mirrored to the canary, 0 for none
 * @param matches request matches routed to the canary, empty for none
 */
public record TrafficSplit(int primary, int canary, int mirror, List<RequestMatch> matches) {

  /**
   * Checks the weights and the mirror, and copies the matches ({@code null} becomes empty).
   *
   * @param primary weight of the primary, 0 to 100
   * @param canary weight of the canary, 0 to 100; with {@code primary} it sums to 100
   * @param mirror percentage of requests mirrored to the canary, 0 to 100
   * @param matches request matches routed to the canary, or {@code null} for none
   */
  public TrafficSplit {
    if (primary < 0 || canary < 0 || primary + canary != 100) {
      throw new IllegalArgumentException(
          "primary and canary weights must be between 0 and 100 and sum to 100, but were " + primary + " and " + canary);
    }
    if (mirror < 0 || mirror > 100) {
      throw new IllegalArgumentException("mirror must be between 0 and 100, but was " + mirror);
    }
    matches = matches == null ? List.of() : List.copyOf(matches);
  }

  /**
   * All traffic on the primary, no mirror, no match route.
   *
   * @return the split 100/0 without mirror or matches
   */
  public static TrafficSplit allPrimary() {
    return new TrafficSplit(100, 0, 0, List.of());
  }

  /**
   * {@code canaryWeight} percent on the canary, the rest on the primary.
   *
   * @param canaryWeight the canary's weight, 0 to 100
   * @return the split, without mirror or matches
   */
  public static TrafficSplit canary(int canaryWeight) {
    return new TrafficSplit(100 - canaryWeight, canaryWeight, 0, List.of());
  }

  /**
   * This split with {@code percent} of requests mirrored to the canary.
   *
   * @param percent the percentage mirrored, 0 to 100
   * @return a new split; this one is unchanged
   */
  public TrafficSplit withMirror(int percent) {
    return new TrafficSplit(primary, canary, percent, matches);
  }

  /**
   * This split with requests matching {@code matches} routed to the canary.
   *
   * @param matches the request matches, or {@code null} for none
   * @return a new split; this one is unchanged
   */
  public TrafficSplit withMatches(List<RequestMatch> matches) {
    return new TrafficSplit(primary, canary, mirror, matches);
  }

  /**
   * Whether this is all traffic on the primary with nothing mirrored or matched.
   *
   * @return {@code true} for 100/0 with no mirror and no matches
   */
  public boolean isAllPrimary() {
    return canary == 0 && mirror == 0 && matches.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder().append(primary).append('/').append(canary);
    if (mirror > 0) {
      s.append(" mirror ").append(mirror).append('%');
    }
    if (!matches.isEmpty()) {
      s.append(" +").append(matches.size()).append(" match route(s)");
    }
    return s.toString();
  }
}
