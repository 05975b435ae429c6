package dev.canary4j.spec;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryState;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.GateType;
import java.util.stream.Collectors;

/**
 * Converts {@link CanaryState} to and from JSON, and writes events and actions as one-line JSON
 * objects for a decision log.
 *
 * <p>Instants are ISO-8601 strings; NaN and infinite values are the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, so that every state round-trips unchanged. Events and
 * actions carry a {@code "type"} field naming their kind ({@code "PhaseChanged"}, {@code "SetTraffic"});
 * their own gate type field is written as {@code "gateType"}. Thread-safe.
 */
public final class StateCodec {

  /** Names the concrete kind of an event or action in a {@code "type"} field, without touching the model. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private interface TypedByName {}

  /** Gate types are written as {@code "gateType"} so that they do not clash with the kind's {@code "type"}. */
  private interface GateTypeRenamed {
    @JsonProperty("gateType")
    GateType type();
  }

  /**
   * A verdict's guard-rail flag is written only when set, and read as unset when absent, so that other
   * verdicts, and states written before verdicts had the flag, read as they always did.
   */
  private interface GuardRailWhenSet {
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    boolean guardRail();
  }

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addMixIn(CanaryEvent.class, TypedByName.class)
      .addMixIn(Action.class, TypedByName.class)
      .addMixIn(Action.NotifyGates.class, GateTypeRenamed.class)
      .addMixIn(CanaryEvent.GateAnswered.class, GateTypeRenamed.class)
      .addMixIn(Verdict.class, GuardRailWhenSet.class)
      // Convenience predicates such as TrafficSplit.isAllPrimary() are not state.
      .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      // A null inside a list or map is reported with its path here rather than by List.copyOf without one.
      .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private StateCodec() {}

  /**
   * The state as a JSON object on one line.
   *
   * @param state the state to write
   * @return JSON that {@link #fromJson(String)} reads back to an equal state
   */
  public static String toJson(CanaryState state) {
    return write(CanaryState.class, state);
  }

  /**
   * The event as a one-line JSON object whose {@code "type"} names the event, for example
   * {@code PhaseChanged}.
   *
   * @param event the event to write
   * @return the JSON text
   */
  public static String toJson(CanaryEvent event) {
    return write(CanaryEvent.class, event);
  }

  /**
   * The action as a one-line JSON object whose {@code "type"} names the action, for example
   * {@code SetTraffic}.
   *
   * @param action the action to write
   * @return the JSON text
   */
  public static String toJson(Action action) {
    return write(Action.class, action);
  }

  /**
   * The state that {@link #toJson(CanaryState)} wrote.
   *
   * @param json a state as {@link #toJson(CanaryState)} wrote it
   * @return the state
   * @throws StateFormatException if {@code json} is not well-formed JSON or not a valid state; the
   *     message names the line, column and field
   */
  public static CanaryState fromJson(String json) {
    if (json == null) {
      throw new StateFormatException("expected a JSON object but was null", -1, -1, "", null);
    }
    try {
      CanaryState state = MAPPER.readValue(json, CanaryState.class);
      if (state == null) {
        throw new StateFormatException("expected a JSON object but was null", 1, 1, "", null);
      }
      return state;
    } catch (JacksonException e) {
      throw describe(e);
    }
  }

  private static <T> String write(Class<T> type, T value) {
    if (value == null) {
      throw new IllegalArgumentException("Expected a " + type.getSimpleName() + " to write but was null");
    }
    try {
      return MAPPER.writerFor(type).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Every model type is a plain record or enum; failing here is a bug, not bad input.
      throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static StateFormatException describe(JacksonException e) {
    JsonLocation at = e.getLocation();
    int line = at == null ? -1 : at.getLineNr();
    int column = at == null ? -1 : at.getColumnNr();
    String path = e instanceof JsonMappingException m ? path(m) : "";
    return new StateFormatException(detail(e), line, column, path, e);
  }

  private static String detail(JacksonException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "' (known: "
          + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      Throwable cause = e.getCause();
      if (cause instanceof NullPointerException) {
        // The model's requireNonNull names the field; List.copyOf and Map.copyOf name nothing.
        return cause.getMessage() == null ? "null is not allowed here" : "the field '" + cause.getMessage() + "' is required";
      }
      return String.valueOf(cause.getMessage());
    }
    return e.getOriginalMessage().replaceAll(" \\(set DeserializationConfig[^)]*\\)", "");
  }

  private static String path(JsonMappingException e) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.toString();
  }
}
