package dev.canary4j.kubernetes.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * does not know survive a read-modify-write. Thread-safe. Failures are thrown as the
 * {@link KubeApiError} exceptions of this package, each a transient or permanent adapter exception;
 * transient ones (408, 429, 5xx, timeouts) are retried a bounded number of times, honouring
 * {@code Retry-After}, except for creates, which are retried only on 429.
 *
 * <p>All attempts and waits of one call share a {@linkplain Builder#retryBudget retry budget}
 * (default 8 s, below the runner's default time limit per attempt), so that a call ends, with a
 * result or its last transient failure, before the runner gives up on it. A wait that would not
 * leave time for another attempt within the budget is not made: the failure is thrown at once,
 * with its {@code retryAfter}.
 */
public final class KubeClient {

  /** Default time for all attempts and waits of one call: 8 seconds. */
  public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(8);

  static final MediaType JSON = MediaType.get("application/json");
  static final MediaType APPLY_PATCH_YAML = MediaType.get("application/apply-patch+yaml");
  static final MediaType MERGE_PATCH = MediaType.get("application/merge-patch+json");
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  private final KubeConfig config;
  private final OkHttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final YAMLMapper yaml = new YAMLMapper();
  private final int maxAttempts;
  private final Duration backoff;
  private final Sleeper sleeper;
  private final Duration retryBudget;
  private final Clock clock;

  private KubeClient(Builder b) {
    this.config = b.config;
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.sleeper = b.sleeper;
    this.retryBudget = b.retryBudget;
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

  /** A client for {@code config} with 3 attempts per call, 200 ms initial backoff and an 8 s retry budget. */
  public static KubeClient create(KubeConfig config) {
    return builder(config).build();
  }

  /** A builder for a client of {@code config}, with the defaults of {@link #create}. */
  public static Builder builder(KubeConfig config) {
    return new Builder(config);
  }

  /** The configuration this client talks with. */
  public KubeConfig config() {
    return config;
  }

  /** Object {@code name}; throws {@link KubeNotFoundException} if it does not exist. */
  public ObjectNode get(KubeResource type, String namespace, String name) {
    return object(call("GET", type.objectPath(namespace, name), null, null));
  }

  /** Object {@code name}, or empty if it does not exist. */
  public Optional<ObjectNode> find(KubeResource type, String namespace, String name) {
    try {
      return Optional.of(get(type, namespace, name));
    } catch (KubeNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Whether the server serves {@code type}'s group version (discovery answers 200, not 404). */
  public boolean serves(KubeResource type) {
    try {
      call("GET", type.groupVersionPath(), null, null);
      return true;
    } catch (KubeNotFoundException e) {
      return false;
    }
  }

  /** Creates {@code object} (POST); a 409 {@code AlreadyExists} if it exists. */
  public ObjectNode create(KubeResource type, String namespace, ObjectNode object) {
    return object(call("POST", type.collectionPath(namespace), null, body(object)));
  }

  /**
   * Replaces the object (PUT). With {@code metadata.resourceVersion} set this is a compare-and-set:
   * a concurrent change answers 409.
   */
  public ObjectNode replace(KubeResource type, String namespace, String name, ObjectNode object) {
    return object(call("PUT", type.objectPath(namespace, name), null, body(object)));
  }

  /**
   * Server-side apply: PATCH with {@code application/apply-patch+yaml} as {@code fieldManager}.
   * Without {@code force}, fields owned by other managers answer 409 with their names
   * ({@link KubeConflictException#fieldConflicts()}); with it, this manager takes them.
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

  /** JSON merge patch (RFC 7386): objects merge, lists and scalars are replaced, nulls delete. */
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
      throw new KubeRequestException("The API server answered something that is not JSON: " + e.getOriginalMessage(),
          new KubeStatus(200, "", body, "", "", null, java.util.OptionalInt.empty()), "");
    }
    throw new KubeRequestException("Expected a JSON object from the API server but got: " + body,
        new KubeStatus(200, "", body, "", "", null, java.util.OptionalInt.empty()), "");
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
    String what = method + " " + path;
    Instant deadline = clock.instant().plus(retryBudget);
    Duration delay = backoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return execute(request, what, Duration.between(clock.instant(), deadline));
      } catch (KubeTransientException e) {
        boolean retryable = !method.equals("POST") || e.status().code() == 429;
        if (attempt >= maxAttempts || !retryable || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        Duration wait = e.retryAfter().map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d).orElse(delay);
        if (wait.compareTo(Duration.between(clock.instant(), deadline)) >= 0) {
          // Sleeping would use up the budget and leave the caller (the runner, with its own time
          // limit and retries) waiting for nothing: it decides about the next attempt.
          throw e;
        }
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        delay = delay.multipliedBy(2);
      }
    }
  }

  private String execute(Request request, String what, Duration remaining) {
    Call call = http.newCall(request);
    if (remaining.compareTo(config.requestTimeout()) < 0) {
      call.timeout().timeout(Math.max(1, remaining.toMillis()), TimeUnit.MILLISECONDS);
    }
    try (Response response = call.execute()) {
      ResponseBody rb = response.body();
      String text = rb == null ? "" : rb.string();
      if (response.isSuccessful()) {
        return text;
      }
      throw ErrorClassifier.fromResponse(response, text, what, json);
    } catch (IOException e) {
      throw ErrorClassifier.fromIo(e, what);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // OkHttp is written in Kotlin and can throw an undeclared InterruptedException.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new KubeTransientException(what + " was interrupted: " + e,
          new KubeStatus(0, "", e.toString(), "", "", null, java.util.OptionalInt.empty()), what, null, e);
    }
  }

  /** The objects of {@code type} in {@code namespace} as a List object, filtered by {@code query} (selectors). */
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
    private int maxAttempts = 3;
    private Duration backoff = Duration.ofMillis(200);
    private Sleeper sleeper = Sleeper.THREAD;
    private Duration retryBudget = DEFAULT_RETRY_BUDGET;
    private Clock clock = Clock.systemUTC();

    private Builder(KubeConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Attempts per call for transient failures, 1 for no retry. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** First wait between attempts when the server names none; doubled after each attempt. */
    public Builder backoff(Duration first) {
      if (first == null || first.isNegative()) {
        throw new IllegalArgumentException("backoff must not be negative, but was " + first);
      }
      this.backoff = first;
      return this;
    }

    /** How to wait between attempts; {@link Sleeper#THREAD} by default. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The time all attempts and waits of one call may take together; each attempt's timeout is cut
     * to what is left of it. Keep it below the time limit the caller gives a call.
     */
    public Builder retryBudget(Duration budget) {
      if (budget == null || budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("retryBudget must be positive, but was " + budget);
      }
      this.retryBudget = budget;
      return this;
    }

    /** The clock the retry budget is measured on; tests pass one that the sleeper advances. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The client. */
    public KubeClient build() {
      return new KubeClient(this);
    }
  }
}
