package dev.canary4j.examples.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A small in-memory Kubernetes API server for MockWebServer: discovery, GET, POST (409 when the
 * object exists), PUT (409 on a stale resourceVersion), JSON merge patch and server-side apply
 * (merged, with the resourceVersion precondition). Every write is recorded with its body.
 */
final class FakeKubernetes extends Dispatcher {

  /** One write the controller made. */
  record Write(String method, String path, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SERVED = Set.of("/api/v1", "/apis/apps/v1", "/apis/coordination.k8s.io/v1",
      "/apis/networking.istio.io/v1");
  private final Map<String, ObjectNode> objects = new HashMap<>();
  private final List<Write> writes = new ArrayList<>();
  private int resourceVersion = 1000;

  /** Stores {@code json} at {@code path}, as if someone created or replaced it. */
  synchronized void put(String path, String json) {
    try {
      store(path, (ObjectNode) JSON.readTree(json));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The object at {@code path}, or {@code null}. */
  synchronized ObjectNode get(String path) {
    ObjectNode o = objects.get(path);
    return o == null ? null : o.deepCopy();
  }

  /** The writes to {@code path}, oldest first. */
  synchronized List<Write> writesTo(String path) {
    return writes.stream().filter(w -> w.path().equals(path)).toList();
  }

  /** Waits until something was written to {@code path}; false if nothing was within {@code timeout}. */
  synchronized boolean awaitWrite(String path, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (writesTo(path).isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(left / 1_000_000 + 1);
    }
    return true;
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    if (SERVED.contains(path)) {
      return answer(200, "{\"kind\":\"APIResourceList\"}");
    }
    try {
      ObjectNode current = objects.get(path);
      if (method.equals("GET")) {
        return current == null ? status(404, "NotFound") : answer(200, current.toString());
      }
      String text = request.getBody().utf8();
      JsonNode body = method.equals("PATCH") && request.getHeaders().get("Content-Type").startsWith("application/apply")
          ? new YAMLMapper().readTree(text) : JSON.readTree(text);
      String target = method.equals("POST") ? path + "/" + body.at("/metadata/name").asText() : path;
      writes.add(new Write(method, target, body.deepCopy()));
      MockResponse response = write(method, target, objects.get(target), (ObjectNode) body, request);
      notifyAll();
      return response;
    } catch (Exception e) {
      return status(500, "InternalError");
    }
  }

  private MockResponse write(String method, String path, ObjectNode current, ObjectNode body, RecordedRequest request) {
    String expected = body.at("/metadata/resourceVersion").asText(null);
    switch (method) {
      case "POST":
        return current != null ? status(409, "AlreadyExists") : answer(201, store(path, body).toString());
      case "PUT":
        if (current == null) {
          return status(404, "NotFound");
        }
        return expected == null || !expected.equals(version(current)) ? status(409, "Conflict")
            : answer(200, store(path, body).toString());
      default:
        boolean apply = request.getHeaders().get("Content-Type").startsWith("application/apply");
        if (current == null && !apply) {
          return status(404, "NotFound");
        }
        if (expected != null && (current == null || !expected.equals(version(current)))) {
          return status(409, "Conflict");
        }
        ObjectNode merged = current == null ? JSON.createObjectNode() : current.deepCopy();
        merge(merged, body);
        return answer(200, store(path, merged).toString());
    }
  }

  private ObjectNode store(String path, ObjectNode object) {
    object.withObjectProperty("metadata").put("resourceVersion", Integer.toString(++resourceVersion));
    objects.put(path, object);
    return object;
  }

  private static String version(ObjectNode o) {
    return o.at("/metadata/resourceVersion").asText();
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    patch.properties().forEach(f -> {
      if (f.getValue().isNull()) {
        target.remove(f.getKey());
      } else if (f.getValue().isObject() && target.path(f.getKey()).isObject()) {
        merge((ObjectNode) target.get(f.getKey()), f.getValue());
      } else {
        target.set(f.getKey(), f.getValue().deepCopy());
      }
    });
  }

  private static MockResponse answer(int code, String json) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(json).build();
  }

  private static MockResponse status(int code, String reason) {
    return answer(code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason
        + "\",\"message\":\"" + reason + "\",\"code\":" + code + "}");
  }
}
