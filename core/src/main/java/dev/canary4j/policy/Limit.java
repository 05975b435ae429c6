package dev.canary4j.policy;

/**
 * A counter's ceiling and what happens when it is reached.
 *
 * @param count the value at which the limit acts, at least 1
 * @param action what the machine does then
 */
public record Limit(int count, LimitAction action) {

  /**
   * A {@code null} action becomes a rollback.
   *
   * @param count the value at which the limit acts
   * @param action what the machine does then, or {@code null} to roll back
   */
  public Limit {
    action = action == null ? LimitAction.ROLLBACK : action;
  }

  /**
   * Roll back when {@code count} is reached.
   *
   * @param count the value at which to roll back, at least 1
   * @return the limit
   */
  public static Limit rollbackAt(int count) {
    return new Limit(count, LimitAction.ROLLBACK);
  }

  /**
   * Pause when {@code count} is reached.
   *
   * @param count the value at which to pause, at least 1
   * @return the limit
   */
  public static Limit pauseAt(int count) {
    return new Limit(count, LimitAction.PAUSE);
  }

  /**
   * Whether {@code value} has reached this limit.
   *
   * @param value a counter's value
   * @return {@code true} when {@code value} is at least the limit's count
   */
  public boolean reachedBy(int value) {
    return value >= count;
  }

  void check(Violations v, String path) {
    v.require(count >= 1, path + ".count", "must be at least 1", count);
  }
}
