package dev.canary4j.prometheus.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PromQL query template with {@code {{ name }}} placeholders, rendered so that no value can change
 * the query's structure.
 *
 * <p>Rendering follows PromQL's lexical context: a placeholder inside a quoted string gets its value
 * escaped for that quote (and, when the string is the operand of {@code =~} or {@code !~}, escaped
 * as a regular expression that matches the value literally); inside a back-quoted raw string, which
 * has no escapes, a value holding a back quote is refused; outside strings only a number, a duration
 * or a name that is not a PromQL keyword is accepted; inside a comment only a value without line
 * breaks. A value that cannot be placed safely is an error naming the variable and the value.
 */
public final class QueryTemplate {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern DURATION = Pattern.compile("(?=[0-9])(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?"
      + "(?:[0-9]+m)?(?:[0-9]+s)?(?:[0-9]+ms)?");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  /*
   * The words PromQL's lexer reads as keywords whatever their case: binary operators, aggregators,
   * modifiers and the @ preprocessors. A bare value equal to one of them would be read as syntax
   * (`x > {{ v }}` with v = "or" joins in another expression), not as a name.
   */
  private static final Set<String> KEYWORDS = Set.of(
      "and", "or", "unless", "atan2",
      "sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "count_values",
      "quantile", "limitk", "limit_ratio",
      "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
      "start", "end", "step", "smoothed", "anchored");

  private final String template;

  /** The template {@code template}, with its placeholders found. */
  public QueryTemplate(String template) {
    this.template = template;
  }

  /** Where a placeholder sits. */
  private enum Context { CODE, DOUBLE_QUOTED, SINGLE_QUOTED, RAW, COMMENT }

  /**
   * The query with every placeholder replaced by its escaped value from {@code values}.
   *
   * @throws IllegalArgumentException naming the variable when it is unknown or its value cannot be placed safely
   */
  public String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + 64);
    Context context = Context.CODE;
    boolean regex = false;
    int i = 0;
    int n = template.length();
    // Searching for "}}" only when one lies ahead keeps rendering linear: a search either finds one
    // (and the scan jumps past it) or is never started, so no stretch of the template is read twice.
    int lastClose = template.lastIndexOf("}}");
    while (i < n) {
      char c = template.charAt(i);
      if (c == '{' && i + 1 < n && template.charAt(i + 1) == '{' && i + 2 <= lastClose) {
        int close = template.indexOf("}}", i + 2);
        if (close > 0) {
          String name = template.substring(i + 2, close).strip();
          out.append(place(name, values, context, regex));
          i = close + 2;
          continue;
        }
      }
      out.append(c);
      switch (context) {
        case CODE -> {
          if (c == '"' || c == '\'' || c == '`') {
            regex = followsRegexOperator(out, out.length() - 1);
            context = c == '"' ? Context.DOUBLE_QUOTED : c == '\'' ? Context.SINGLE_QUOTED : Context.RAW;
          } else if (c == '#') {
            context = Context.COMMENT;
          }
        }
        case DOUBLE_QUOTED, SINGLE_QUOTED -> {
          if (c == '\\' && i + 1 < n) {
            out.append(template.charAt(++i));
          } else if (c == (context == Context.DOUBLE_QUOTED ? '"' : '\'')) {
            context = Context.CODE;
          }
        }
        case RAW -> {
          if (c == '`') {
            context = Context.CODE;
          }
        }
        case COMMENT -> {
          // PromQL's lexer ends a comment at a line feed or a carriage return.
          if (c == '\n' || c == '\r') {
            context = Context.CODE;
          }
        }
      }
      i++;
    }
    return out.toString();
  }

  private static String place(String name, Map<String, String> values, Context context, boolean regex) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the template uses the unknown variable '" + name + "' (known: "
          + new java.util.TreeSet<>(values.keySet()) + ")");
    }
    String literal = regex ? PromQlLiterals.escapeRegex(value) : value;
    return switch (context) {
      case DOUBLE_QUOTED -> PromQlLiterals.escapeForString(literal, '"');
      case SINGLE_QUOTED -> PromQlLiterals.escapeForString(literal, '\'');
      case RAW -> {
        if (literal.indexOf('`') >= 0) {
          throw new IllegalArgumentException("variable '" + name + "' is inside a back-quoted string, which cannot escape "
              + "'`', but its value holds one: '" + value + "'");
        }
        yield literal;
      }
      case COMMENT -> {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
          throw new IllegalArgumentException("variable '" + name + "' is inside a comment, so its value must not hold a line break");
        }
        yield value;
      }
      case CODE -> {
        if (!isBareValue(value)) {
          throw new IllegalArgumentException("variable '" + name + "' is outside a quoted string, so its value must be a "
              + "number (0.5, -1e3), a duration (5m, 1h30m, 500ms) or a name matching [a-zA-Z_:][a-zA-Z0-9_:]* that is not "
              + "a PromQL keyword, but was '" + value + "'; put the placeholder in quotes for other values");
        }
        yield value;
      }
    };
  }

  /** Whether {@code value} reads as one number, duration or name wherever PromQL expects an operand. */
  private static boolean isBareValue(String value) {
    if (NUMBER.matcher(value).matches() || DURATION.matcher(value).matches()) {
      return true;
    }
    return NAME.matcher(value).matches() && !KEYWORDS.contains(value.toLowerCase(Locale.ROOT));
  }

  /** Whether the quote at {@code quoteIndex} opens the operand of a {@code =~} or {@code !~} matcher. */
  private static boolean followsRegexOperator(CharSequence text, int quoteIndex) {
    int j = quoteIndex - 1;
    while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
      j--;
    }
    return j >= 1 && text.charAt(j) == '~' && (text.charAt(j - 1) == '=' || text.charAt(j - 1) == '!');
  }
}
