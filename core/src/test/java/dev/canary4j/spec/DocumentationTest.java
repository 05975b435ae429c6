package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.CanaryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What docs/policy.md shows is what the code does. */
class DocumentationTest {

  private static final Path POLICY_DOC = Path.of("../docs/policy.md");

  @Test
  void everyCompletePolicyInTheDocumentationReads() throws IOException {
    List<String> policies = new ArrayList<>();
    Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(POLICY_DOC));
    while (block.find()) {
      if (block.group(1).startsWith("target:")) {
        policies.add(block.group(1));
      }
    }

    assertThat(policies).isNotEmpty();
    for (String yaml : policies) {
      CanaryPolicy policy = PolicyReader.fromYaml(yaml);
      assertThat(policy.analysis().metrics()).isNotEmpty();
    }
  }

  @Test
  void theDecisionLogLinesShownAreTheOnesWritten() throws IOException {
    String doc = Files.readString(POLICY_DOC);
    Instant at = Instant.parse("2026-11-28T04:00:00Z");

    assertThat(doc).contains(
        StateCodec.toJson(new CanaryEvent.PhaseChanged(at, Phase.PROGRESSING, Phase.FAILED, "failure limit reached")),
        StateCodec.toJson(new Action.SetTraffic(TrafficSplit.allPrimary())));
  }
}
