package dev.canary4j.kubernetes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An in-memory Kubernetes API server for MockWebServer, answering like the real one for what the
 * adapter uses: discovery, GET, POST (409 AlreadyExists), PUT (409 on a stale resourceVersion),
 * server-side apply (409 with FieldManagerConflict causes for fields owned by another manager,
 * unless forced) and JSON merge patch. Objects carry resourceVersion and managedFields. Creates and
 * PUTs with a name that is not a DNS-1123 subdomain, or a label value that is not a valid one,
 * answer 422 as the real server does.
 */
public final class FakeApiServer extends Dispatcher {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, ObjectNode> objects = new HashMap<>();
  private final Map<String, Map<String, String>> owners = new HashMap<>();
  private final Set<String> served = new HashSet<>(Set.of("/api/v1", "/apis/apps/v1", "/apis/coordination.k8s.io/v1",
      "/apis/networking.istio.io/v1", "/apis/networking.istio.io/v1beta1", "/apis/gateway.networking.k8s.io/v1",
      "/apis/gateway.networking.k8s.io/v1beta1", "/apis/apiextensions.k8s.io/v1"));
  private final List<MockResponse> nextResponses = new ArrayList<>();
  private final List<Runnable> beforeNextWrite = new ArrayList<>();
  private int resourceVersion = 100;

  /** Stores {@code json} at {@code path} (as if created), giving it a resourceVersion. */
  public synchronized ObjectNode put(String path, String json) {
    try {
      ObjectNode o = (ObjectNode) JSON.readTree(json);
      o.withObjectProperty("metadata").put("resourceVersion", Integer.toString(++resourceVersion));
      objects.put(path, o);
      return o.deepCopy();
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The object at {@code path}, or {@code null}. */
  public synchronized ObjectNode get(String path) {
    ObjectNode o = objects.get(path);
    return o == null ? null : o.deepCopy();
  }

  /** The paths of every stored object, sorted. */
  public synchronized List<String> paths() {
    return objects.keySet().stream().sorted().toList();
  }

  /** Records that {@code manager} owns {@code field} (e.g. {@code .spec.http}) of the object at {@code path}. */
  public synchronized void own(String path, String field, String manager) {
    owners.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(field, manager);
  }

  /** Stops serving a group version, e.g. {@code /apis/networking.istio.io/v1}. */
  public synchronized void unserve(String groupVersionPath) {
    served.remove(groupVersionPath);
  }

  /** Answers the next request with {@code response} instead of the stored state. */
  public synchronized void enqueue(MockResponse response) {
    nextResponses.add(response);
  }

  /** Runs {@code change} just before the next write is handled, as another writer would. */
  public synchronized void beforeNextWrite(Runnable change) {
    beforeNextWrite.add(change);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    synchronized (this) {
      if (!nextResponses.isEmpty()) {
        return nextResponses.remove(0);
      }
    }
    String method = request.getMethod();
    if (!method.equals("GET") && !beforeNextWrite.isEmpty()) {
      Runnable change;
      synchronized (this) {
        change = beforeNextWrite.remove(0);
      }
      change.run();
    }
    synchronized (this) {
      try {
        return handle(request, method, request.getUrl().encodedPath());
      } catch (Exception e) {
        return ApiResponses.status(500, "InternalError", e.toString(), null);
      }
    }
  }

  private MockResponse handle(RecordedRequest request, String method, String path) throws Exception {
    if (served.contains(path)) {
      return ApiResponses.ok("{\"kind\":\"APIResourceList\"}");
    }
    String[] parts = path.split("/");
    String groupVersion = path.startsWith("/api/") ? "/api/" + parts[2] : "/apis/" + parts[2] + "/" + parts[3];
    if (!served.contains(groupVersion)) {
      return ApiResponses.pageNotFound();
    }
    String plural = parts[parts.length - (method.equals("POST") ? 1 : 2)];
    String name = method.equals("POST") ? null : parts[parts.length - 1];
    switch (method) {
      case "GET": {
        ObjectNode o = objects.get(path);
        return o == null ? ApiResponses.notFound("", plural, name) : ApiResponses.ok(o.toString());
      }
      case "POST": {
        ObjectNode body = (ObjectNode) JSON.readTree(request.getBody().utf8());
        MockResponse invalid = invalid(plural, body);
        if (invalid != null) {
          return invalid;
        }
        String objectPath = path + "/" + body.path("metadata").path("name").asText();
        if (objects.containsKey(objectPath)) {
          return ApiResponses.status(409, "AlreadyExists", plural + " \"" + body.path("metadata").path("name").asText()
              + "\" already exists", "{\"kind\":\"" + plural + "\"}");
        }
        store(objectPath, body, "canary4j-create", "Update");
        return ApiResponses.created(objects.get(objectPath).toString());
      }
      case "PUT": {
        ObjectNode body = (ObjectNode) JSON.readTree(request.getBody().utf8());
        MockResponse invalid = invalid(plural, body);
        if (invalid != null) {
          return invalid;
        }
        ObjectNode current = objects.get(path);
        if (current == null) {
          return ApiResponses.notFound("", plural, name);
        }
        if (!body.path("metadata").path("resourceVersion").asText().equals(rv(current))) {
          return ApiResponses.staleResourceVersion("", plural, name);
        }
        store(path, body, "canary4j-put", "Update");
        return ApiResponses.ok(objects.get(path).toString());
      }
      case "PATCH":
        return patch(request, path, plural, name);
      default:
        return ApiResponses.status(405, "MethodNotAllowed", method, null);
    }
  }

  private MockResponse patch(RecordedRequest request, String path, String plural, String name) throws Exception {
    String type = request.getHeaders().get("Content-Type");
    ObjectNode current = objects.get(path);
    if (type.startsWith("application/merge-patch+json")) {
      if (current == null) {
        return ApiResponses.notFound("", plural, name);
      }
      ObjectNode merged = current.deepCopy();
      merge(merged, JSON.readTree(request.getBody().utf8()));
      store(path, merged, "patcher", "Update");
      return ApiResponses.ok(objects.get(path).toString());
    }
    ObjectNode body = (ObjectNode) new YAMLMapper().readTree(request.getBody().utf8());
    String manager = request.getUrl().queryParameter("fieldManager");
    boolean force = "true".equals(request.getUrl().queryParameter("force"));
    String rv = body.path("metadata").path("resourceVersion").asText(null);
    if (rv != null && (current == null || !rv.equals(rv(current)))) {
      return ApiResponses.staleResourceVersion("", plural, name);
    }
    ObjectNode merged = current == null ? JSON.createObjectNode() : current.deepCopy();
    List<String> causes = new ArrayList<>();
    Map<String, String> own = owners.computeIfAbsent(path, p -> new LinkedHashMap<>());
    for (Map.Entry<String, JsonNode> f : body.path("spec").properties()) {
      String field = ".spec." + f.getKey();
      String owner = own.get(field);
      boolean differs = !f.getValue().equals(merged.path("spec").path(f.getKey()));
      if (owner != null && !owner.equals(manager) && differs && !force) {
        causes.add("{\"reason\":\"FieldManagerConflict\",\"message\":\"conflict with \\\"" + owner + "\\\" using "
            + body.path("apiVersion").asText() + "\",\"field\":\"" + field + "\"}");
      }
    }
    if (!causes.isEmpty()) {
      return ApiResponses.status(409, "Conflict", "Apply failed with " + causes.size() + " conflict(s)",
          "{\"causes\":" + causes + "}");
    }
    body.path("spec").properties().forEach(f -> own.put(".spec." + f.getKey(), manager));
    merge(merged, body);
    store(path, merged, manager, "Apply");
    return ApiResponses.ok(objects.get(path).toString());
  }

  private static MockResponse invalid(String plural, ObjectNode body) {
    String name = body.path("metadata").path("name").asText();
    List<String> causes = new ArrayList<>();
    if (name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
      causes.add("{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: a lowercase RFC 1123 subdomain "
          + "must consist of lower case alphanumeric characters, '-' or '.', and must be no more than 253 characters\","
          + "\"field\":\"metadata.name\"}");
    }
    for (Map.Entry<String, JsonNode> label : body.path("metadata").path("labels").properties()) {
      String value = label.getValue().asText();
      if (value.length() > 63 || !value.matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")) {
        causes.add("{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: a valid label must be 63 "
            + "characters or less and consist of alphanumeric characters, '-', '_' or '.'\",\"field\":\"metadata.labels\"}");
      }
    }
    if (causes.isEmpty()) {
      return null;
    }
    return ApiResponses.status(422, "Invalid", plural + " \"" + name + "\" is invalid",
        "{\"name\":" + ApiResponses.quote(name) + ",\"kind\":\"" + plural + "\",\"causes\":" + causes + "}");
  }

  private void store(String path, ObjectNode object, String manager, String operation) {
    ObjectNode metadata = object.withObjectProperty("metadata");
    metadata.put("resourceVersion", Integer.toString(++resourceVersion));
    metadata.putArray("managedFields").addObject().put("manager", manager).put("operation", operation)
        .put("apiVersion", object.path("apiVersion").asText()).put("fieldsType", "FieldsV1");
    objects.put(path, object);
  }

  private static String rv(ObjectNode o) {
    return o.path("metadata").path("resourceVersion").asText();
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> f : patch.properties()) {
      if (f.getValue().isNull()) {
        target.remove(f.getKey());
      } else if (f.getValue().isObject() && target.path(f.getKey()).isObject()) {
        merge((ObjectNode) target.get(f.getKey()), f.getValue());
      } else {
        target.set(f.getKey(), f.getValue().deepCopy());
      }
    }
  }
}
