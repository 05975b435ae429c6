package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign over randomized schedules in the build: every invariant holds in each of the
 * schedules of seeds 0 to 1 999. {@code benchmarks}' {@code FaultCampaignRun} runs 100 000 and prints
 * the counts.
 */
class FaultCampaignTest {

  private static final int SCHEDULES = 2_000;

  @Test
  void everyInvariantHoldsInEverySchedule() {
    List<String> failures = new ArrayList<>();
    for (long seed = 0; seed < SCHEDULES; seed++) {
      FaultCampaign.Result result = FaultCampaign.run(seed);
      if (!result.violations().isEmpty()) {
        failures.add("seed " + seed + ": " + result.violations());
      }
    }

    assertThat(failures).as("schedules that broke an invariant").isEmpty();
  }
}
