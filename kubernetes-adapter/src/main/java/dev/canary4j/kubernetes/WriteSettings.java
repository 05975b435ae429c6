package dev.canary4j.kubernetes;

/** How a router writes the objects it changes: strategy, field manager, force, and attempts on lost races. */
public interface WriteSettings {

  /** Server-side apply or read-modify-write. */
  WriteStrategy writeStrategy();

  /** The field manager named on every write. */
  String fieldManager();

  /** Whether server-side apply takes fields owned by other managers. */
  boolean force();

  /** How many writes in a row may lose a race (409 on resourceVersion) before giving up. */
  int maxWriteAttempts();
}
