package dev.canary4j.kubernetes.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/** Responses shaped like the Kubernetes API server's documented ones. */
public final class ApiResponses {

  private ApiResponses() {}

  /** A 200 answer with {@code json}. */
  public static MockResponse ok(String json) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(json).build();
  }

  /** A 201 answer with {@code json}. */
  public static MockResponse created(String json) {
    return new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json").body(json).build();
  }

  /** A {@code Status} failure body; {@code details} is a JSON object or {@code null}. */
  public static MockResponse status(int code, String reason, String message, String details) {
    String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":" + quote(message) + ",\"reason\":\"" + reason + "\""
        + (details == null ? "" : ",\"details\":" + details) + ",\"code\":" + code + "}";
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  /** The 404 the API server sends for an object that does not exist. */
  public static MockResponse notFound(String group, String plural, String name) {
    return status(404, "NotFound", plural + (group.isEmpty() ? "" : "." + group) + " \"" + name + "\" not found",
        "{\"name\":\"" + name + "\"," + (group.isEmpty() ? "" : "\"group\":\"" + group + "\",") + "\"kind\":\"" + plural + "\"}");
  }

  /** The plain-text 404 the API server sends for a group version it does not serve. */
  public static MockResponse pageNotFound() {
    return new MockResponse.Builder().code(404).addHeader("Content-Type", "text/plain; charset=utf-8")
        .body("404 page not found\n").build();
  }

  /** The 409 the API server sends when a PUT carries a stale resourceVersion. */
  public static MockResponse staleResourceVersion(String group, String plural, String name) {
    return status(409, "Conflict", "Operation cannot be fulfilled on " + plural + (group.isEmpty() ? "" : "." + group)
        + " \"" + name + "\": the object has been modified; please apply your changes to the latest version and try again",
        "{\"name\":\"" + name + "\"," + (group.isEmpty() ? "" : "\"group\":\"" + group + "\",") + "\"kind\":\"" + plural + "\"}");
  }

  /**
   * The 409 a server-side apply gets when it would change fields other managers own: one
   * {@code FieldManagerConflict} cause per field, and a message grouping the fields by manager.
   */
  static MockResponse applyConflict(List<FieldOwnership.Conflict> conflicts) {
    Map<String, List<String>> byManager = new LinkedHashMap<>();
    for (FieldOwnership.Conflict c : conflicts) {
      byManager.computeIfAbsent("\"" + c.manager() + "\" using " + c.apiVersion(), k -> new ArrayList<>()).add(c.field());
    }
    String message;
    if (conflicts.size() == 1) {
      message = "Apply failed with 1 conflict: conflict with " + byManager.keySet().iterator().next() + ": "
          + conflicts.get(0).field();
    } else {
      StringBuilder b = new StringBuilder("Apply failed with " + conflicts.size() + " conflicts:");
      byManager.forEach((manager, fields) -> {
        b.append(fields.size() == 1 ? " conflict with " : " conflicts with ").append(manager).append(":");
        fields.forEach(f -> b.append("\n- ").append(f));
      });
      message = b.toString();
    }
    List<String> causes = conflicts.stream().map(c -> "{\"reason\":\"FieldManagerConflict\",\"message\":"
        + quote("conflict with \"" + c.manager() + "\" using " + c.apiVersion()) + ",\"field\":" + quote(c.field())
        + "}").toList();
    return status(409, "Conflict", message, "{\"causes\":" + causes + "}");
  }

  /** {@code s} as a JSON string literal. */
  public static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
