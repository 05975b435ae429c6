package dev.canary4j.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryMachine;
import dev.canary4j.Decision;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Over random policies and rollouts (seeded), a tick evaluates only the gates that {@link
 * CanaryMachine#plan} asked for: answers of the other gates, open or closed, change nothing.
 */
class PlannedGatesTest {

  @Test
  void everyGateATickEvaluatesWasPlanned() {
    int[] ticks = {0};
    MachinePropertiesTest.explore(7_000, c -> {
      if (!(c.input() instanceof Input.Tick tick)) {
        return;
      }
      ticks[0]++;
      Set<String> planned = CanaryMachine.plan(c.policy(), c.before()).gates().stream().map(GateSpec::name)
          .collect(Collectors.toSet());
      Decision unplannedOpen = CanaryMachine.decide(c.policy(), c.before(), withUnplanned(c, tick, planned, true), c.at());
      Decision unplannedClosed = CanaryMachine.decide(c.policy(), c.before(), withUnplanned(c, tick, planned, false), c.at());

      assertThat(unplannedOpen).as("seed %d, %s: unplanned gates open", c.seed(), c.before().phase())
          .isEqualTo(c.decision());
      assertThat(unplannedClosed).as("seed %d, %s: unplanned gates closed", c.seed(), c.before().phase())
          .isEqualTo(c.decision());
      for (CanaryEvent e : c.decision().events()) {
        if (e instanceof CanaryEvent.GateAnswered answered && answered.type() != GateType.POST_ROLLOUT) {
          assertThat(planned).as("seed %d, %s", c.seed(), c.before().phase()).contains(answered.gate());
        }
      }
      assertThat(c.after().gateWaits().keySet()).as("seed %d", c.seed())
          .allMatch(gate -> planned.contains(gate) || c.before().gateWaits().containsKey(gate));
    });
    assertThat(ticks[0]).as("ticks checked").isGreaterThan(10_000);
  }

  /** {@code tick} with every gate of the policy that was not planned answered {@code open}. */
  private static Input.Tick withUnplanned(MachinePropertiesTest.Context c, Input.Tick tick, Set<String> planned,
      boolean open) {
    Map<String, GateResult> answers = new HashMap<>(tick.gates());
    for (GateSpec g : c.policy().gates()) {
      if (!planned.contains(g.name())) {
        answers.put(g.name(), new GateResult(open, open ? "unplanned, open" : "unplanned, closed"));
      }
    }
    return new Input.Tick(tick.verdicts(), answers, tick.evidence(), tick.readiness());
  }
}
