package dev.canary4j.runner;

/**
 * Receives the runner's events. Called on the thread that drove the canary, one event at a time per
 * canary; implementations must be thread-safe when the runner drives several canaries.
 */
@FunctionalInterface
public interface RunnerListener {

  /**
   * Handles {@code event}; an exception is reported to the other listeners and does not stop the runner.
   *
   * @param event the event, on the thread that caused it
   */
  void onEvent(RunnerEvent event);
}
