package dev.canary4j.internal.spec;

import dev.canary4j.policy.Violation;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node of a policy document at a known path, read as the type a field needs.
 *
 * <p>Each typed read returns {@code null} when the field is absent or null, and also when the value
 * has the wrong type, after recording a violation naming the path, the expected type and the value
 * found. The model then sees an absent field and applies its own rules and defaults; reading never
 * throws.
 */
public final class SpecNode {
  private final SpecTree value;
  private final String path;
  private final Findings findings;

  public SpecNode(SpecTree value, String path, Findings findings) {
    this.value = value;
    this.path = path;
    this.findings = findings;
  }

  public Findings findings() {
    return findings;
  }

  public String path() {
    return path;
  }

  /** Whether the field is missing or explicitly null. */
  public boolean isAbsent() {
    return value == null || value instanceof SpecTree.Scalar s && s.isNull();
  }

  /** Whether this is a scalar other than null. */
  public boolean isScalar() {
    return value instanceof SpecTree.Scalar s && !s.isNull();
  }

  /** Whether this is a mapping. */
  public boolean isMapping() {
    return value instanceof SpecTree.Mapping;
  }

  /** The field {@code key} of this mapping; absent when this is not a mapping. */
  public SpecNode get(String key) {
    SpecTree child = value instanceof SpecTree.Mapping m ? m.entries().get(key) : null;
    return new SpecNode(child, path.isEmpty() ? key : path + "." + key, findings);
  }

  /** The keys present in this mapping, in document order. */
  public List<String> keys() {
    return value instanceof SpecTree.Mapping m ? List.copyOf(m.entries().keySet()) : List.of();
  }

  /**
   * Whether this is a mapping, recording a violation when it is something else and one for each key
   * not in {@code known}. Absent nodes are not mappings and record nothing.
   */
  public boolean isMapping(List<String> known) {
    if (isAbsent()) {
      return false;
    }
    if (!(value instanceof SpecTree.Mapping m)) {
      fail("must be a mapping of " + String.join(", ", known));
      return false;
    }
    for (String key : m.entries().keySet()) {
      if (!known.contains(key)) {
        // An empty key would make an empty path segment; quote it so the message shows where it is.
        String at = key.isEmpty() ? (path.isEmpty() ? "''" : path + ".''") : get(key).path;
        findings.add(new Violation(at, "is not a known field (" + FieldNames.suggest(key, known) + ")", null));
      }
    }
    return true;
  }

  /** The items of this list, or an empty list when absent or not a list. */
  public List<SpecNode> items() {
    if (isAbsent()) {
      return List.of();
    }
    if (!(value instanceof SpecTree.Sequence s)) {
      fail("must be a list");
      return List.of();
    }
    List<SpecNode> items = new ArrayList<>();
    for (int i = 0; i < s.items().size(); i++) {
      items.add(new SpecNode(s.items().get(i), path + "[" + i + "]", findings));
    }
    return items;
  }

  /** Any scalar as written: a name, a URL, a header value. */
  public String text() {
    return scalar("must be text") ? ((SpecTree.Scalar) value).text() : null;
  }

  public Integer integer() {
    BigDecimal n = wholeNumber();
    if (n == null) {
      return null;
    }
    if (n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      fail("must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
      return null;
    }
    return n.intValue();
  }

  public Long longInteger() {
    BigDecimal n = wholeNumber();
    if (n == null) {
      return null;
    }
    if (n.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 || n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      fail("must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
      return null;
    }
    return n.longValue();
  }

  public Double number() {
    BigDecimal n = decimal("must be a number");
    return n == null ? null : finite(n.doubleValue());
  }

  /**
   * {@code value}, after a violation quoting what was written when it is beyond a double's range; the
   * infinite value is still returned, so that the model does not also miss the field.
   */
  private Double finite(double value) {
    if (Double.isInfinite(value)) {
      fail("must be a finite number");
    }
    return value;
  }

  public Boolean bool() {
    if (!scalar("must be true or false")) {
      return null;
    }
    SpecTree.Scalar s = (SpecTree.Scalar) value;
    if (s.kind() != SpecTree.Scalar.Kind.BOOLEAN) {
      fail("must be true or false");
      return null;
    }
    // YAML 1.1 spells booleans in several ways (yes, on, True); the parser has already judged them.
    String t = s.text().toLowerCase(Locale.ROOT);
    return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
  }

  /** A duration: Go style ({@code 30s}, {@code 1h30m}, {@code 500ms}) or ISO-8601 ({@code PT1M}). */
  public Duration duration() {
    String text = textOfKind("must be a duration such as 30s, 1m, 1h30m, 500ms or PT1M", SpecTree.Scalar.Kind.STRING);
    if (text == null) {
      return null;
    }
    Duration d = DurationText.parse(text);
    if (d == null) {
      fail("must be a duration such as 30s, 1m, 1h30m, 500ms or PT1M");
    }
    return d;
  }

  /** A percentage: {@code 10%} or the number {@code 10}. */
  public Double percent() {
    String expected = "must be a percentage such as 10% or 10";
    if (!scalar(expected)) {
      return null;
    }
    SpecTree.Scalar s = (SpecTree.Scalar) value;
    if (s.kind() == SpecTree.Scalar.Kind.INTEGER || s.kind() == SpecTree.Scalar.Kind.DECIMAL) {
      return number();
    }
    String t = s.text().strip();
    if (s.kind() == SpecTree.Scalar.Kind.STRING && t.endsWith("%")) {
      BigDecimal n = parseDecimal(t.substring(0, t.length() - 1).strip());
      if (n != null) {
        return finite(n.doubleValue());
      }
    }
    fail(expected);
    return null;
  }

  /** One of {@code choices}, by its name in policy files (case ignored). */
  public <T> T choice(Map<String, T> choices) {
    String expected = "must be one of " + String.join(", ", choices.keySet());
    String text = textOfKind(expected, SpecTree.Scalar.Kind.STRING);
    if (text == null) {
      return null;
    }
    for (Map.Entry<String, T> c : choices.entrySet()) {
      if (c.getKey().equalsIgnoreCase(text.strip())) {
        return c.getValue();
      }
    }
    fail(expected);
    return null;
  }

  public URI uri() {
    String text = text();
    if (text == null) {
      return null;
    }
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      fail("must be a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
      return null;
    }
  }

  /** A mapping of names to scalar values, for example template variables or gate metadata. */
  public Map<String, String> textMap() {
    if (isAbsent()) {
      return null;
    }
    if (!(value instanceof SpecTree.Mapping m)) {
      fail("must be a mapping of names to values");
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (String key : m.entries().keySet()) {
      SpecNode child = get(key);
      if (child.isAbsent()) {
        child.missing();
      } else {
        String text = child.text();
        if (text != null) {
          map.put(key, text);
        }
      }
    }
    return map;
  }

  /** Records that this node breaks {@code rule}, quoting the value found. */
  public void fail(String rule) {
    findings.add(new Violation(path, rule, describe(value)));
  }

  /** Records that this node, which is required, is missing. */
  public void missing() {
    findings.add(new Violation(path, "is required", null));
  }

  private BigDecimal wholeNumber() {
    BigDecimal n = decimal("must be an integer");
    if (n != null && n.stripTrailingZeros().scale() > 0) {
      fail("must be an integer");
      return null;
    }
    return n;
  }

  private BigDecimal decimal(String expected) {
    if (!scalar(expected)) {
      return null;
    }
    SpecTree.Scalar s = (SpecTree.Scalar) value;
    BigDecimal n = s.kind() == SpecTree.Scalar.Kind.INTEGER || s.kind() == SpecTree.Scalar.Kind.DECIMAL
        ? parseDecimal(s.text().replace("_", "")) : null;
    if (n == null) {
      fail(expected);
    }
    return n;
  }

  private String textOfKind(String expected, SpecTree.Scalar.Kind kind) {
    if (!scalar(expected)) {
      return null;
    }
    SpecTree.Scalar s = (SpecTree.Scalar) value;
    if (s.kind() != kind) {
      fail(expected);
      return null;
    }
    return s.text();
  }

  private boolean scalar(String expected) {
    if (isAbsent()) {
      return false;
    }
    if (!(value instanceof SpecTree.Scalar)) {
      fail(expected);
      return false;
    }
    return true;
  }

  private static BigDecimal parseDecimal(String text) {
    try {
      return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static String describe(SpecTree value) {
    if (value instanceof SpecTree.Mapping) {
      return "a mapping";
    }
    if (value instanceof SpecTree.Sequence) {
      return "a list";
    }
    if (value instanceof SpecTree.Scalar s) {
      if (s.isNull()) {
        return "null";
      }
      String text = s.text().length() > 80 ? s.text().substring(0, 77) + "..." : s.text();
      return s.kind() == SpecTree.Scalar.Kind.STRING ? "'" + text + "'" : text;
    }
    return null;
  }
}
