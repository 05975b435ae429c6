package dev.canary4j.timeline;

import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.RequestMatch;
import java.util.List;
import java.util.Locale;

/**
 * The traffic split of one entry: both weights, the mirrored percentage and the A/B match routes.
 *
 * @param primary the primary's weight, 0 to 100
 * @param canary the canary's weight, 0 to 100
 * @param mirror the percentage of requests mirrored to the canary, 0 for none
 * @param matches the request matches routed to the canary whatever the weights
 */
public record TimelineWeights(int primary, int canary, int mirror, List<Match> matches) {

  /**
   * Copies the matches ({@code null}: none).
   *
   * @param primary the primary's weight, 0 to 100
   * @param canary the canary's weight, 0 to 100
   * @param mirror the percentage mirrored to the canary
   * @param matches the request matches routed to the canary, or {@code null}
   */
  public TimelineWeights {
    matches = matches == null ? List.of() : List.copyOf(matches);
  }

  /**
   * {@code split} in the timeline's shape.
   *
   * @param split a traffic split of the machine
   * @return its weights, mirror and matches
   */
  public static TimelineWeights of(TrafficSplit split) {
    return new TimelineWeights(split.primary(), split.canary(), split.mirror(),
        split.matches().stream().map(Match::of).toList());
  }

  /**
   * One A/B match route.
   *
   * @param source {@code header} or {@code cookie}
   * @param name the header's or cookie's name
   * @param type {@code exact}, {@code prefix} or {@code regex}
   * @param value the value, prefix or regular expression
   */
  public record Match(String source, String name, String type, String value) {

    static Match of(RequestMatch m) {
      return new Match(m.source().name().toLowerCase(Locale.ROOT), m.name(), m.type().name().toLowerCase(Locale.ROOT),
          m.value());
    }
  }
}
