package dev.canary4j.store;

import dev.canary4j.spi.PermanentAdapterException;
import java.nio.file.Path;

/** Thrown when a stored state file cannot be read back; the file is left as it is for a person to inspect. */
public final class CorruptStateException extends PermanentAdapterException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * A state file {@code file} that cannot be read, with the {@code problem} found.
   *
   * @param file the state file
   * @param problem what is wrong with it, e.g. a parse error's position
   * @param cause the underlying exception, or {@code null}
   */
  public CorruptStateException(Path file, String problem, Throwable cause) {
    super("State file " + file + " is corrupt: " + problem + "; it was left untouched, repair or remove it", cause);
    this.file = file;
  }

  /**
   * The corrupt file.
   *
   * @return the path of the state file that could not be read
   */
  public Path file() {
    return file;
  }
}
