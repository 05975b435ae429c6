package dev.canary4j.timeline;

import java.util.List;

/** A timeline or decision log that does not follow the timeline format; the message lists every violation. */
public final class TimelineFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The violations, each naming its line (in a decision log) and field path. */
  private final List<String> problems;

  /**
   * An exception listing {@code problems}.
   *
   * @param problems every violation found; not empty
   */
  public TimelineFormatException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * An exception listing {@code problems} found in {@code file}.
   *
   * @param file the file the problems were found in, named in the message
   * @param problems every violation found; not empty
   */
  public TimelineFormatException(String file, List<String> problems) {
    super(file + ":\n" + String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * The violations, each naming its line (in a decision log) and field path.
   *
   * @return the violations, in document order
   */
  public List<String> problems() {
    return problems;
  }
}
