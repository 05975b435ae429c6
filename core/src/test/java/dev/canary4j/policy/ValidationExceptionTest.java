package dev.canary4j.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.spec.StateCodec;
import dev.canary4j.spec.StateFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationExceptionTest {

  private static final Violation MAX = new Violation("analysis.metrics[1].max", "must be greater than min (5.0)", "2.0");
  private static final Violation NAME = new Violation("analysis.metrics[0].name", "is required", null);

  @Test
  void oneViolationFollowsWhatWasReadOnOneLine() {
    InvalidPolicyException e = new InvalidPolicyException("canary.yaml", List.of(MAX));

    assertThat(e).hasMessage("Invalid canary policy in canary.yaml: analysis.metrics[1].max: must be greater than min "
        + "(5.0), but was 2.0");
    assertThat(e.violations()).containsExactly(MAX);
    assertThat(e.source()).isEqualTo("canary.yaml");
  }

  @Test
  void severalViolationsAreCountedAndIndentedOnePerLine() {
    InvalidPolicyException e = new InvalidPolicyException(List.of(NAME, MAX));

    assertThat(e).isInstanceOf(ValidationException.class).hasMessage("Invalid canary policy (2 problems):\n"
        + "  analysis.metrics[0].name: is required\n"
        + "  analysis.metrics[1].max: must be greater than min (5.0), but was 2.0");
    assertThat(e.source()).isNull();
  }

  @Test
  void aStateThatCannotBeReadCarriesWhereReadingStoppedAsItsViolation() {
    assertThatThrownBy(() -> StateCodec.fromJson("{\"phase\": 7}")).isInstanceOfSatisfying(StateFormatException.class, e -> {
      assertThat(e).isInstanceOf(ValidationException.class);
      assertThat(e.getMessage()).startsWith("Invalid canary state JSON at line 1");
      assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.path()).isEqualTo(e.path()));
    });
  }
}
