package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The fault campaign over randomized schedules in the build: every invariant holds in each of about
 * 2 000 schedules. {@code benchmarks}' {@code FaultCampaignRun} runs 100 000 and prints the counts.
 */
class FaultCampaignTest {

  @Property(tries = 2000, seed = "20261205")
  void everyInvariantHoldsInEverySchedule(@ForAll long seed) {
    FaultCampaign.Result result = FaultCampaign.run(seed);

    assertThat(result.violations()).as("schedule of seed %d", seed).isEmpty();
  }
}
