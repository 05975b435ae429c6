package dev.canary4j.policy;

/**
 * The analysis counters' limits. Each acts in the tick that reaches it.
 *
 * @param failure failed analysis ticks in total since the analysis started
 * @param consecutiveFailure failed ticks in a row, or {@code null} for no such limit
 * @param inconclusive ticks held because a metric was inconclusive (for example {@code NO_DATA})
 * @param error ticks in which a metric provider failed
 */
public record Limits(Limit failure, Limit consecutiveFailure, Limit inconclusive, Limit error) {

  /** Five failed ticks roll back, as Flagger's default threshold does. */
  public static final Limit DEFAULT_FAILURE = Limit.rollbackAt(5);
  /** Ten inconclusive ticks pause: an analysis that cannot see should not promote, nor roll back alone. */
  public static final Limit DEFAULT_INCONCLUSIVE = Limit.pauseAt(10);
  /** Five provider errors pause: a metrics outage is not evidence against the canary. */
  public static final Limit DEFAULT_ERROR = Limit.pauseAt(5);

  /**
   * Fills in the default failure, inconclusive and error limits for {@code null} ones.
   *
   * @param failure the failed-ticks limit, or {@code null} for {@link #DEFAULT_FAILURE}
   * @param consecutiveFailure the failed-ticks-in-a-row limit, or {@code null} for none
   * @param inconclusive the inconclusive-ticks limit, or {@code null} for {@link #DEFAULT_INCONCLUSIVE}
   * @param error the provider-error limit, or {@code null} for {@link #DEFAULT_ERROR}
   */
  public Limits {
    failure = failure == null ? DEFAULT_FAILURE : failure;
    inconclusive = inconclusive == null ? DEFAULT_INCONCLUSIVE : inconclusive;
    error = error == null ? DEFAULT_ERROR : error;
  }

  /**
   * The defaults: failures roll back at 5, inconclusive ticks pause at 10, provider errors pause at 5.
   *
   * @return the default limits, without a consecutive-failure limit
   */
  public static Limits ofDefaults() {
    return new Limits(null, null, null, null);
  }

  /**
   * The limit of {@code kind}, or {@code null} when it has none (only the consecutive-failure limit may lack one).
   *
   * @param kind the limit asked for
   * @return the limit, or {@code null}
   */
  public Limit of(LimitKind kind) {
    return switch (kind) {
      case FAILURE -> failure;
      case CONSECUTIVE_FAILURE -> consecutiveFailure;
      case INCONCLUSIVE -> inconclusive;
      case ERROR -> error;
    };
  }

  void check(Violations v, String path) {
    for (LimitKind kind : LimitKind.values()) {
      Limit limit = of(kind);
      if (limit != null) {
        limit.check(v, path + "." + kind.specName());
      }
    }
  }
}
