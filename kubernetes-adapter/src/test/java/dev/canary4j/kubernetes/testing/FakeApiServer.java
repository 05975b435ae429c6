package dev.canary4j.kubernetes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An in-memory Kubernetes API server for MockWebServer, answering with the real server's documented
 * bodies for what the adapters use: discovery; GET, LIST (label and {@code metadata.name} field
 * selectors), POST (409 AlreadyExists, {@code generateName}), PUT and DELETE (409 on a stale
 * {@code resourceVersion}), JSON merge patch, and server-side apply with {@code managedFields}:
 * fields owned by another manager conflict (409 with {@code FieldManagerConflict} causes naming the
 * managers and fields) unless forced, and fields a manager stops applying are removed. Watches
 * stream ADDED/MODIFIED/DELETED events from a {@code resourceVersion}, send bookmarks on request,
 * and answer {@code 410 Expired} for a version older than the {@linkplain #compact() compacted}
 * history. Names that are not DNS-1123 subdomains and invalid label values answer 422. Every write
 * is recorded with its body. Thread-safe.
 *
 * <p>The request handling stays in this one class so that every verb's answer can be read in one
 * place; field ownership is in {@link FieldOwnership}, watch history and streams in {@link WatchHub}.
 */
public final class FakeApiServer extends Dispatcher {

  /** One write a client made: method, object path and the body it sent. */
  public record Write(String method, String path, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private final Clock clock;
  private final Map<String, ObjectNode> objects = new HashMap<>();
  private final Map<String, FieldOwnership> owners = new HashMap<>();
  private final Set<String> served = new HashSet<>(Set.of("/api/v1", "/apis/apps/v1", "/apis/coordination.k8s.io/v1",
      "/apis/events.k8s.io/v1", "/apis/networking.istio.io/v1", "/apis/networking.istio.io/v1beta1",
      "/apis/gateway.networking.k8s.io/v1", "/apis/gateway.networking.k8s.io/v1beta1", "/apis/apiextensions.k8s.io/v1"));
  private final List<MockResponse> nextResponses = new ArrayList<>();
  private final List<Runnable> beforeNextWrite = new ArrayList<>();
  private final List<Write> writes = new ArrayList<>();
  private final WatchHub watches = new WatchHub();
  private long resourceVersion = 100;
  private int generatedNames;

  private boolean rollOutDeployments;

  /** A server whose timestamps come from the system clock. */
  public FakeApiServer() {
    this(Clock.systemUTC());
  }

  /** A server whose timestamps ({@code managedFields}, {@code creationTimestamp}) come from {@code clock}. */
  public FakeApiServer(Clock clock) {
    this.clock = clock;
  }

  /**
   * Stands in for the Deployment controller from now on: every Deployment written is at once rolled
   * out and ready (its status observes its generation and counts all its replicas as updated, ready
   * and available), as for a cluster whose pods start instantly. Off by default, so that tests of
   * readiness write the status they need.
   */
  public synchronized FakeApiServer rollOutDeploymentsAtOnce() {
    rollOutDeployments = true;
    return this;
  }

  /** Stores {@code json} at {@code path}, as if someone created or replaced it, and tells the watches. */
  public synchronized ObjectNode put(String path, String json) {
    try {
      ObjectNode o = (ObjectNode) JSON.readTree(json);
      ObjectNode before = objects.get(path);
      identify(o, before);
      o.withObjectProperty("metadata").put("resourceVersion", Long.toString(++resourceVersion));
      objects.put(path, o);
      changed(path, before == null ? "ADDED" : "MODIFIED", o);
      return o.deepCopy();
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Deletes the object at {@code path}, as someone else would, and tells the watches. */
  public synchronized void delete(String path) {
    ObjectNode o = objects.remove(path);
    if (o != null) {
      owners.remove(path);
      o.withObjectProperty("metadata").put("resourceVersion", Long.toString(++resourceVersion));
      changed(path, "DELETED", o);
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
    owners.computeIfAbsent(path, p -> new FieldOwnership()).own(manager, field);
    ObjectNode o = objects.get(path);
    if (o != null) {
      o.withObjectProperty("metadata").set("managedFields", owners.get(path).managedFields());
    }
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

  /** The writes to {@code path}, oldest first. */
  public synchronized List<Write> writesTo(String path) {
    return writes.stream().filter(w -> w.path().equals(path)).toList();
  }

  /** Waits until something was written to {@code path}; false if nothing was within {@code timeout}. */
  public synchronized boolean awaitWrite(String path, Duration timeout) throws InterruptedException {
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

  /** Waits until the object at {@code path} satisfies {@code condition}; false if it did not within {@code timeout}. */
  public synchronized boolean awaitObject(String path, Predicate<ObjectNode> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (objects.get(path) == null || !condition.test(objects.get(path).deepCopy())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(left / 1_000_000 + 1);
    }
    return true;
  }

  /** The watches open now. */
  public synchronized int openWatches() {
    return watches.open();
  }

  /** Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks. */
  public synchronized void bookmark() {
    watches.bookmark(resourceVersion);
  }

  /** Waits until {@code count} watches are open; false if they were not within {@code timeout}. */
  public synchronized boolean awaitWatches(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (openWatches() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(left / 1_000_000 + 1);
    }
    return true;
  }

  /** Ends the open watches when the MockWebServer shuts down, so that it does not wait for them. */
  @Override
  public void close() {
    closeWatches();
  }

  /** Ends every open watch, as a restarting API server or a dropped connection does. */
  public synchronized void closeWatches() {
    watches.closeAll();
  }

  /** Forgets the change history, so that a watch from any earlier resourceVersion gets 410 Expired. */
  public synchronized void compact() {
    watches.compact(resourceVersion);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    synchronized (this) {
      if (!nextResponses.isEmpty()) {
        return nextResponses.remove(0);
      }
    }
    String method = request.getMethod();
    if (!method.equals("GET")) {
      Runnable change = null;
      synchronized (this) {
        if (!beforeNextWrite.isEmpty()) {
          change = beforeNextWrite.remove(0);
        }
      }
      if (change != null) {
        change.run();
      }
    }
    synchronized (this) {
      try {
        MockResponse response = handle(request, method, request.getUrl().encodedPath());
        notifyAll();
        return response;
      } catch (Exception e) {
        return ApiResponses.status(500, "InternalError", e.toString(), null);
      }
    }
  }

  private MockResponse handle(RecordedRequest request, String method, String path) throws Exception {
    if (served.contains(path)) {
      return ApiResponses.ok("{\"kind\":\"APIResourceList\"}");
    }
    ApiPath at = ApiPath.parse(path);
    if (at == null || !served.contains(at.groupVersion())) {
      return ApiResponses.pageNotFound();
    }
    if (at.name() == null) {
      return switch (method) {
        case "GET" -> "true".equals(request.getUrl().queryParameter("watch"))
            || "1".equals(request.getUrl().queryParameter("watch")) ? watch(request, at) : list(request, at);
        case "POST" -> create(request, at);
        default -> ApiResponses.status(405, "MethodNotAllowed", "the server does not allow this method on the "
            + "requested resource", null);
      };
    }
    return switch (method) {
      case "GET" -> objects.containsKey(path) ? ApiResponses.ok(objects.get(path).toString())
          : ApiResponses.notFound(at.group(), at.plural(), at.name());
      case "PUT" -> replace(request, at, path);
      case "PATCH" -> patch(request, at, path);
      case "DELETE" -> remove(request, at, path);
      default -> ApiResponses.status(405, "MethodNotAllowed", "the server does not allow this method on the "
          + "requested resource", null);
    };
  }

  private MockResponse create(RecordedRequest request, ApiPath at) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(request.getBody().utf8());
    ObjectNode metadata = body.withObjectProperty("metadata");
    if (!metadata.has("name") && metadata.has("generateName")) {
      metadata.put("name", metadata.get("generateName").asText() + String.format("%05x", ++generatedNames));
    }
    String name = metadata.path("name").asText();
    String objectPath = at.collection() + "/" + name;
    writes.add(new Write("POST", objectPath, body.deepCopy()));
    MockResponse invalid = invalid(at.plural(), body);
    if (invalid != null) {
      return invalid;
    }
    if (objects.containsKey(objectPath)) {
      return ApiResponses.status(409, "AlreadyExists", at.resource() + " \"" + name + "\" already exists",
          "{\"name\":" + ApiResponses.quote(name) + group(at) + ",\"kind\":\"" + at.plural() + "\"}");
    }
    ObjectNode empty = JSON.createObjectNode();
    store(objectPath, body, empty, manager(request), false);
    return ApiResponses.created(objects.get(objectPath).toString());
  }

  private MockResponse replace(RecordedRequest request, ApiPath at, String path) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(request.getBody().utf8());
    writes.add(new Write("PUT", path, body.deepCopy()));
    MockResponse invalid = invalid(at.plural(), body);
    if (invalid != null) {
      return invalid;
    }
    ObjectNode current = objects.get(path);
    if (current == null) {
      return ApiResponses.notFound(at.group(), at.plural(), at.name());
    }
    String expected = body.path("metadata").path("resourceVersion").asText(null);
    if (expected != null && !expected.equals(rv(current))) {
      return ApiResponses.staleResourceVersion(at.group(), at.plural(), at.name());
    }
    store(path, body, current, manager(request), false);
    return ApiResponses.ok(objects.get(path).toString());
  }

  private MockResponse remove(RecordedRequest request, ApiPath at, String path) throws Exception {
    String text = request.getBody().utf8();
    writes.add(new Write("DELETE", path, text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text)));
    ObjectNode current = objects.get(path);
    if (current == null) {
      return ApiResponses.notFound(at.group(), at.plural(), at.name());
    }
    String expected = text.isBlank() ? null : JSON.readTree(text).path("preconditions").path("resourceVersion")
        .asText(null);
    if (expected != null && !expected.equals(rv(current))) {
      return ApiResponses.staleResourceVersion(at.group(), at.plural(), at.name());
    }
    delete(path);
    return ApiResponses.ok("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
        + "\"details\":{\"name\":" + ApiResponses.quote(at.name()) + group(at) + ",\"kind\":\"" + at.plural()
        + "\",\"uid\":" + ApiResponses.quote(current.path("metadata").path("uid").asText()) + "}}");
  }

  private MockResponse patch(RecordedRequest request, ApiPath at, String path) throws Exception {
    String type = request.getHeaders().get("Content-Type");
    ObjectNode current = objects.get(path);
    boolean apply = type != null && type.startsWith("application/apply-patch");
    ObjectNode body = (ObjectNode) (apply ? YAML : JSON).readTree(request.getBody().utf8());
    writes.add(new Write("PATCH", path, body.deepCopy()));
    if (type == null || !(apply || type.startsWith("application/merge-patch+json"))) {
      return ApiResponses.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
          + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
          + "application/apply-patch+yaml", null);
    }
    if (current == null && !apply) {
      return ApiResponses.notFound(at.group(), at.plural(), at.name());
    }
    String expected = body.path("metadata").path("resourceVersion").asText(null);
    if (expected != null && (current == null || !expected.equals(rv(current)))) {
      return ApiResponses.staleResourceVersion(at.group(), at.plural(), at.name());
    }
    ObjectNode before = current == null ? JSON.createObjectNode() : current;
    ObjectNode merged = before.deepCopy();
    merge(merged, body);
    if (!apply) {
      store(path, merged, before, manager(request), false);
      return ApiResponses.ok(objects.get(path).toString());
    }
    String manager = request.getUrl().queryParameter("fieldManager");
    if (manager == null || manager.isEmpty()) {
      return ApiResponses.status(400, "BadRequest", "PATCH " + at.resource() + " \"" + at.name()
          + "\": fieldManager is required for apply requests", null);
    }
    boolean force = "true".equals(request.getUrl().queryParameter("force"));
    FieldOwnership ownership = owners.computeIfAbsent(path, p -> new FieldOwnership());
    ObjectNode applied = body.deepCopy();
    applied.withObjectProperty("metadata").remove("resourceVersion");
    List<FieldOwnership.Conflict> conflicts = force ? List.of() : ownership.conflicts(manager, before, applied);
    if (!conflicts.isEmpty()) {
      return ApiResponses.applyConflict(conflicts);
    }
    for (String dropped : ownership.apply(manager, applied, force, clock.instant())) {
      FieldOwnership.remove(merged, dropped);
    }
    store(path, merged, before, null, current == null);
    return current == null ? ApiResponses.created(objects.get(path).toString())
        : ApiResponses.ok(objects.get(path).toString());
  }

  private MockResponse list(RecordedRequest request, ApiPath at) {
    ArrayNode items = JSON.createArrayNode();
    String kind = "List";
    for (Map.Entry<String, ObjectNode> e : new TreeMap<>(objects).entrySet()) {
      if (selected(request, at, e.getKey(), e.getValue())) {
        items.add(e.getValue().deepCopy());
        kind = e.getValue().path("kind").asText("") + "List";
      }
    }
    ObjectNode list = JSON.createObjectNode().put("kind", kind).put("apiVersion", at.apiVersion());
    list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
    list.set("items", items);
    return ApiResponses.ok(list.toString());
  }

  private MockResponse watch(RecordedRequest request, ApiPath at) {
    String from = request.getUrl().queryParameter("resourceVersion");
    String timeout = request.getUrl().queryParameter("timeoutSeconds");
    WatchStream stream = new WatchStream(p -> selected(request, at, p, objects.get(p)),
        "true".equals(request.getUrl().queryParameter("allowWatchBookmarks")),
        Duration.ofSeconds(timeout == null ? 1800 : Long.parseLong(timeout)));
    watches.open(stream, from, new TreeMap<>(objects));
    return stream.response();
  }

  private boolean selected(RecordedRequest request, ApiPath at, String path, ObjectNode object) {
    if (!path.startsWith(at.collection() + "/") || path.substring(at.collection().length() + 1).contains("/")) {
      return false;
    }
    String fields = request.getUrl().queryParameter("fieldSelector");
    if (fields != null && fields.startsWith("metadata.name=")
        && !path.endsWith("/" + fields.substring("metadata.name=".length()))) {
      return false;
    }
    String labels = request.getUrl().queryParameter("labelSelector");
    if (labels != null && object != null) {
      for (String term : labels.split(",")) {
        String[] kv = term.split("=", 2);
        if (!object.path("metadata").path("labels").path(kv[0]).asText("\u0000").equals(kv.length > 1 ? kv[1] : "")) {
          return false;
        }
      }
    }
    return true;
  }

  /** Stores {@code object} at {@code path} with a new resourceVersion and managedFields, and tells the watches. */
  private void store(String path, ObjectNode object, ObjectNode before, String updater, boolean created) {
    ObjectNode metadata = object.withObjectProperty("metadata");
    identify(object, before.isEmpty() ? null : before);
    if (rollOutDeployments && path.contains("/deployments/")) {
      long replicas = object.path("spec").path("replicas").asLong(1);
      ObjectNode status = object.putObject("status");
      status.put("observedGeneration", metadata.path("generation").asLong(1));
      status.put("replicas", replicas).put("updatedReplicas", replicas).put("readyReplicas", replicas)
          .put("availableReplicas", replicas);
    }
    FieldOwnership ownership = owners.computeIfAbsent(path, p -> new FieldOwnership());
    if (updater != null) {
      ownership.update(updater, before, object, clock.instant());
    }
    metadata.put("resourceVersion", Long.toString(++resourceVersion));
    metadata.set("managedFields", ownership.managedFields());
    objects.put(path, object);
    changed(path, before.isEmpty() || created ? "ADDED" : "MODIFIED", object);
  }

  /** Keeps uid and creationTimestamp, and counts spec changes in generation, as the server does. */
  private void identify(ObjectNode object, ObjectNode before) {
    ObjectNode metadata = object.withObjectProperty("metadata");
    if (before == null) {
      metadata.put("uid", String.format("00000000-0000-4000-8000-%012d", resourceVersion + 1));
      metadata.put("creationTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
      metadata.put("generation", 1);
    } else {
      metadata.set("uid", before.path("metadata").path("uid"));
      metadata.set("creationTimestamp", before.path("metadata").path("creationTimestamp"));
      long generation = before.path("metadata").path("generation").asLong(1);
      metadata.put("generation", object.path("spec").equals(before.path("spec")) ? generation : generation + 1);
    }
  }

  private void changed(String path, String type, ObjectNode object) {
    watches.changed(resourceVersion, path, type, object);
  }

  /** The field manager of a non-apply write: the {@code fieldManager} parameter, else the User-Agent's product. */
  private static String manager(RecordedRequest request) {
    String manager = request.getUrl().queryParameter("fieldManager");
    if (manager != null && !manager.isEmpty()) {
      return manager;
    }
    String agent = request.getHeaders().get("User-Agent");
    return agent == null ? "unknown" : agent.split("/", 2)[0];
  }

  private static String group(ApiPath at) {
    return at.group().isEmpty() ? "" : ",\"group\":\"" + at.group() + "\"";
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
