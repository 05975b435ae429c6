package dev.canary4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

  @Test
  void theControllerLoopPromotesTheNewRevisionOnARealScheduler() throws Exception {
    assertThat(EmbeddingExample.run(Duration.ofMillis(10))).isEqualTo(Phase.SUCCEEDED);
  }
}
