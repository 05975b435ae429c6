package dev.canary4j.kubernetes.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server-side apply conflict: another field manager owns a field that the applied object sets.
 *
 * @param manager the other field manager, e.g. {@code kubectl-client-side-apply}
 * @param apiVersion the API version that manager wrote with, or empty
 * @param field the field path, e.g. {@code .spec.http}
 */
public record FieldConflict(String manager, String apiVersion, String field) {

  // The API server writes a cause as: conflict with "<manager>"[ with subresource "<s>"]
  // [ using <apiVersion>[ at <RFC 3339 time>]] (the field in the cause's own field), and joins
  // causes into its message with ": <field>" appended.
  private static final Pattern MESSAGE = Pattern.compile("conflict with \"([^\"]*)\"(?: with subresource \"[^\"]*\")?"
      + "(?: using ([^\\s:]+)(?: at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)?)?(?::\\s*(\\S.*))?");

  /** Parses a {@code FieldManagerConflict} cause; {@code null} when its message has another shape. */
  static FieldConflict fromCause(StatusCause cause) {
    Matcher m = MESSAGE.matcher(cause.message().strip());
    if (!m.matches()) {
      return null;
    }
    String field = !cause.field().isEmpty() ? cause.field() : m.group(3) == null ? "" : m.group(3);
    return new FieldConflict(m.group(1), m.group(2) == null ? "" : m.group(2), field);
  }

  /** The field and the manager owning it, e.g. {@code .spec.http (owned by "helm" using networking.istio.io/v1)}. */
  @Override
  public String toString() {
    return field + " (owned by \"" + manager + "\"" + (apiVersion.isEmpty() ? "" : " using " + apiVersion) + ")";
  }
}
