package dev.canary4j.examples;

import dev.canary4j.Phase;
import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.ExecutorScheduler;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.simulation.InMemoryRouter;
import dev.canary4j.simulation.InMemoryWorkloads;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.store.InMemoryStateStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A minimal controller embedding the runner: in-memory adapters stand in for Istio, Prometheus and
 * Kubernetes; a real scheduler ticks the canary every 50 ms; the controller tells the runner about a
 * new revision and waits for the outcome. Swap the adapters for real ones to make it a controller.
 *
 * <p>Run: {@code java -cp examples/target/canary4j-examples.jar dev.canary4j.examples.EmbeddingExample}
 */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  /** Runs the example controller loop over in-memory adapters and prints what it did. */
  public static void main(String[] args) throws Exception {
    System.out.println("outcome: " + run(Duration.ofMillis(50)));
  }

  /** Rolls revision v2 out with healthy in-memory metrics and returns the final phase. */
  static Phase run(Duration interval) throws Exception {
    CanaryPolicy policy = CanaryPolicy.builder()
        .target("shop", "checkout")
        .strategy(CanaryStrategy.linear(25, 50))
        .interval(interval)
        .metric(MetricCheck.successRate(99))
        .metric(MetricCheck.latencyP99(500))
        .build();
    // Healthy metrics for both versions; a real host plugs in the Prometheus metric source here.
    MetricSource metrics = query -> query.metric().name().equals(MetricCheck.REQUEST_SUCCESS_RATE)
        ? MetricObservation.of(Measurement.of(99.95, 5000), Measurement.of(99.9, 20000))
        : MetricObservation.of(Measurement.of(140, 5000), Measurement.of(130, 20000));
    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    CompletableFuture<Phase> done = new CompletableFuture<>();
    try (CanaryRunner runner = CanaryRunner.builder()
        .scheduler(new ExecutorScheduler(ticks))
        .router(new InMemoryRouter())
        .metrics(metrics)
        .workloads(new InMemoryWorkloads())
        .store(new InMemoryStateStore())
        .listener(event -> {
          if (event instanceof RunnerEvent.Decided d) {
            System.out.println(d.state().phase() + " " + d.state().split());
            if (d.state().phase().isTerminal()) {
              done.complete(d.state().phase());
            }
          }
        })
        .build()) {
      String id = runner.register(policy);
      runner.observeRevision(id, "v1"); // what the primary runs when the controller starts
      runner.start(id);
      runner.observeRevision(id, "v2"); // a deployment changed the pod template
      return done.get(30, TimeUnit.SECONDS);
    } finally {
      ticks.shutdownNow();
    }
  }
}
