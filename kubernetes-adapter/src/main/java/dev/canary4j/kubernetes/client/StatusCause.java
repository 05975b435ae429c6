package dev.canary4j.kubernetes.client;

/**
 * One entry of a Kubernetes {@code Status}'s {@code details.causes}.
 *
 * @param reason machine-readable reason, e.g. {@code FieldValueInvalid} or {@code FieldManagerConflict}
 * @param message human-readable description
 * @param field the field concerned, e.g. {@code spec.http[0].route}, or empty
 */
public record StatusCause(String reason, String message, String field) {

  /**
   * Turns {@code null} parts into empty ones.
   *
   * @param reason the machine-readable reason, or {@code null}
   * @param message the human-readable description, or {@code null}
   * @param field the field concerned, or {@code null}
   */
  public StatusCause {
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
    field = field == null ? "" : field;
  }

  /** {@code <field>: <message>}, or the message alone without a field. */
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
