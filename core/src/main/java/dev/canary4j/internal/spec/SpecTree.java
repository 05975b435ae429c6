package dev.canary4j.internal.spec;

import java.util.List;
import java.util.Map;

/**
 * A parsed policy document, before any meaning is given to it: mappings, lists and scalars, each
 * with the line and column where it starts.
 *
 * <p>Scalars keep their source text, so that a YAML header value written {@code 1.10} stays
 * {@code "1.10"} and is not turned into the number 1.1.
 */
public sealed interface SpecTree {

  int line();

  int column();

  /** Where this node starts, for messages. */
  default String location() {
    return "line " + line() + ", column " + column();
  }

  /** A mapping, keys in document order. */
  record Mapping(Map<String, SpecTree> entries, int line, int column) implements SpecTree {}

  /** A list. */
  record Sequence(List<SpecTree> items, int line, int column) implements SpecTree {}

  /** A scalar: its kind as the parser saw it and its text as written. */
  record Scalar(Kind kind, String text, int line, int column) implements SpecTree {

    /** What the parser made of the scalar. */
    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    boolean isNull() {
      return kind == Kind.NULL;
    }
  }
}
