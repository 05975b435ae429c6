package dev.canary4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Command;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.ScenarioReader;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.spec.PolicyReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryMetricsTest {

  private static final Path EXAMPLES = Path.of("../examples");
  private static final String ID = "shop/podinfo";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CanaryMetrics metrics = new CanaryMetrics(registry);

  private Timeline simulate(String scenario, List<Scenario.ManualCommand> commands, List<RunnerEvent> seen)
      throws Exception {
    return Simulation.run(PolicyReader.read(EXAMPLES.resolve("policies/canary.yaml")),
        ScenarioReader.read(EXAMPLES.resolve("scenarios/" + scenario + ".yaml")).withCommands(commands), e -> {
          seen.add(e);
          metrics.onEvent(e);
        });
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void aRolledBackCanaryShowsItsPhaseWeightDecisionsAndRollback() throws Exception {
    List<RunnerEvent> seen = new ArrayList<>();
    simulate("bad-canary", List.of(), seen);

    long decisions = seen.stream().filter(e -> e instanceof RunnerEvent.Decided).count();
    long ticks = seen.stream().filter(e -> e instanceof RunnerEvent.TickCompleted).count();
    assertThat(registry.get("canary4j.decisions").tag("canary", ID).counters().stream().mapToDouble(c -> c.count()).sum())
        .isEqualTo(decisions);
    assertThat(registry.get("canary4j.decisions").tags("canary", ID, "input", "revision").counter().count()).isEqualTo(2);
    assertThat(registry.get("canary4j.rollbacks").tags("canary", ID, "phase", "FAILED").counter().count()).isEqualTo(1);
    assertThat(registry.find("canary4j.promotions").counter()).isNull();
    assertThat(gauge("canary4j.canary.weight", "canary", ID)).isZero();
    assertThat(gauge("canary4j.canary.phase", "canary", ID, "phase", "FAILED")).isEqualTo(1);
    assertThat(gauge("canary4j.canary.phase", "canary", ID, "phase", "PROGRESSING")).isZero();
    assertThat(registry.get("canary4j.ticks").tags("canary", ID, "outcome", "decided").timer().count()).isEqualTo(ticks);
    assertThat(registry.get("canary4j.adapter.calls").tags("adapter", "metric source", "outcome", "success").timer()
        .count()).isPositive();
  }

  @Test
  void theWeightGaugeFollowsTheCanaryWhileItProgressesAndPromotionsAndAbortsAreCounted() throws Exception {
    simulate("healthy", List.of(new Scenario.ManualCommand(3, Command.ABORT, "pager")), new ArrayList<>());
    assertThat(registry.get("canary4j.rollbacks").tags("canary", ID, "phase", "ABORTED").counter().count()).isEqualTo(1);
    assertThat(registry.get("canary4j.decisions").tags("canary", ID, "input", "command").counter().count()).isEqualTo(1);

    simulate("healthy", List.of(), new ArrayList<>());
    assertThat(registry.get("canary4j.promotions").tag("canary", ID).counter().count()).isEqualTo(1);
    assertThat(gauge("canary4j.canary.phase", "canary", ID, "phase", "SUCCEEDED")).isEqualTo(1);
  }

  @Test
  void providerErrorsAreCountedAsTransientAdapterFailures() throws Exception {
    simulate("scripted", List.of(), new ArrayList<>());

    assertThat(registry.get("canary4j.adapter.failures").tags("adapter", "metric source", "kind", "transient").counter()
        .count()).isEqualTo(1);
  }

  @Test
  void retriesArePerAdapterAndFailuresByKind() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    metrics.onEvent(new RunnerEvent.AdapterCalled(ID, at, "traffic router", "setting traffic", 1, Duration.ofMillis(30),
        RunnerEvent.CallOutcome.TRANSIENT_FAILURE, "503"));
    metrics.onEvent(new RunnerEvent.AdapterCalled(ID, at, "traffic router", "setting traffic", 2, Duration.ofMillis(20),
        RunnerEvent.CallOutcome.CIRCUIT_OPEN, "open"));
    metrics.onEvent(new RunnerEvent.AdapterCalled(ID, at, "traffic router", "setting traffic", 3, Duration.ofMillis(10),
        RunnerEvent.CallOutcome.SUCCESS, ""));

    assertThat(registry.get("canary4j.adapter.retries").tag("adapter", "traffic router").counter().count()).isEqualTo(2);
    assertThat(registry.get("canary4j.adapter.failures").tags("kind", "transient").counter().count()).isEqualTo(1);
    assertThat(registry.get("canary4j.adapter.failures").tags("kind", "circuit-open").counter().count()).isEqualTo(1);
    assertThat(registry.get("canary4j.adapter.calls").tags("outcome", "success").timer().totalTime(
        java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(10);
  }
}
