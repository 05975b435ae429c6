package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canary4j.policy.Violation;
import org.junit.jupiter.api.Test;

/** Scenario documents built to cost the loader time or memory are answered with a typed error at once. */
class BoundedScenarioLoadingTest {

  @Test
  void aScenarioAboveTheSizeLimitIsRefusedBeforeItIsParsed() {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioReader.fromYaml("ticks: 1\n# " + "x".repeat(300_000)));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("(document)");
      assertThat(v.message()).isEqualTo("must be at most 262144 bytes (256 KiB) of UTF-8 text");
    });
  }

  @Test
  void aTickCountOfAQuarterMillionDigitsIsRefusedUnparsed() {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioReader.fromYaml("ticks: " + "7".repeat(250_000) + "\n"));

    assertThat(e.violations()).extracting(Violation::message).contains("must be an integer of at most 100 characters");
  }
}
