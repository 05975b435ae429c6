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
import dev.canary4j.spi.MetricSource;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RangeMetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

  /** History in which the canary's success rate drops from 99.9 to 97 after {@code minutes} minutes. */
  private static Function<Instant, Double> dropsAfter(int minutes) {
    return at -> at.isBefore(START.plus(Duration.ofMinutes(minutes))) ? 99.9 : 97.0;
  }

  /** A source of {@code history} that counts its calls and can also measure ranges. */
  private static final class RangeHistory implements RangeMetricSource {
    final Function<Instant, Double> history;
    final List<Instant> measuredAt = new ArrayList<>();
    final List<String> ranges = new ArrayList<>();
    boolean rangeFails;

    RangeHistory(Function<Instant, Double> history) {
      this.history = history;
    }

    @Override
    public MetricObservation measure(MetricQuery q) {
      measuredAt.add(q.end());
      return MetricObservation.of(Measurement.of(history.apply(q.end()), 1000), Measurement.of(99.9, 1000));
    }

    @Override
    public List<MetricObservation> measureRange(MetricQuery first, Duration step, int count) {
      ranges.add(first.metric().name() + " from " + first.end() + " every " + step + " x" + count);
      if (rangeFails) {
        throw new PermanentAdapterException("no range today");
      }
      List<MetricObservation> seen = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Instant at = first.end().plus(step.multipliedBy(i));
        seen.add(MetricObservation.of(Measurement.of(history.apply(at), 1000), Measurement.of(99.9, 1000)));
      }
      return seen;
    }
  }

  @Test
  void aRangeSourceIsAskedOncePerMetricAndTheTimelineIsTheOneOfMeasuringTickByTick() {
    RangeHistory ranged = new RangeHistory(dropsAfter(3));
    RangeHistory plain = new RangeHistory(dropsAfter(3));

    Timeline withRanges = Replay.run(policy(), "history", START, 30, ranged);
    Timeline tickByTick = Replay.run(policy(), "history", START, 30, (MetricSource) plain::measure);

    assertThat(ranged.ranges).containsExactly("request-success-rate from " + START + " every PT1M x30");
    assertThat(ranged.measuredAt).isEmpty();
    assertThat(plain.measuredAt).hasSize(5);
    assertThat(withRanges.outcome()).isEqualTo(Phase.FAILED);
    assertThat(withRanges).isEqualTo(tickByTick);
  }

  @Test
  void aMetricWhoseRangeFailsIsMeasuredTickByTickAsWithoutRanges() {
    RangeHistory failing = new RangeHistory(dropsAfter(3));
    failing.rangeFails = true;

    Timeline timeline = Replay.run(policy(), "history", START, 30, failing);

    assertThat(failing.ranges).hasSize(1);
    assertThat(failing.measuredAt).hasSize(5);
    assertThat(timeline).isEqualTo(Replay.run(policy(), "history", START, 30, (MetricSource) new RangeHistory(dropsAfter(3))::measure));
  }

  @Test
  void ticksAreALookIntervalApartWhenThePolicyLooksMoreOftenThanItSteps() {
    CanaryPolicy looking = CanaryPolicy.builder().target("shop", "payments").strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1)).lookInterval(Duration.ofSeconds(20)).metric(MetricCheck.successRate(99))
        .limits(new Limits(Limit.rollbackAt(3), null, null, null)).build();
    RangeHistory ranged = new RangeHistory(at -> 97.0);

    Timeline timeline = Replay.run(looking, "history", START, 30, ranged);

    assertThat(ranged.ranges).containsExactly("request-success-rate from " + START + " every PT20S x30");
    assertThat(timeline.tick(2).at()).isEqualTo(START.plusSeconds(20));
  }
}
