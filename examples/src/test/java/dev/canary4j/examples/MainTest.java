package dev.canary4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theDemoPromotesTheHealthyCanaryAndRollsBackTheBadOneWithOneLinePerTick() {
    int exit = run("demo");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(printed).contains("[healthy] tick  1  PROGRESSING        primary  90% canary  10%");
    assertThat(printed).containsPattern("\\[healthy] tick  2  PROGRESSING +primary  80% canary  20%  success \\d+\\.\\d\\d%  p99 \\d+\\.\\d ms");
    assertThat(printed).contains("[healthy] PROMOTED after 8 ticks: request-success-rate PASS");
    assertThat(printed).containsPattern("\\[bad] ROLLED BACK after \\d+ ticks: request-success-rate FAIL_LOW - canary \\d+(\\.\\d+)? is below the minimum 99");
  }

  @Test
  void anUnknownCommandIsInvalidInput() {
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'deploy'");
  }

  @Test
  void anUnexpectedFailureExitsWithFourAndItsTraceNotWithTheRolledBackCode() {
    assertThat(run(new String[] {null})).isEqualTo(4);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unexpected failure").contains("NullPointerException");
  }
}
