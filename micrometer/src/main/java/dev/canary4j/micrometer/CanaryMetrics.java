package dev.canary4j.micrometer;

import dev.canary4j.CanaryEvent;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.runner.RunnerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Micrometer metrics of a runner, fed by its events: add it with
 * {@code CanaryRunner.builder().listener(new CanaryMetrics(registry))}. Thread-safe.
 *
 * <ul>
 *   <li>{@code canary4j.canary.weight} (gauge, tag {@code canary}): the canary's weight, 0 to 100
 *   <li>{@code canary4j.canary.phase} (gauge, tags {@code canary}, {@code phase}): 1 for the current
 *       phase, 0 for the others
 *   <li>{@code canary4j.decisions} (counter, tags {@code canary}, {@code input}: tick, revision,
 *       command, router)
 *   <li>{@code canary4j.rollbacks} (counter, tags {@code canary}, {@code phase}: FAILED or ABORTED)
 *   <li>{@code canary4j.promotions} (counter, tag {@code canary}): rollouts that reached SUCCEEDED
 *   <li>{@code canary4j.adapter.calls} (timer, tags {@code adapter}, {@code outcome}): every attempt
 *   <li>{@code canary4j.adapter.retries} (counter, tag {@code adapter}): attempts after the first
 *   <li>{@code canary4j.adapter.failures} (counter, tags {@code adapter}, {@code kind}: transient,
 *       permanent, circuit-open)
 *   <li>{@code canary4j.action.failures} (counter, tags {@code canary}, {@code action})
 *   <li>{@code canary4j.ticks} (timer, tags {@code canary}, {@code outcome}: decided or failed)
 * </ul>
 */
public final class CanaryMetrics implements RunnerListener {

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> weights = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Phase>> phases = new ConcurrentHashMap<>();

  /**
   * Metrics registered in {@code registry}.
   *
   * @param registry the registry the meters are created in; not {@code null}, and shared with whatever else
   *     reports to it
   */
  public CanaryMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onEvent(RunnerEvent event) {
    if (event instanceof RunnerEvent.Decided d) {
      decided(d);
    } else if (event instanceof RunnerEvent.AdapterCalled c) {
      Timer.builder("canary4j.adapter.calls").description("Attempts of calls to adapters")
          .tags("adapter", c.adapter(), "outcome", name(c.outcome())).register(registry).record(c.duration());
      if (c.retry()) {
        count("canary4j.adapter.retries", "Attempts of adapter calls after a failed one", "adapter", c.adapter());
      }
      if (c.outcome() != RunnerEvent.CallOutcome.SUCCESS) {
        String kind = switch (c.outcome()) {
          case TRANSIENT_FAILURE -> "transient";
          case PERMANENT_FAILURE -> "permanent";
          default -> "circuit-open";
        };
        count("canary4j.adapter.failures", "Failed attempts of adapter calls, by kind", "adapter", c.adapter(), "kind", kind);
      }
    } else if (event instanceof RunnerEvent.ActionFailed f) {
      count("canary4j.action.failures", "Actions that failed and wait to be performed again", "canary", f.canaryId(),
          "action", f.action().getClass().getSimpleName());
    } else if (event instanceof RunnerEvent.TickCompleted t) {
      Timer.builder("canary4j.ticks").description("Ticks of the runner, adapter calls and retries included")
          .tags("canary", t.canaryId(), "outcome", t.succeeded() ? "decided" : "failed").register(registry)
          .record(t.duration());
    }
  }

  private void decided(RunnerEvent.Decided d) {
    String canary = d.canaryId();
    // The gauges first: a scrape that sees a decision counted also sees the state it decided.
    weight(canary).set(d.state().split().canary());
    phase(canary).set(d.state().phase());
    count("canary4j.decisions", "Decisions of the machine, by what it was told", "canary", canary, "input",
        inputKind(d.input()));
    for (CanaryEvent e : d.events()) {
      if (e instanceof CanaryEvent.PhaseChanged p && (p.to() == Phase.FAILED || p.to() == Phase.ABORTED)) {
        count("canary4j.rollbacks", "Rollouts rolled back (FAILED) or aborted (ABORTED)", "canary", canary, "phase",
            p.to().name());
      } else if (e instanceof CanaryEvent.PhaseChanged p && p.to() == Phase.SUCCEEDED) {
        count("canary4j.promotions", "Rollouts promoted to SUCCEEDED", "canary", canary);
      }
    }
  }

  private void count(String name, String description, String... tags) {
    Counter.builder(name).description(description).tags(tags).register(registry).increment();
  }

  private AtomicInteger weight(String canary) {
    return weights.computeIfAbsent(canary, c -> {
      AtomicInteger w = new AtomicInteger();
      Gauge.builder("canary4j.canary.weight", w, AtomicInteger::get).description("The canary's traffic weight, 0 to 100")
          .tag("canary", c).register(registry);
      return w;
    });
  }

  private AtomicReference<Phase> phase(String canary) {
    return phases.computeIfAbsent(canary, c -> {
      AtomicReference<Phase> current = new AtomicReference<>();
      for (Phase p : Phase.values()) {
        Gauge.builder("canary4j.canary.phase", current, r -> r.get() == p ? 1 : 0)
            .description("1 for the canary's current phase, 0 for the others")
            .tags("canary", c, "phase", p.name()).register(registry);
      }
      return current;
    });
  }

  private static String inputKind(Input input) {
    if (input instanceof Input.Tick) {
      return "tick";
    }
    if (input instanceof Input.RevisionObserved) {
      return "revision";
    }
    if (input instanceof Input.RouterObserved) {
      return "router";
    }
    return "command";
  }

  private static String name(RunnerEvent.CallOutcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return "Micrometer metrics of canary4j";
  }
}
