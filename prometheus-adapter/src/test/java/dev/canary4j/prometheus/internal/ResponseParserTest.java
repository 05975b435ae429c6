package dev.canary4j.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

  static ApiResponse parse(String json) throws IOException {
    return ResponseParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsFieldsInAnyOrderAndSkipsUnknownOnes() throws IOException {
    ApiResponse r = parse("{\"data\":{\"stats\":{\"timings\":{\"a\":[1,2]}},\"result\":[{\"value\":[1,\"2\"],\"metric\":{\"a\":\"b\"},"
        + "\"extra\":{}}],\"resultType\":\"vector\"},\"infos\":[\"x\"],\"status\":\"success\"}");

    assertThat(r.isSuccess()).isTrue();
    assertThat(r.result().type()).isEqualTo("vector");
    assertThat(r.result().series().get(0).labels().get("a")).isEqualTo("b");
    assertThat(r.result().series().get(0).values()[0]).isEqualTo(2.0);
  }

  @Test
  void readsAnErrorEnvelope() throws IOException {
    ApiResponse r = parse("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter\",\"warnings\":[\"w\"]}");

    assertThat(r.isSuccess()).isFalse();
    assertThat(r.errorType()).isEqualTo("bad_data");
    assertThat(r.error()).isEqualTo("invalid parameter");
    assertThat(r.warnings()).containsExactly("w");
  }

  @Test
  void keepsManySamplesOfManySeriesApart() throws IOException {
    StringBuilder json = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
    for (int s = 0; s < 3; s++) {
      json.append(s > 0 ? "," : "").append("{\"metric\":{\"s\":\"").append(s).append("\"},\"values\":[");
      for (int i = 0; i < 100; i++) {
        json.append(i > 0 ? "," : "").append('[').append(1000 + i).append(".5,\"").append(s * 1000 + i).append("\"]");
      }
      json.append("]}");
    }
    ApiResponse r = parse(json.append("]}}").toString());

    assertThat(r.result().series()).hasSize(3);
    assertThat(r.result().series().get(2).values().length).isEqualTo(100);
    assertThat(r.result().series().get(2).values()[99]).isEqualTo(2099.0);
    assertThat(r.result().series().get(2).timestamps()[99]).isEqualTo(1_099_500L);
    assertThat(r.result().series().get(0).values()[0]).isEqualTo(0.0);
  }

  @Test
  void aWrongShapeNamesThePathWhereItWasFound() {
    assertThatThrownBy(() -> parse("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
        + "{\"metric\":{},\"values\":[[1,\"1\"],[2,3]]}]}}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("expected a sample value as a string at data.result[0].values[1] but was a number");
  }

  @Test
  void aSampleValueThatIsNotANumberNamesThePathAndTheText() {
    assertThatThrownBy(() -> parse("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{},\"value\":[1,\"Infinity\"]}]}}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("expected a number, NaN, +Inf or -Inf at data.result[0].value but was 'Infinity'");
  }

  @Test
  void aResultTypeThatDisagreesWithTheResultIsMalformed() {
    assertThatThrownBy(() -> parse("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[]}}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("expected data.result to be a [time, value] pair for resultType 'scalar'");
  }

  @Test
  void nativeHistogramSamplesAreRefusedByName() {
    assertThatThrownBy(() -> parse("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{},\"histogram\":[1,{}]}]}}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("native histogram samples");
  }

  @Test
  void aMissingStatusIsMalformed() {
    assertThatThrownBy(() -> parse("{\"data\":null}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("'status'");
  }

  @Test
  void htmlIsAJsonParseError() {
    assertThatThrownBy(() -> parse("<html>")).isInstanceOf(JsonParseException.class);
  }
}
