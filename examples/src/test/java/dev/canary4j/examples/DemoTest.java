package dev.canary4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void promotesTheHealthyCanaryAndRollsBackTheBadOne() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int promoted = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(promoted).isEqualTo(1);
    assertThat(out).contains("[healthy] PROMOTED");
    assertThat(out).containsPattern("\\[bad\\] ROLLED BACK: request-(success-rate|duration) FAIL_(LOW|HIGH) - canary ");
    assertThat(out).contains("[healthy] tick  1  PROGRESSING  primary  90% canary  10%");
  }
}
