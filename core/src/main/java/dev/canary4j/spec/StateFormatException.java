package dev.canary4j.spec;

import dev.canary4j.policy.ValidationException;
import dev.canary4j.policy.Violation;
import java.util.List;

/**
 * Thrown when a JSON document is not a well-formed {@link dev.canary4j.CanaryState}; names the line,
 * the column and the path of the field where reading stopped, which is its one violation.
 */
public final class StateFormatException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** The 1-based line where reading stopped, or -1. */
  private final int line;
  /** The 1-based column where reading stopped, or -1. */
  private final int column;
  /** The path of the field being read, empty at the root. */
  private final String path;

  StateFormatException(String detail, int line, int column, String path, Throwable cause) {
    super(render(detail, line, column, path), List.of(new Violation(path, detail, null)), cause);
    this.line = line;
    this.column = column;
    this.path = path;
  }

  /**
   * The 1-based line where reading stopped, or -1 when unknown.
   *
   * @return the line, or -1
   */
  public int line() {
    return line;
  }

  /**
   * The 1-based column where reading stopped, or -1 when unknown.
   *
   * @return the column, or -1
   */
  public int column() {
    return column;
  }

  /**
   * The path of the field being read, for example {@code split.primary}, or empty at the root.
   *
   * @return the path, or empty
   */
  public String path() {
    return path;
  }

  private static String render(String detail, int line, int column, String path) {
    StringBuilder s = new StringBuilder("Invalid canary state JSON");
    if (line > 0) {
      s.append(" at line ").append(line).append(", column ").append(column);
    }
    if (!path.isEmpty()) {
      s.append(" (").append(path).append(')');
    }
    return s.append(": ").append(detail).toString();
  }
}
