package dev.canary4j.kubernetes;

/** How a router writes the objects it changes: strategy, field manager, force, and attempts on lost races. */
public interface WriteSettings {

  /**
   * Server-side apply or read-modify-write.
   *
   * @return the write strategy, never {@code null}
   */
  WriteStrategy writeStrategy();

  /**
   * The field manager named on every write.
   *
   * @return the field manager name, 1 to 128 characters
   */
  String fieldManager();

  /**
   * Whether server-side apply takes fields owned by other managers.
   *
   * @return {@code true} to take over fields of other managers
   */
  boolean force();

  /**
   * How many writes in a row may lose a race (409 on resourceVersion) before giving up.
   *
   * @return the number of attempts, 1 to 100
   */
  int maxWriteAttempts();

  /** The field manager every router writes as unless told otherwise. */
  String DEFAULT_FIELD_MANAGER = "canary4j";

  /** Writes in a row a router may lose to other writers unless told otherwise. */
  int DEFAULT_MAX_WRITE_ATTEMPTS = 5;

  /**
   * {@code manager} if it is a valid field manager name (1 to 128 characters); throws otherwise.
   *
   * @param manager the name to check
   * @return {@code manager}, unchanged
   */
  static String checkedFieldManager(String manager) {
    if (manager == null || manager.isBlank() || manager.length() > 128) {
      throw new IllegalArgumentException("fieldManager must be 1 to 128 characters, but was '" + manager + "'");
    }
    return manager;
  }

  /**
   * {@code attempts} if it is between 1 and 100; throws otherwise.
   *
   * @param attempts the number to check
   * @return {@code attempts}, unchanged
   */
  static int checkedMaxWriteAttempts(int attempts) {
    if (attempts < 1 || attempts > 100) {
      throw new IllegalArgumentException("maxWriteAttempts must be between 1 and 100, but was " + attempts);
    }
    return attempts;
  }
}
