package dev.canary4j.prometheus.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Prometheus API response body token by token, so that a large matrix becomes primitive
 * arrays without an intermediate tree or one object per sample.
 *
 * <p>Fields may come in any order; unknown fields are skipped. Stateless and thread-safe.
 */
public final class ResponseParser {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ResponseParser() {}

  /** Parses a whole response envelope from {@code body}. */
  public static ApiResponse parse(InputStream body) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "the response");
      String status = null;
      String errorType = null;
      String error = null;
      Data data = null;
      List<String> warnings = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "status" -> status = text(p, value, "status");
          case "errorType" -> errorType = text(p, value, "errorType");
          case "error" -> error = text(p, value, "error");
          case "warnings" -> readStrings(p, value, warnings, "warnings");
          case "data" -> data = value == JsonToken.VALUE_NULL ? null : readData(p, value);
          default -> p.skipChildren();
        }
      }
      if (status == null) {
        throw new MalformedResponseException("expected a Prometheus API response with a 'status' field but it had none");
      }
      ParsedResult result = "success".equals(status) && data != null ? data.toResult(warnings) : null;
      return new ApiResponse(status, errorType, error, result, warnings);
    }
  }

  /** What {@code data} held, before its type and shape are checked against each other. */
  private static final class Data {
    String resultType;
    List<ParsedSeries> series;
    boolean pair;
    long pairTime;
    String pairText;

    ParsedResult toResult(List<String> warnings) throws MalformedResponseException {
      if (resultType == null) {
        throw new MalformedResponseException("expected data.resultType but it was missing");
      }
      boolean single = switch (resultType) {
        case "vector", "matrix" -> false;
        case "scalar", "string" -> true;
        default -> throw new MalformedResponseException(
            "expected data.resultType 'vector', 'matrix', 'scalar' or 'string' but was '" + resultType + "'");
      };
      if (single != pair) {
        throw new MalformedResponseException("expected data.result to be " + (single ? "a [time, value] pair" : "a list of series")
            + " for resultType '" + resultType + "' but it was " + (pair ? "a [time, value] pair" : "a list of series or missing"));
      }
      return switch (resultType) {
        case "scalar" -> new ParsedResult(resultType,
            List.of(new ParsedSeries(Map.of(), new long[] {pairTime}, new double[] {scalarValue()})), null, warnings);
        case "string" -> new ParsedResult(resultType, List.of(), pairText, warnings);
        default -> new ParsedResult(resultType, series == null ? List.of() : series, null, warnings);
      };
    }

    private double scalarValue() throws MalformedResponseException {
      try {
        return SampleValues.parse(pairText);
      } catch (NumberFormatException e) {
        throw new MalformedResponseException("expected a number, NaN, +Inf or -Inf at data.result[1] but was '" + pairText + "'", e);
      }
    }
  }

  private static Data readData(JsonParser p, JsonToken token) throws IOException {
    expect(p, token, JsonToken.START_OBJECT, "data");
    Data data = new Data();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "resultType" -> data.resultType = text(p, value, "data.resultType");
        case "result" -> readResult(p, value, data);
        default -> p.skipChildren();
      }
    }
    return data;
  }

  private static void readResult(JsonParser p, JsonToken token, Data data) throws IOException {
    expect(p, token, JsonToken.START_ARRAY, "data.result");
    JsonToken first = p.nextToken();
    if (first == JsonToken.START_OBJECT) {
      data.series = readSeriesList(p, first);
    } else if (first == JsonToken.END_ARRAY) {
      data.series = List.of();
    } else {
      data.pair = true;
      data.pairTime = timestamp(p, first, "data.result[0]");
      data.pairText = text(p, p.nextToken(), "data.result[1]");
      expect(p, p.nextToken(), JsonToken.END_ARRAY, "data.result");
    }
  }

  private static List<ParsedSeries> readSeriesList(JsonParser p, JsonToken first) throws IOException {
    List<ParsedSeries> list = new ArrayList<>();
    SampleBuffer buffer = new SampleBuffer();
    JsonToken token = first;
    while (token != JsonToken.END_ARRAY) {
      String path = "data.result[" + list.size() + "]";
      expect(p, token, JsonToken.START_OBJECT, path);
      Map<String, String> labels = Map.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "metric" -> labels = readLabels(p, value, path + ".metric");
          case "value" -> readSample(p, value, buffer, path + ".value");
          case "values" -> readSamples(p, value, buffer, path + ".values");
          case "histogram", "histograms" -> throw new MalformedResponseException(
              "expected float samples at " + path + " but found native histogram samples, which are not supported; "
                  + "query a classic histogram (the _bucket series) instead");
          default -> p.skipChildren();
        }
      }
      list.add(buffer.drainTo(labels));
      token = p.nextToken();
    }
    return list;
  }

  private static Map<String, String> readLabels(JsonParser p, JsonToken token, String path) throws IOException {
    expect(p, token, JsonToken.START_OBJECT, path);
    Map<String, String> labels = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      labels.put(name, text(p, p.nextToken(), path + "." + name));
    }
    return labels;
  }

  private static void readSamples(JsonParser p, JsonToken token, SampleBuffer buffer, String path) throws IOException {
    expect(p, token, JsonToken.START_ARRAY, path);
    int index = 0;
    JsonToken next;
    while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
      if (next != JsonToken.START_ARRAY) {
        throw mismatch(p, "an array", next, at(path, index));
      }
      readPairBody(p, buffer, path, index);
      index++;
    }
  }

  private static void readSample(JsonParser p, JsonToken token, SampleBuffer buffer, String path) throws IOException {
    expect(p, token, JsonToken.START_ARRAY, path);
    readPairBody(p, buffer, path, -1);
  }

  /**
   * Reads {@code time, "value"]} after the opening bracket of a sample pair. This runs once per
   * sample, so the path of an error is only built when there is one.
   */
  private static void readPairBody(JsonParser p, SampleBuffer buffer, String path, int index) throws IOException {
    JsonToken timeToken = p.nextToken();
    long time = timestampOrMin(p, timeToken);
    if (time == Long.MIN_VALUE) {
      throw mismatch(p, "a timestamp in seconds", timeToken, at(path, index));
    }
    JsonToken valueToken = p.nextToken();
    if (valueToken != JsonToken.VALUE_STRING) {
      throw mismatch(p, "a sample value as a string", valueToken, at(path, index));
    }
    double value;
    try {
      value = SampleValues.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    } catch (NumberFormatException e) {
      throw new MalformedResponseException("expected a number, NaN, +Inf or -Inf at " + at(path, index)
          + " but was '" + p.getText() + "'", e);
    }
    JsonToken end = p.nextToken();
    if (end != JsonToken.END_ARRAY) {
      throw mismatch(p, "the end of an array", end, at(path, index));
    }
    buffer.add(time, value);
  }

  private static String at(String path, int index) {
    return index < 0 ? path : path + "[" + index + "]";
  }

  private static long timestamp(JsonParser p, JsonToken token, String path) throws IOException {
    long time = timestampOrMin(p, token);
    if (time == Long.MIN_VALUE) {
      throw mismatch(p, "a timestamp in seconds", token, path);
    }
    return time;
  }

  /** Epoch milliseconds of a timestamp token in seconds, or {@link Long#MIN_VALUE} when the token is no number. */
  private static long timestampOrMin(JsonParser p, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue() * 1000L;
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      long millis = SampleValues.secondsToMillis(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      return millis != Long.MIN_VALUE ? millis : Math.round(p.getDoubleValue() * 1000.0);
    }
    return Long.MIN_VALUE;
  }

  private static void readStrings(JsonParser p, JsonToken token, List<String> into, String path) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    expect(p, token, JsonToken.START_ARRAY, path);
    JsonToken next;
    while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
      into.add(text(p, next, path + "[" + into.size() + "]"));
    }
  }

  private static String text(JsonParser p, JsonToken token, String path) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw mismatch(p, "a string", token, path);
    }
    return p.getText();
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String path) throws IOException {
    if (actual != expected) {
      throw mismatch(p, describe(expected), actual, path);
    }
  }

  private static MalformedResponseException mismatch(JsonParser p, String expected, JsonToken actual, String path) {
    return new MalformedResponseException("expected " + expected + " at " + path + " but was " + describe(actual)
        + " (line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr() + ")");
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the body";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_ARRAY -> "the end of an array";
      case END_OBJECT -> "the end of an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }
}
