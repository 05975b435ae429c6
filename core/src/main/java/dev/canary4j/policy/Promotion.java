package dev.canary4j.policy;

/**
 * How a canary that passed its analysis becomes the primary.
 *
 * <p>The new version is first copied to the primary; then traffic returns to the primary either all
 * at once or, with {@code stepWeight}, by that much per tick.
 *
 * @param stepWeight weight moved back to the primary per tick, or {@code null} for all at once
 */
public record Promotion(Integer stepWeight) {

  /**
   * Route all traffic back to the primary in one tick.
   *
   * @return the promotion
   */
  public static Promotion allAtOnce() {
    return new Promotion(null);
  }

  /**
   * Route traffic back to the primary by {@code stepWeight} per tick.
   *
   * @param stepWeight weight moved back to the primary per tick, 1 to 100
   * @return the promotion
   */
  public static Promotion progressive(int stepWeight) {
    return new Promotion(stepWeight);
  }

  void check(Violations v, String path) {
    if (stepWeight != null) {
      v.require(stepWeight >= 1 && stepWeight <= 100, path + ".stepWeight", "must be between 1 and 100", stepWeight);
    }
  }
}
