package dev.canary4j.kubernetes.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A Kubernetes {@code Status} error body, or what could be made of a body that was not one.
 *
 * @param code HTTP status code
 * @param reason the Status reason ({@code NotFound}, {@code Conflict}, {@code AlreadyExists},
 *     {@code Invalid}, ...), or empty
 * @param message the Status message, or the start of the body when it was not a Status
 * @param kind {@code details.kind}, or empty
 * @param name {@code details.name}, or empty
 * @param causes {@code details.causes}
 * @param retryAfterSeconds {@code details.retryAfterSeconds}, or empty
 */
public record KubeStatus(
    int code, String reason, String message, String kind, String name, List<StatusCause> causes,
    OptionalInt retryAfterSeconds) {

  /**
   * Turns {@code null} strings into empty ones and copies {@code causes}.
   *
   * @param code the HTTP status code
   * @param reason the Status reason, or {@code null}
   * @param message the Status message, or {@code null}
   * @param kind {@code details.kind}, or {@code null}
   * @param name {@code details.name}, or {@code null}
   * @param causes {@code details.causes}, or {@code null}
   * @param retryAfterSeconds {@code details.retryAfterSeconds}, or empty
   */
  public KubeStatus {
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
    kind = kind == null ? "" : kind;
    name = name == null ? "" : name;
    causes = causes == null ? List.of() : List.copyOf(causes);
  }

  /**
   * Reads {@code body} as a Status; a body that is not one becomes the message as it is.
   *
   * @param code the answer's HTTP status code
   * @param body the answer's body, possibly empty or not JSON
   * @param json the mapper to read the body with
   * @return the Status read, never {@code null}
   */
  public static KubeStatus parse(int code, String body, ObjectMapper json) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (Exception notJson) {
      node = null;
    }
    if (node == null || !"Status".equals(node.path("kind").asText())) {
      return new KubeStatus(code, "", body == null ? "" : body.strip(), "", "", List.of(), OptionalInt.empty());
    }
    JsonNode details = node.path("details");
    List<StatusCause> causes = new ArrayList<>();
    for (JsonNode c : details.path("causes")) {
      causes.add(new StatusCause(c.path("reason").asText(null), c.path("message").asText(null), c.path("field").asText(null)));
    }
    OptionalInt retryAfter = details.has("retryAfterSeconds")
        ? OptionalInt.of(details.path("retryAfterSeconds").asInt()) : OptionalInt.empty();
    return new KubeStatus(code, node.path("reason").asText(null), node.path("message").asText(null),
        details.path("kind").asText(null), details.path("name").asText(null), causes, retryAfter);
  }

  /**
   * This Status as it may be shown: message, reason, names and causes as short escaped excerpts
   * without {@code secrets} or credential-looking values (an error page may echo the request's headers).
   *
   * @param secrets values that must not appear (tokens, passwords); possibly empty
   * @return a copy safe to put in messages and logs
   */
  public KubeStatus redacted(List<String> secrets) {
    List<StatusCause> safeCauses = new ArrayList<>();
    for (StatusCause c : causes.subList(0, Math.min(causes.size(), 20))) {
      safeCauses.add(new StatusCause(safe(c.reason(), 100, secrets), safe(c.message(), 300, secrets), safe(c.field(), 200, secrets)));
    }
    return new KubeStatus(code, safe(reason, 100, secrets), safe(message, 500, secrets), safe(kind, 100, secrets),
        safe(name, 300, secrets), safeCauses, retryAfterSeconds);
  }

  private static String safe(String text, int max, List<String> secrets) {
    return text == null ? null : dev.canary4j.spi.ErrorText.excerpt(text, max, secrets);
  }

  /** {@code <code> <reason>: <message>}, leaving out empty parts. */
  @Override
  public String toString() {
    return code + (reason.isEmpty() ? "" : " " + reason) + (message.isEmpty() ? "" : ": " + message);
  }
}
