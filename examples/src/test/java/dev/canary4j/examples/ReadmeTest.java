package dev.canary4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Phase;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TrafficModel;
import dev.canary4j.simulation.TrafficModel.Behaviour;
import dev.canary4j.spec.PolicyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's first screen true: its policy is the example file, and its call does what it says. */
class ReadmeTest {

  @Test
  void theReadmePolicyIsTheExampleCanaryPolicy() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(yaml.find()).as("a yaml block in README.md").isTrue();

    CanaryPolicy fromReadme = PolicyReader.fromYaml(yaml.group(1));

    assertThat(fromReadme).isEqualTo(PolicyReader.read(Path.of("policies/canary.yaml")));
  }

  @Test
  void theReadmeCallRollsBackTheBadReleaseBeforeItTakesAQuarterOfTheTraffic() throws Exception {
    CanaryPolicy policy = PolicyReader.read(Path.of("policies/canary.yaml"));
    Timeline timeline = Simulation.run(policy, Scenario.ofTraffic("bad release", 1, 40,
        TrafficModel.of(50, Behaviour.of(0.1, 80), Behaviour.of(2, 85))));

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.canaryWeights()).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(20));
  }
}
