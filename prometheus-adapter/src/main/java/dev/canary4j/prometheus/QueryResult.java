package dev.canary4j.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * The successful answer to an instant or range query.
 *
 * <p>A scalar is one unlabelled series of one sample; a string result keeps its text in
 * {@link #text()} and has no series.
 *
 * @param type the result's type
 * @param series the series (for a scalar, one series without labels)
 * @param text the value of a string result, otherwise {@code null}
 * @param warnings warnings Prometheus attached to the answer (for example a partial response)
 */
public record QueryResult(ResultType type, List<Series> series, String text, List<String> warnings) {

  /**
   * Checks the type and copies the lists; {@code null} warnings become an empty list.
   *
   * @param type the result's type; not {@code null}
   * @param series the series; not {@code null}
   * @param text the value of a string result, otherwise {@code null}
   * @param warnings the warnings, or {@code null} for none
   */
  public QueryResult {
    Objects.requireNonNull(type, "type");
    series = List.copyOf(series);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * Whether Prometheus attached warnings.
   *
   * @return {@code true} if {@link #warnings()} is not empty
   */
  public boolean hasWarnings() {
    return !warnings.isEmpty();
  }
}
