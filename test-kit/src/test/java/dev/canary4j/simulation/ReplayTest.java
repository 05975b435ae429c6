package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Phase;
import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying a policy over recorded metrics with the real runner and machine. */
class ReplayTest {

  private static final Instant START = Instant.parse("2026-03-01T13:00:00Z");

  private final List<Instant> measuredAt = new ArrayList<>();

  private static CanaryPolicy policy() {
    return CanaryPolicy.builder().target("shop", "payments").strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1)).metric(MetricCheck.successRate(99))
        .limits(new Limits(Limit.rollbackAt(3), null, null, null))
        .gate(new GateSpec("approve", GateType.CONFIRM_PROMOTION, null, null, null, null, null))
        .gate(new GateSpec("load", GateType.ROLLOUT, java.net.URI.create("http://loadtester/"), null, null, null, null))
        .build();
  }

  /** Recorded history: the canary's success rate is {@code canary} at every time. */
  private Timeline replay(double canary, int ticks) {
    return Replay.run(policy(), "history", START, ticks, (MetricQuery q) -> {
      measuredAt.add(q.end());
      return MetricObservation.of(Measurement.of(canary, 1000), Measurement.of(99.9, 1000));
    });
  }

  @Test
  void aBadHistoryRollsBackAtTheThirdFailedAnalysisMeasuredAtEachTicksTime() {
    Timeline timeline = replay(97, 30);

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.ticks()).hasSize(4);
    assertThat(timeline.tick(4).at()).isEqualTo(START.plus(Duration.ofMinutes(3)));
    assertThat(measuredAt).containsExactly(START.plusSeconds(60), START.plusSeconds(120), START.plusSeconds(180));
  }

  @Test
  void aGoodHistoryIsPromotedWithManualAndWebhookGatesTakenAsOpen() {
    Timeline timeline = replay(99.9, 30);

    assertThat(timeline.outcome()).isEqualTo(Phase.SUCCEEDED);
    assertThat(timeline.canaryWeights()).contains(10, 20, 30, 40, 50);
    assertThat(timeline.ticks()).anySatisfy(t -> assertThat(t.gates()).containsKey("load"));
  }

  @Test
  void aRangeTooShortToDecideEndsUndecided() {
    Timeline timeline = replay(99.9, 3);

    assertThat(timeline.ticks()).hasSize(3);
    assertThat(timeline.outcome()).isEqualTo(Phase.PROGRESSING);
  }
}
