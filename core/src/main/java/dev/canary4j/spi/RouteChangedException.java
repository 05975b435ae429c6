package dev.canary4j.spi;

/**
 * A fenced router write was refused because the route changed since the version it was based on:
 * another write (perhaps one abandoned by a time limit) or a change outside the runner came first.
 * Transient: the runner observes the router again before it writes again.
 */
public class RouteChangedException extends TransientAdapterException {
  private static final long serialVersionUID = 1L;

  /**
   * A refused write to {@code object}, expected at {@code expected} but found at {@code actual}.
   *
   * @param object the object written, as errors name it
   * @param expected the version the write was based on
   * @param actual the version the router holds now
   */
  public RouteChangedException(String object, String expected, String actual) {
    super("Refusing to write " + object + ": expected version " + expected + " but it is at " + actual
        + "; the route changed since it was observed");
  }
}
