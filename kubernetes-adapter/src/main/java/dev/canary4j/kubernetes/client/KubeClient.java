package dev.canary4j.kubernetes.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary4j.spi.ErrorText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A Kubernetes API client for namespaced objects as Jackson trees, so that fields this library
 * does not know survive a read-modify-write. Thread-safe. Each call is one attempt; its failure is
 * thrown as one of the {@link KubeApiError} exceptions of this package, each a transient or
 * permanent adapter exception. Transient ones (408, 429, 5xx, timeouts) carry the server's
 * {@code Retry-After} (seconds or HTTP date, or the Status' {@code retryAfterSeconds}); retrying is
 * the caller's: the runner's call policy, or a {@code RemoteCallExecutor}.
 *
 * <p>Answers are read up to {@linkplain Builder#maxResponseBytes a size limit}; messages quote the
 * server's words only as short escaped excerpts, never the bearer token or credential-looking values.
 */
public final class KubeClient {

  /** Default largest answer read: 64 MiB, far above any single object or Status. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

  static final MediaType JSON = MediaType.get("application/json");
  static final MediaType APPLY_PATCH_YAML = MediaType.get("application/apply-patch+yaml");
  static final MediaType MERGE_PATCH = MediaType.get("application/merge-patch+json");
  // An error Status is a few hundred bytes; more only feeds the excerpt, which is shorter still.
  private static final long ERROR_BODY_BYTES = 64L * 1024;

  private final KubeConfig config;
  private final OkHttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final YAMLMapper yaml = new YAMLMapper();
  private final long maxResponseBytes;
  private final Clock clock;

  private KubeClient(Builder b) {
    this.config = b.config;
    this.maxResponseBytes = b.maxResponseBytes;
    this.clock = b.clock;
    OkHttpClient.Builder h = new OkHttpClient.Builder()
        .connectTimeout(config.connectTimeout())
        .callTimeout(config.requestTimeout())
        .readTimeout(config.requestTimeout())
        .retryOnConnectionFailure(false)
        .addInterceptor(chain -> {
          Request.Builder r = chain.request().newBuilder().header("Accept", "application/json");
          config.tokenSource().token().ifPresent(t -> r.header("Authorization", "Bearer " + t));
          return chain.proceed(r.build());
        });
    TransportSettings.configure(h, config);
    this.http = h.build();
  }

  /**
   * A client for {@code config} with the default size limit.
   *
   * @param config the API server and credentials to use; not {@code null}
   * @return a new client
   */
  public static KubeClient create(KubeConfig config) {
    return builder(config).build();
  }

  /**
   * A builder for a client of {@code config}, with the defaults of {@link #create}.
   *
   * @param config the API server and credentials to use; not {@code null}
   * @return a new builder
   */
  public static Builder builder(KubeConfig config) {
    return new Builder(config);
  }

  /**
   * The configuration this client talks with.
   *
   * @return the configuration given when the client was created
   */
  public KubeConfig config() {
    return config;
  }

  /**
   * Object {@code name}; throws {@link KubeNotFoundException} if it does not exist.
   *
   * @param type the object's resource type
   * @param namespace the object's namespace
   * @param name the object's name
   * @return the object as the server sent it
   */
  public ObjectNode get(KubeResource type, String namespace, String name) {
    return object(call("GET", type.objectPath(namespace, name), null, null));
  }

  /**
   * Object {@code name}, or empty if it does not exist.
   *
   * @param type the object's resource type
   * @param namespace the object's namespace
   * @param name the object's name
   * @return the object as the server sent it, or empty on 404
   */
  public Optional<ObjectNode> find(KubeResource type, String namespace, String name) {
    try {
      return Optional.of(get(type, namespace, name));
    } catch (KubeNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the server serves {@code type}'s group version (discovery answers 200, not 404).
   *
   * @param type the resource type whose group version is asked about
   * @return {@code true} if discovery lists the group version, {@code false} on 404
   */
  public boolean serves(KubeResource type) {
    try {
      call("GET", type.groupVersionPath(), null, null);
      return true;
    } catch (KubeNotFoundException e) {
      return false;
    }
  }

  /**
   * Creates {@code object} (POST); a 409 {@code AlreadyExists} if it exists.
   *
   * @param type the object's resource type
   * @param namespace the namespace to create it in
   * @param object the full object, with {@code apiVersion}, {@code kind} and {@code metadata.name}
   * @return the object as the server stored it, with its resourceVersion
   */
  public ObjectNode create(KubeResource type, String namespace, ObjectNode object) {
    return object(call("POST", type.collectionPath(namespace), null, body(object)));
  }

  /**
   * Replaces the object (PUT). With {@code metadata.resourceVersion} set this is a compare-and-set:
   * a concurrent change answers 409.
   *
   * @param type the object's resource type
   * @param namespace the object's namespace
   * @param name the object's name
   * @param object the full new object
   * @return the object as the server stored it, with its new resourceVersion
   */
  public ObjectNode replace(KubeResource type, String namespace, String name, ObjectNode object) {
    return object(call("PUT", type.objectPath(namespace, name), null, body(object)));
  }

  /**
   * Server-side apply: PATCH with {@code application/apply-patch+yaml} as {@code fieldManager}.
   * Without {@code force}, fields owned by other managers answer 409 with their names
   * ({@link KubeConflictException#fieldConflicts()}); with it, this manager takes them.
   *
   * @param type the object's resource type
   * @param namespace the object's namespace
   * @param name the object's name
   * @param object the fields this manager wants to own, with {@code apiVersion} and {@code kind}
   * @param fieldManager the manager name recorded for those fields
   * @param force whether to take fields owned by other managers instead of failing
   * @return the object as the server stored it after the apply
   */
  public ObjectNode apply(KubeResource type, String namespace, String name, ObjectNode object, String fieldManager,
      boolean force) {
    Objects.requireNonNull(fieldManager, "fieldManager");
    String yamlText;
    try {
      yamlText = yaml.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write the applied object as YAML: " + e.getMessage(), e);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("fieldManager", fieldManager);
    query.put("force", Boolean.toString(force));
    return object(call("PATCH", type.objectPath(namespace, name), query, RequestBody.create(yamlText, APPLY_PATCH_YAML)));
  }

  /**
   * JSON merge patch (RFC 7386): objects merge, lists and scalars are replaced, nulls delete.
   *
   * @param type the object's resource type
   * @param namespace the object's namespace
   * @param name the object's name
   * @param patch the merge patch to send
   * @return the object as the server stored it after the patch
   */
  public ObjectNode mergePatch(KubeResource type, String namespace, String name, ObjectNode patch) {
    return object(call("PATCH", type.objectPath(namespace, name), null, RequestBody.create(write(patch), MERGE_PATCH)));
  }

  private RequestBody body(ObjectNode object) {
    return RequestBody.create(write(object), JSON);
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write the object as JSON: " + e.getMessage(), e);
    }
  }

  private ObjectNode object(String body) {
    try {
      JsonNode node = json.readTree(body);
      if (node instanceof ObjectNode o) {
        return o;
      }
    } catch (JsonProcessingException e) {
      String excerpt = ErrorText.excerpt(body, secrets());
      throw new KubeRequestException("The API server answered something that is not JSON: "
          + ErrorText.excerpt(e.getOriginalMessage(), secrets()) + "; the answer starts with: " + excerpt,
          new KubeStatus(200, "", excerpt, "", "", null, java.util.OptionalInt.empty()), "");
    }
    String excerpt = ErrorText.excerpt(body, secrets());
    throw new KubeRequestException("Expected a JSON object from the API server but got: " + excerpt,
        new KubeStatus(200, "", excerpt, "", "", null, java.util.OptionalInt.empty()), "");
  }

  private String call(String method, String path, Map<String, String> query, RequestBody body) {
    // Keep a path prefix of the server URL (API proxies such as Rancher's serve clusters under one).
    String base = config.server().encodedPath();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    HttpUrl.Builder url = config.server().newBuilder().encodedPath(base + path);
    if (query != null) {
      query.forEach(url::addQueryParameter);
    }
    Request request = new Request.Builder().url(url.build()).method(method, body).build();
    return execute(request, method + " " + path);
  }

  /** The values no message may show: the bearer token the client sends. */
  private List<String> secrets() {
    try {
      return config.tokenSource().token().map(List::of).orElse(List.of());
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private String execute(Request request, String what) {
    Call call = http.newCall(request);
    try (Response response = call.execute()) {
      ResponseBody rb = response.body();
      String text = rb == null ? "" : read(rb, what, response.isSuccessful());
      if (response.isSuccessful()) {
        return text;
      }
      throw ErrorClassifier.fromResponse(response, text, what, json, secrets(), clock.instant());
    } catch (IOException e) {
      throw ErrorClassifier.fromIo(e, what, secrets());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // OkHttp is written in Kotlin and can throw an undeclared InterruptedException.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new KubeTransientException(what + " was interrupted",
          new KubeStatus(0, "", e.getClass().getSimpleName(), "", "", null, java.util.OptionalInt.empty()), what, null, e);
    }
  }

  /** The classified failure of the unsuccessful {@code response} to {@code what}, its body read only as far as its excerpt needs. */
  RuntimeException failure(Response response, String what) throws IOException {
    ResponseBody rb = response.body();
    String text = rb == null ? "" : read(rb, what, false);
    return ErrorClassifier.fromResponse(response, text, what, json, secrets(), clock.instant());
  }

  /**
   * The body as text, read up to the size limit while it streams in; an error answer is read only as
   * far as its excerpt needs.
   */
  private String read(ResponseBody body, String what, boolean success) throws IOException {
    long limit = success ? maxResponseBytes : ERROR_BODY_BYTES;
    okio.BufferedSource source = body.source();
    if (!source.request(limit + 1)) {
      return source.readUtf8();
    }
    if (!success) {
      return source.readUtf8(limit);
    }
    throw new KubeRequestException(what + ": the API server's answer is larger than maxResponseBytes (" + limit
        + " bytes); it was not read further",
        new KubeStatus(200, "", "answer larger than " + limit + " bytes", "", "", null, java.util.OptionalInt.empty()), what);
  }

  /**
   * The objects of {@code type} in {@code namespace} as a List object, filtered by {@code query} (selectors).
   *
   * @param type the resource type to list
   * @param namespace the namespace to list in
   * @param query query parameters such as {@code labelSelector} or {@code fieldSelector}; empty for all
   *     objects
   * @return the server's List object, its {@code items} holding the objects
   */
  public ObjectNode list(KubeResource type, String namespace, Map<String, String> query) {
    return object(call("GET", type.collectionPath(namespace), query, null));
  }

  /**
   * A watch request of {@code type} in {@code namespace} with {@code query} ({@code watch=true} is
   * added), not yet executed, so that the watcher can cancel it from another thread. One attempt, no
   * retries: the watcher owns reconnection.
   */
  Call watchCall(KubeResource type, String namespace, Map<String, String> query, Duration readTimeout) {
    String base = config.server().encodedPath();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    HttpUrl.Builder url = config.server().newBuilder().encodedPath(base + type.collectionPath(namespace));
    query.forEach(url::addQueryParameter);
    url.addQueryParameter("watch", "true");
    OkHttpClient streaming = http.newBuilder().callTimeout(Duration.ZERO).readTimeout(readTimeout).build();
    return streaming.newCall(new Request.Builder().url(url.build()).get().build());
  }

  /** Builds a {@link KubeClient}. */
  public static final class Builder {
    private final KubeConfig config;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder(KubeConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The largest answer read, in bytes, at least 1 KiB; {@link #DEFAULT_MAX_RESPONSE_BYTES} by default.
     *
     * @param bytes the limit in bytes; at least 1024
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1024, but was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * The clock a {@code Retry-After} date is measured against.
     *
     * @param clock the clock to compare HTTP dates with; not {@code null}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The client.
     *
     * @return a new client with the settings given so far
     */
    public KubeClient build() {
      return new KubeClient(this);
    }
  }
}
