package dev.canary4j.policy;

/**
 * Copies a share of the primary's requests to the canary; responses from the canary are discarded.
 *
 * @param percentage share of requests mirrored, 1 to 100
 */
public record Mirror(int percentage) {

  /**
   * Mirrors every request.
   *
   * @return a mirror of 100 % of the primary's requests
   */
  public static Mirror all() {
    return new Mirror(100);
  }

  void check(Violations v, String path) {
    v.require(percentage >= 1 && percentage <= 100, path + ".percentage", "must be between 1 and 100", percentage);
  }
}
