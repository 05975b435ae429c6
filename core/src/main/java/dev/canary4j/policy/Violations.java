package dev.canary4j.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects violations while a policy tree is checked, tracking the path of the current field. */
final class Violations {
  private final List<Violation> found = new ArrayList<>();

  /** An unmodifiable copy that keeps null elements, so validation can report them by index. */
  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /** An unmodifiable copy that keeps null values and the key order. */
  static <K, V> Map<K, V> copy(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  void add(String path, String message, Object value) {
    found.add(new Violation(path, message, value == null ? null : String.valueOf(value)));
  }

  void missing(String path) {
    found.add(new Violation(path, "is required", null));
  }

  void require(boolean ok, String path, String message, Object value) {
    if (!ok) {
      add(path, message, value);
    }
  }

  void requirePercent(Integer value, String path) {
    if (value != null && (value < 0 || value > 100)) {
      add(path, "must be between 0 and 100", value);
    }
  }

  void requirePositive(Number value, String path) {
    if (value != null && value.doubleValue() <= 0) {
      add(path, "must be greater than 0", value);
    }
  }

  void requireNonNegative(Number value, String path) {
    if (value != null && value.doubleValue() < 0) {
      add(path, "must not be negative", value);
    }
  }

  /**
   * The longest duration a policy may name: longer ones are surely mistakes, and adding them to an
   * instant could leave the range of {@link java.time.Instant}.
   */
  static final java.time.Duration MAX_DURATION = java.time.Duration.ofDays(366);

  /** A duration, when given, must be greater than 0 and at most {@link #MAX_DURATION}. */
  void requireDuration(java.time.Duration value, String path) {
    if (value == null) {
      return;
    }
    if (value.isNegative() || value.isZero()) {
      add(path, "must be greater than 0", value);
    } else if (value.compareTo(MAX_DURATION) > 0) {
      add(path, "must be at most 366 days (P366D)", value);
    }
  }

  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidPolicyException(found);
    }
  }
}
