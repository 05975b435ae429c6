package dev.canary4j.runner;

import dev.canary4j.CanaryEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Logs the runner's events through the JDK's {@link System.Logger} {@code dev.canary4j.runner}: phase
 * changes at INFO, every decision and adapter call at DEBUG, retries at INFO, failures at WARNING.
 * Reasons are the events' own, which never carry secrets. Thread-safe.
 */
final class RunnerLogging implements RunnerListener {

  private static final Logger LOG = System.getLogger("dev.canary4j.runner");

  @Override
  public void onEvent(RunnerEvent event) {
    String canary = event.canaryId();
    if (event instanceof RunnerEvent.Decided d) {
      if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(Level.DEBUG, () -> canary + ": decided " + d.state().phase() + " at " + d.state().split() + ", "
            + d.verdicts().size() + " verdicts, " + d.performed() + "/" + d.actions().size() + " actions performed");
      }
      for (CanaryEvent e : d.events()) {
        if (e instanceof CanaryEvent.PhaseChanged p) {
          LOG.log(Level.INFO, () -> canary + ": " + p.from() + " -> " + p.to() + ": " + p.reason());
        } else if (e instanceof CanaryEvent.LimitReached l) {
          LOG.log(Level.WARNING, () -> canary + ": " + l.reason());
        }
      }
    } else if (event instanceof RunnerEvent.AdapterCalled c) {
      if (c.outcome() == RunnerEvent.CallOutcome.SUCCESS) {
        if (!c.retry() && !LOG.isLoggable(Level.DEBUG)) {
          return; // every call of every tick: not even the message's supplier is made
        }
        LOG.log(c.retry() ? Level.INFO : Level.DEBUG, () -> canary + ": " + c.call() + " on the " + c.adapter()
            + " succeeded" + (c.retry() ? " at attempt " + c.attempt() : "") + " in " + c.duration().toMillis() + " ms");
      } else {
        LOG.log(c.outcome() == RunnerEvent.CallOutcome.TRANSIENT_FAILURE ? Level.INFO : Level.WARNING,
            () -> canary + ": " + c.call() + " on the " + c.adapter() + " failed (" + c.outcome() + ", attempt "
                + c.attempt() + "): " + c.reason());
      }
    } else if (event instanceof RunnerEvent.ActionFailed f) {
      LOG.log(Level.WARNING, () -> canary + ": action " + f.action() + " failed, retried before the next decision: "
          + f.reason());
    } else if (event instanceof RunnerEvent.ActionsReapplied r) {
      LOG.log(Level.INFO, () -> canary + ": reapplied " + r.actions() + ": " + r.reason());
    } else if (event instanceof RunnerEvent.TickFailed t) {
      LOG.log(Level.WARNING, () -> canary + ": tick failed, the next one tries again: " + t.reason());
    } else if (event instanceof RunnerEvent.TickCompleted t) {
      if (LOG.isLoggable(Level.TRACE)) {
        LOG.log(Level.TRACE, () -> canary + ": tick took " + t.duration().toMillis() + " ms");
      }
    } else if (event instanceof RunnerEvent.ListenerFailed l) {
      LOG.log(Level.WARNING, () -> canary + ": listener " + l.listener() + " failed: " + l.reason());
    } else if (event instanceof RunnerEvent.GatesNotified g) {
      LOG.log(Level.DEBUG, () -> canary + ": notified " + g.type().specName() + " gates: " + g.answers().keySet());
    }
  }

  @Override
  public String toString() {
    return "System.Logger dev.canary4j.runner";
  }
}
