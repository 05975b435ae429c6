package dev.canary4j.prometheus;

import dev.canary4j.spi.ErrorText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * How to reach one Prometheus-compatible HTTP API (Prometheus, Thanos, Mimir, a proxy in front).
 *
 * <p>Immutable; build one with {@link #custom(String)}. Secrets (the bearer token, the basic-auth
 * password, extra header values) never appear in {@link #toString()} nor in any message. The client
 * makes one attempt per query; the runner's call policy (or a {@code RemoteCallExecutor}) retries.
 */
public final class PrometheusConfig {
  /** Default time to establish a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Default time to wait for response bytes. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  /**
   * Default call budget: eight seconds for one query, connecting, sending and reading included, so
   * that a query ends inside the runner's default time limit per attempt ({@code CallPolicy.DEFAULT_TIME_LIMIT}, 10 s).
   */
  public static final Duration DEFAULT_CALL_BUDGET = Duration.ofSeconds(8);
  /**
   * Default largest answer read: 32 MiB. Normal answers of the built-in and single-series queries
   * are a few kilobytes; an answer this large is a query that selects far more series than meant.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-type", "content-length", "host");

  private final HttpUrl baseUrl;
  private final Path bearerTokenFile;
  private final String bearerToken;
  private final String basicUser;
  private final String basicPassword;
  private final Map<String, String> headers;
  private final Path caFile;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration queryTimeout;
  private final Duration callBudget;
  private final long maxResponseBytes;

  private PrometheusConfig(Builder b) {
    baseUrl = b.baseUrl;
    bearerTokenFile = b.bearerTokenFile;
    bearerToken = b.bearerToken;
    basicUser = b.basicUser;
    basicPassword = b.basicPassword;
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    caFile = b.caFile;
    connectTimeout = b.connectTimeout;
    readTimeout = b.readTimeout;
    queryTimeout = b.queryTimeout;
    callBudget = b.callBudget;
    maxResponseBytes = b.maxResponseBytes;
  }

  /**
   * A builder for the API at {@code baseUrl}, which may include a path prefix
   * ({@code https://host/prometheus}).
   *
   * @param baseUrl the API's {@code http} or {@code https} URL, without {@code api/v1}
   * @return a new builder with the defaults
   */
  public static Builder custom(String baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * A config with defaults for the API at {@code baseUrl}.
   *
   * @param baseUrl the API's {@code http} or {@code https} URL, without {@code api/v1}
   * @return a configuration without authentication and with the default timeouts and limits
   */
  public static PrometheusConfig of(String baseUrl) {
    return custom(baseUrl).build();
  }

  /**
   * The API's base URL, always ending in '/'; {@code api/v1/...} is resolved against it.
   *
   * @return the base URL, never {@code null}
   */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * The file holding the bearer token, or {@code null}.
   *
   * @return the token file's path, or {@code null} when no token file is used
   */
  public Path bearerTokenFile() {
    return bearerTokenFile;
  }

  String bearerToken() {
    return bearerToken;
  }

  String basicUser() {
    return basicUser;
  }

  String basicPassword() {
    return basicPassword;
  }

  /**
   * Extra headers sent with every request (for example a tenant header), in the order given.
   *
   * @return the headers by name, unmodifiable; empty unless set
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * PEM file of the certificate authorities trusted for TLS, or {@code null} for the JVM's defaults.
   *
   * @return the PEM file's path, or {@code null}
   */
  public Path caFile() {
    return caFile;
  }

  /**
   * Time allowed to establish a connection.
   *
   * @return the connect timeout, {@link #DEFAULT_CONNECT_TIMEOUT} unless set
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Time allowed between response bytes.
   *
   * @return the read timeout, {@link #DEFAULT_READ_TIMEOUT} unless set
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * The {@code timeout} parameter sent with each query, or {@code null} for the server's default.
   *
   * @return the query timeout, or {@code null} unless set
   */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /**
   * The longest one query may take, connecting, sending and reading the whole answer included.
   *
   * @return the budget of one query, {@link #DEFAULT_CALL_BUDGET} unless set
   */
  public Duration callBudget() {
    return callBudget;
  }

  /**
   * The largest answer read, in bytes, counted while the body streams in: a longer one is a permanent
   * error naming the limit and the metric, and the rest of it is never read.
   *
   * @return the limit in bytes, {@link #DEFAULT_MAX_RESPONSE_BYTES} unless set
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The values that must never be shown: the bearer token, the basic-auth password and its header, extra header values. */
  java.util.List<String> secrets() {
    java.util.List<String> secrets = new java.util.ArrayList<>(headers.values());
    if (bearerToken != null) {
      secrets.add(bearerToken);
    }
    if (basicPassword != null) {
      secrets.add(basicPassword);
      secrets.add(okhttp3.Credentials.basic(basicUser, basicPassword, java.nio.charset.StandardCharsets.UTF_8).substring("Basic ".length()));
    }
    return secrets;
  }

  @Override
  public String toString() {
    String auth;
    if (bearerTokenFile != null) {
      auth = "bearer token from " + bearerTokenFile;
    } else if (bearerToken != null) {
      auth = "bearer token (hidden)";
    } else if (basicUser != null) {
      auth = "basic (hidden)";
    } else {
      auth = "none";
    }
    return "PrometheusConfig[baseUrl=" + baseUrl + ", auth=" + auth + ", headers=" + headers.keySet()
        + ", caFile=" + caFile + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", queryTimeout=" + queryTimeout + ", callBudget=" + callBudget + ", maxResponseBytes=" + maxResponseBytes + "]";
  }

  /** Builds a {@link PrometheusConfig}; each setter rejects a bad argument at once, saying what it got. */
  public static final class Builder {
    private final HttpUrl baseUrl;
    private Path bearerTokenFile;
    private String bearerToken;
    private String basicUser;
    private String basicPassword;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Path caFile;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration queryTimeout;
    private Duration callBudget = DEFAULT_CALL_BUDGET;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    private Builder(String url) {
      Objects.requireNonNull(url, "baseUrl");
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException("baseUrl must be an http or https URL, but was '" + ErrorText.url(url) + "'");
      }
      if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
        // The URL would carry the secret into logs and messages; say so without repeating it.
        throw new IllegalArgumentException("baseUrl must not contain credentials (user info), but did; use basicAuth instead");
      }
      if (parsed.query() != null || parsed.fragment() != null) {
        // A query string may carry a token (?access_token=...): it is left out of the message.
        throw new IllegalArgumentException("baseUrl must not have a query or fragment, but was '" + ErrorText.url(url)
            + "'; send credentials with bearerToken, bearerTokenFile, basicAuth or header");
      }
      String path = parsed.encodedPath();
      baseUrl = path.endsWith("/") ? parsed : parsed.newBuilder().encodedPath(path + "/").build();
    }

    /**
     * Sends the token held in {@code file} as a bearer token; the file is read again whenever it changes.
     *
     * @param file the token file, e.g. a projected service-account token; not {@code null}
     * @return this builder; no other authentication may be set
     */
    public Builder bearerTokenFile(Path file) {
      Objects.requireNonNull(file, "bearerTokenFile");
      requireNoOtherAuth("bearerTokenFile");
      this.bearerTokenFile = file;
      return this;
    }

    /**
     * Sends {@code token} as a bearer token.
     *
     * @param token the token, without the {@code Bearer } prefix; not blank
     * @return this builder; no other authentication may be set
     */
    public Builder bearerToken(String token) {
      Objects.requireNonNull(token, "bearerToken");
      if (token.isBlank()) {
        throw new IllegalArgumentException("bearerToken must not be blank");
      }
      requireNoOtherAuth("bearerToken");
      this.bearerToken = token.strip();
      return this;
    }

    /**
     * Sends HTTP basic authentication.
     *
     * @param user the user name; not empty and without {@code :}
     * @param password the password; not {@code null}
     * @return this builder; no other authentication may be set
     */
    public Builder basicAuth(String user, String password) {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.isEmpty() || user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("basicAuth user must be non-empty and contain no ':', but was "
            + (user.isEmpty() ? "empty" : "a name with ':'"));
      }
      requireNoOtherAuth("basicAuth");
      this.basicUser = user;
      this.basicPassword = password;
      return this;
    }

    private void requireNoOtherAuth(String setting) {
      if (bearerTokenFile != null || bearerToken != null || basicUser != null) {
        throw new IllegalStateException(setting + " cannot be combined with another authentication already set");
      }
    }

    /**
     * Adds a header sent with every request, for example {@code X-Scope-OrgID} for a tenant.
     *
     * @param name the header's name, token characters only; not one of the authentication headers
     * @param value the header's value, without control characters
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "header value");
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header must not be one of " + RESERVED_HEADERS + " (use the auth settings), but was '" + name + "'");
      }
      try {
        new okhttp3.Headers.Builder().add(name, value);
      } catch (IllegalArgumentException e) {
        // OkHttp's message may quote the value, which can be a secret.
        throw new IllegalArgumentException("header '" + name + "' must have a name of token characters and a value without control characters", null);
      }
      headers.put(name, value);
      return this;
    }

    /**
     * Trusts the certificate authorities in the PEM file {@code file} (instead of the JVM's) for TLS.
     *
     * @param file a PEM file of one or more CA certificates; not {@code null}
     * @return this builder
     */
    public Builder caFile(Path file) {
      this.caFile = Objects.requireNonNull(file, "caFile");
      return this;
    }

    /**
     * Time allowed to establish a connection.
     *
     * @param timeout the connect timeout; positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * Time allowed between response bytes.
     *
     * @param timeout the longest silence while reading an answer; positive
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive("readTimeout", timeout);
      return this;
    }

    /**
     * The evaluation timeout Prometheus applies to each query (its {@code timeout} parameter).
     *
     * @param timeout the evaluation timeout; positive
     * @return this builder
     */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = positive("queryTimeout", timeout);
      return this;
    }

    /**
     * The longest one query may take, connecting, sending and reading included; keep it below the
     * runner's time limit per attempt ({@code CallPolicy.timeLimit()}).
     *
     * @param budget the whole call's limit; positive
     * @return this builder
     */
    public Builder callBudget(Duration budget) {
      this.callBudget = positive("callBudget", budget);
      return this;
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
     * The config.
     *
     * @return an immutable configuration holding the values set so far
     */
    public PrometheusConfig build() {
      return new PrometheusConfig(this);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be greater than 0, but was " + d);
      }
      return d;
    }
  }
}
