package dev.canary4j.runner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers {@link RunnerEvent}s to the registered listeners in registration order. Thread-safe. */
public final class EventPublisher {

  private final List<RunnerListener> listeners = new CopyOnWriteArrayList<>();

  /** Creates a publisher with no listener. */
  public EventPublisher() {}

  /**
   * Adds {@code listener}; it receives events published from now on.
   *
   * @param listener the listener to add; not {@code null}
   */
  public void subscribe(RunnerListener listener) {
    listeners.add(listener);
  }

  /**
   * Removes {@code listener}.
   *
   * @param listener the listener to remove; nothing happens if it was not subscribed
   */
  public void unsubscribe(RunnerListener listener) {
    listeners.remove(listener);
  }

  /**
   * Delivers {@code event} to every listener; a failing listener is reported to the others.
   *
   * @param event the event to deliver, on the calling thread
   */
  public void publish(RunnerEvent event) {
    for (RunnerListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        if (!(event instanceof RunnerEvent.ListenerFailed)) {
          RunnerEvent failed = new RunnerEvent.ListenerFailed(event.canaryId(), event.at(), listener.toString(),
              e.getClass().getSimpleName() + ": " + e.getMessage());
          listeners.stream().filter(l -> l != listener).forEach(l -> deliverQuietly(l, failed));
        }
      }
    }
  }

  private static void deliverQuietly(RunnerListener listener, RunnerEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException ignored) {
      // A listener that fails on a failure report has nobody left to tell.
    }
  }
}
