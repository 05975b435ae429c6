package dev.canary4j.kubernetes.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Follows the objects of one kind in one namespace the way client-go's reflector does: a LIST, then
 * a watch from the list's resourceVersion with bookmarks, reopened from the last resourceVersion
 * seen when the server ends it (timeout) or the connection drops (with backoff), and a new LIST
 * when the server answers {@code 410 Gone}/{@code Expired}, because the history it would need is
 * gone. Every object is also handed over again every {@code resync} period, so that a consumer that
 * missed something catches up. Events are delivered on the watch's own thread, in order.
 */
public final class ObjectWatch implements AutoCloseable {

  /** What happened to an object. */
  public enum Type {
    /** It appeared (or was listed for the first time). */
    ADDED,
    /** It changed. */
    MODIFIED,
    /** It was deleted; the object is its last state. */
    DELETED,
    /** It is handed over again, unchanged as far as the watch knows (periodic resync or relist). */
    RESYNC
  }

  /** One change of one object. */
  public record Event(Type type, ObjectNode object) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubeClient client;
  private final KubeResource type;
  private final String namespace;
  private final Map<String, String> selectors;
  private final Duration resync;
  private final Duration serverTimeout;
  private final Duration maxBackoff;
  private final Sleeper sleeper;
  private final Consumer<Event> consumer;
  private final Consumer<RuntimeException> problems;
  private final Map<String, ObjectNode> known = new LinkedHashMap<>();
  private final AtomicInteger lists = new AtomicInteger();
  private final AtomicInteger watches = new AtomicInteger();
  private volatile boolean closed;
  private volatile Call open;
  private Thread thread;
  private volatile String resourceVersion;

  private ObjectWatch(Builder b) {
    this.client = b.client;
    this.type = b.type;
    this.namespace = b.namespace;
    this.selectors = Map.copyOf(b.selectors);
    this.resync = b.resync;
    this.serverTimeout = b.serverTimeout;
    this.maxBackoff = b.maxBackoff;
    this.sleeper = b.sleeper;
    this.consumer = Objects.requireNonNull(b.consumer, "onEvent");
    this.problems = b.problems;
  }

  /**
   * A watch of {@code type} in {@code namespace}; set {@link Builder#onEvent} and start it.
   *
   * @param client the Kubernetes API client to list and watch through; not {@code null}
   * @param type the resource type to watch
   * @param namespace the namespace to watch in
   * @return a new builder
   */
  public static Builder builder(KubeClient client, KubeResource type, String namespace) {
    return new Builder(client, type, namespace);
  }

  /**
   * Starts following on a daemon thread named after the kind and namespace.
   *
   * @return this watch, for chaining
   */
  public synchronized ObjectWatch start() {
    if (thread == null) {
      thread = new Thread(this::run, "canary4j-watch-" + type.plural() + "-" + namespace);
      thread.setDaemon(true);
      thread.start();
    }
    return this;
  }

  /**
   * How many LISTs were made: 1 at the start, one more per relist after 410.
   *
   * @return the number of LIST requests so far, at least 1 once started
   */
  public int lists() {
    return lists.get();
  }

  /**
   * The resourceVersion the next watch request starts from: the last one listed, seen or bookmarked.
   *
   * @return the resourceVersion the watch would resume from
   */
  public String resourceVersion() {
    return resourceVersion;
  }

  /**
   * How many watch requests were opened.
   *
   * @return the number of watch requests so far
   */
  public int watches() {
    return watches.get();
  }

  private void run() {
    int failures = 0;
    long nextResync = System.nanoTime() + resync.toNanos();
    while (!closed) {
      try {
        if (resourceVersion == null) {
          relist();
        }
        follow(Math.min(serverTimeout.toSeconds(), Math.max(1, (nextResync - System.nanoTime()) / 1_000_000_000L)));
        failures = 0;
      } catch (Gone gone) {
        resourceVersion = null;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        if (e instanceof KubeApiError api && api.status().code() == 410) {
          resourceVersion = null;
        }
        problems.accept(e instanceof RuntimeException r ? r
            : new KubeTransientException("watch of " + type.plural() + " in " + namespace + " failed: " + e.getMessage(),
                new KubeStatus(0, "", e.toString(), "", "", null, java.util.OptionalInt.empty()), "WATCH", null, e));
        failures++;
        try {
          Duration wait = Duration.ofMillis(Math.min(maxBackoff.toMillis(), 100L << Math.min(failures, 10)));
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
      if (!closed && System.nanoTime() - nextResync >= 0) {
        known.values().forEach(o -> deliver(Type.RESYNC, o));
        nextResync = System.nanoTime() + resync.toNanos();
      }
    }
  }

  /** LIST: hands over what appeared, changed or went while nobody watched, and starts from its version. */
  private void relist() {
    lists.incrementAndGet();
    ObjectNode list = client.list(type, namespace, selectors);
    Map<String, ObjectNode> now = new HashMap<>();
    for (JsonNode item : list.path("items")) {
      now.put(item.path("metadata").path("name").asText(), (ObjectNode) item);
    }
    for (String gone : known.keySet().toArray(new String[0])) {
      if (!now.containsKey(gone)) {
        deliver(Type.DELETED, known.remove(gone));
      }
    }
    now.forEach((name, o) -> {
      ObjectNode before = known.put(name, o);
      deliver(before == null ? Type.ADDED : before.path("metadata").path("resourceVersion")
          .equals(o.path("metadata").path("resourceVersion")) ? Type.RESYNC : Type.MODIFIED, o);
    });
    resourceVersion = list.path("metadata").path("resourceVersion").asText();
  }

  /** One watch request, read until the server ends it. */
  private void follow(long timeoutSeconds) throws IOException {
    Map<String, String> query = new LinkedHashMap<>(selectors);
    query.put("resourceVersion", resourceVersion);
    query.put("allowWatchBookmarks", "true");
    query.put("timeoutSeconds", Long.toString(timeoutSeconds));
    watches.incrementAndGet();
    // Bookmarks arrive about every minute on a real server; a silent connection beyond that is dead.
    Call call = client.watchCall(type, namespace, query, Duration.ofSeconds(timeoutSeconds + 90));
    open = call;
    if (closed) {
      return;
    }
    try (Response response = call.execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw client.failure(response, "WATCH " + type.collectionPath(namespace));
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(body.byteStream(), StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
        if (!line.isBlank()) {
          handle(JSON.readTree(line));
        }
      }
    } finally {
      open = null;
    }
  }

  private void handle(JsonNode event) {
    String kind = event.path("type").asText();
    JsonNode object = event.path("object");
    if (kind.equals("ERROR")) {
      if (object.path("code").asInt() == 410) {
        throw new Gone();
      }
      throw new KubeTransientException("watch of " + type.plural() + " in " + namespace + " ended with an error: "
          + object.path("message").asText(), KubeStatus.parse(object.path("code").asInt(), object.toString(), JSON),
          "WATCH", null, null);
    }
    String version = object.path("metadata").path("resourceVersion").asText(null);
    if (version != null) {
      resourceVersion = version;
    }
    if (kind.equals("BOOKMARK") || !(object instanceof ObjectNode o)) {
      return;
    }
    String name = o.path("metadata").path("name").asText();
    switch (kind) {
      case "ADDED", "MODIFIED" -> {
        Type t = known.put(name, o) == null ? Type.ADDED : Type.MODIFIED;
        deliver(t, o);
      }
      case "DELETED" -> {
        known.remove(name);
        deliver(Type.DELETED, o);
      }
      default -> { }
    }
  }

  private void deliver(Type t, ObjectNode o) {
    try {
      consumer.accept(new Event(t, o.deepCopy()));
    } catch (RuntimeException e) {
      problems.accept(e);
    }
  }

  /** Stops following; returns once the watch's thread has ended. */
  @Override
  public void close() {
    closed = true;
    Call c = open;
    if (c != null) {
      c.cancel();
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The server no longer has the history the watch would need: list again. */
  private static final class Gone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Gone() {
      super(null, null, false, false);
    }
  }

  /** Builds an {@link ObjectWatch}; each setter checks its argument. */
  public static final class Builder {
    private final KubeClient client;
    private final KubeResource type;
    private final String namespace;
    private final Map<String, String> selectors = new LinkedHashMap<>();
    private Duration resync = Duration.ofMinutes(10);
    private Duration serverTimeout = Duration.ofMinutes(5);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Sleeper sleeper = Sleeper.THREAD;
    private Consumer<Event> consumer;
    private Consumer<RuntimeException> problems = e -> { };

    private Builder(KubeClient client, KubeResource type, String namespace) {
      this.client = Objects.requireNonNull(client, "client");
      this.type = Objects.requireNonNull(type, "type");
      this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * Only the object named {@code name} ({@code fieldSelector=metadata.name=NAME}).
     *
     * @param name the object's name
     * @return this builder
     */
    public Builder name(String name) {
      selectors.put("fieldSelector", "metadata.name=" + Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Where each event goes; called on the watch's thread.
     *
     * @param consumer receives each added, modified, deleted or resynced object; not {@code null}
     * @return this builder
     */
    public Builder onEvent(Consumer<Event> consumer) {
      this.consumer = Objects.requireNonNull(consumer, "consumer");
      return this;
    }

    /**
     * Where failures go (each is followed by a retry); the default drops them.
     *
     * @param problems receives each failure of a LIST or watch request; not {@code null}
     * @return this builder
     */
    public Builder onProblem(Consumer<RuntimeException> problems) {
      this.problems = Objects.requireNonNull(problems, "problems");
      return this;
    }

    /**
     * How often every object is handed over again; positive, default 10 minutes.
     *
     * @param period the resync period; positive
     * @return this builder
     */
    public Builder resync(Duration period) {
      this.resync = positive("resync", period);
      return this;
    }

    /**
     * How long one watch request may last before the server ends it; at least 1 s, default 5 minutes.
     *
     * @param timeout the {@code timeoutSeconds} sent with each watch request; at least 1 s
     * @return this builder
     */
    public Builder serverTimeout(Duration timeout) {
      if (timeout == null || timeout.toSeconds() < 1) {
        throw new IllegalArgumentException("serverTimeout must be at least 1 second, but was " + timeout);
      }
      this.serverTimeout = timeout;
      return this;
    }

    /**
     * The longest wait between reconnection attempts; positive, default 30 s.
     *
     * @param max the backoff's upper bound; positive
     * @return this builder
     */
    public Builder maxBackoff(Duration max) {
      this.maxBackoff = positive("maxBackoff", max);
      return this;
    }

    /**
     * How to wait between reconnection attempts (tests pass one that does not wait).
     *
     * @param sleeper the way to wait; not {@code null}
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + d);
      }
      return d;
    }

    /**
     * The watch, not yet started.
     *
     * @return a watch with the settings given so far; call {@link ObjectWatch#start()} to follow
     */
    public ObjectWatch build() {
      return new ObjectWatch(this);
    }
  }
}
