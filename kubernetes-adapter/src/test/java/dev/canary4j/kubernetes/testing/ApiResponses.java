package dev.canary4j.kubernetes.testing;

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

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
