package dev.canary4j.prometheus;

import dev.canary4j.prometheus.internal.BearerTokenFile;
import dev.canary4j.prometheus.internal.PromDurations;
import dev.canary4j.prometheus.internal.TlsTrust;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * A client of the Prometheus HTTP query API: instant and range queries sent as POST forms.
 *
 * <p>Thread-safe. Every call goes through a circuit breaker and a retry that act on transient
 * failures only, and ends within the {@linkplain PrometheusConfig#callBudget() call budget};
 * failures are thrown as {@link TransientAdapterException} (timeouts, I/O, 5xx, 408, 429,
 * Prometheus' {@code timeout}) or {@link PermanentAdapterException} ({@code bad_data},
 * {@code execution}, rejected credentials, bodies that are not the API's JSON, a server certificate
 * that is not trusted or does not name the host).
 */
public final class PrometheusClient {
  private final PrometheusConfig config;
  private final OkHttpClient http;
  private final BearerTokenFile tokenFile;
  private final ResponseReader reader;
  private final Retry retry;
  private final CircuitBreaker breaker;

  private PrometheusClient(PrometheusConfig config) {
    this.config = config;
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        .retryOnConnectionFailure(false);
    if (config.caFile() != null) {
      TlsTrust trust = TlsTrust.fromCaFile(config.caFile());
      builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
    }
    this.http = builder.build();
    this.tokenFile = config.bearerTokenFile() == null ? null : new BearerTokenFile(config.bearerTokenFile());
    this.reader = new ResponseReader(config.baseUrl());
    String name = "prometheus " + config.baseUrl();
    this.retry = Retry.of(name, RetryConfig.from(config.retry())
        .retryOnException(e -> e instanceof TransientAdapterException && !(e instanceof NotRetried))
        .retryOnResult(r -> false)
        .build());
    this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.from(config.circuitBreaker())
        .recordException(e -> e instanceof TransientAdapterException)
        // resilience4j would count a permanent failure as a success and so dilute the failure rate.
        .ignoreException(e -> !(e instanceof TransientAdapterException))
        .build());
  }

  /** A client for the API that {@code config} describes; fails at once if its CA file cannot be loaded. */
  public static PrometheusClient create(PrometheusConfig config) {
    return new PrometheusClient(Objects.requireNonNull(config, "config"));
  }

  /** The settings this client was made with. */
  public PrometheusConfig config() {
    return config;
  }

  /** The circuit breaker guarding this client's calls, for observing its state and events. */
  public CircuitBreaker circuitBreaker() {
    return breaker;
  }

  /** The retry applied to this client's calls, for observing its events. */
  public Retry retry() {
    return retry;
  }

  /** Evaluates {@code query} at {@code time} ({@code /api/v1/query}). */
  public QueryResult query(String query, Instant time) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(time, "time");
    FormBody.Builder form = new FormBody.Builder().add("query", query).add("time", PromDurations.epochSeconds(time));
    return call("api/v1/query", form, query);
  }

  /** Evaluates {@code query} at every {@code step} from {@code start} to {@code end} ({@code /api/v1/query_range}). */
  public QueryResult queryRange(String query, Instant start, Instant end, Duration step) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(step, "step");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end must not be before start (" + start + "), but was " + end);
    }
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be greater than 0, but was " + step);
    }
    FormBody.Builder form = new FormBody.Builder().add("query", query)
        .add("start", PromDurations.epochSeconds(start)).add("end", PromDurations.epochSeconds(end))
        .add("step", PromDurations.seconds(step));
    return call("api/v1/query_range", form, query);
  }

  private QueryResult call(String endpoint, FormBody.Builder form, String query) {
    if (config.queryTimeout() != null) {
      form.add("timeout", PromDurations.seconds(config.queryTimeout()));
    }
    HttpUrl url = config.baseUrl().resolve(endpoint);
    FormBody body = form.build();
    long deadline = System.nanoTime() + config.callBudget().toNanos();
    int[] attempts = {0};
    Supplier<QueryResult> attempt = () -> attemptWithinBudget(url, body, query, deadline, ++attempts[0]);
    try {
      return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt)).get();
    } catch (CallNotPermittedException e) {
      throw new TransientAdapterException("Prometheus at " + url + " is not called: its circuit breaker is "
          + breaker.getState() + " after repeated transient failures", e);
    }
  }

  /*
   * The retry cannot see the call's deadline, so the attempt decides: after a transient failure it
   * estimates the next attempt to take as long as this one and, when the backoff wait plus that
   * estimate would end past the deadline, throws NotRetried, which the retry does not retry.
   * The wait is the retry's own interval for this attempt number (a randomised interval may differ).
   */
  private QueryResult attemptWithinBudget(HttpUrl url, FormBody body, String query, long deadline, int attempt) {
    long started = System.nanoTime();
    if (deadline - started <= 0) {
      throw new NotRetried("Prometheus at " + url + " is not called again: the call budget of " + config.callBudget()
          + " is spent after " + (attempt - 1) + " attempts; query: " + query, null);
    }
    try {
      return attempt(url, body, query, deadline - started);
    } catch (TransientAdapterException e) {
      if (attempt < retry.getRetryConfig().getMaxAttempts()) {
        long ended = System.nanoTime();
        long waitMillis = retry.getRetryConfig().<QueryResult>getIntervalBiFunction().apply(attempt, Either.left(e));
        if (ended + TimeUnit.MILLISECONDS.toNanos(waitMillis) + (ended - started) - deadline > 0) {
          throw new NotRetried(e.getMessage() + " (attempt " + attempt + "; not retried: waiting " + waitMillis
              + " ms and trying again would not finish within the call budget of " + config.callBudget() + ")", e);
        }
      }
      throw e;
    }
  }

  private QueryResult attempt(HttpUrl url, FormBody body, String query, long timeoutNanos) {
    Request.Builder request = new Request.Builder().url(url).post(body).header("Accept", "application/json");
    config.headers().forEach(request::header);
    String authorization = authorization();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    Call call = http.newCall(request.build());
    // Covers connecting, sending and reading the whole body, so that no attempt outlasts the call budget.
    call.timeout().timeout(timeoutNanos, TimeUnit.NANOSECONDS);
    try (okhttp3.Response response = call.execute()) {
      return reader.read(response, query);
    } catch (SSLException e) {
      if (!isCertificateFailure(e)) {
        throw new TransientAdapterException("TLS connection to Prometheus at " + url + " failed: " + e + "; query: " + query, e);
      }
      String trust = config.caFile() == null ? "the JVM's default trust store" : "caFile " + config.caFile();
      throw new PermanentAdapterException("TLS handshake with Prometheus at " + url + " failed, which a retry cannot cure: "
          + e.getMessage() + "; check that the server's certificate is signed by an authority in " + trust
          + " and names the host '" + url.host() + "'; query: " + query, e);
    } catch (IOException e) {
      String what = e instanceof java.io.InterruptedIOException ? "timed out" : "failed";
      throw new TransientAdapterException("Prometheus request to " + url + " " + what + ": " + e + "; query: " + query, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // OkHttp is written in Kotlin and can throw an undeclared InterruptedException; an interrupted
      // caller wants to stop, so this is not retried.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new NotRetried("Prometheus request to " + url + " was interrupted: " + e + "; query: " + query, e);
    }
  }

  /*
   * A certificate that fails validation, or one that does not name the host (OkHttp's
   * SSLPeerUnverifiedException), fails the same way on every attempt. A handshake cut short by the
   * connection closing (EOF or reset, as when a proxy restarts) may work on the next attempt.
   */
  private static boolean isCertificateFailure(SSLException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return true;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateException) {
        return true;
      }
      if (cause instanceof EOFException || cause instanceof SocketException) {
        return false;
      }
    }
    return e instanceof SSLHandshakeException;
  }

  private String authorization() {
    if (tokenFile != null) {
      try {
        return "Bearer " + tokenFile.token();
      } catch (IOException e) {
        throw new PermanentAdapterException("cannot read the bearer token file " + config.bearerTokenFile() + ": " + e.getMessage(), e);
      }
    }
    if (config.bearerToken() != null) {
      return "Bearer " + config.bearerToken();
    }
    if (config.basicUser() != null) {
      return Credentials.basic(config.basicUser(), config.basicPassword(), java.nio.charset.StandardCharsets.UTF_8);
    }
    return null;
  }

  /** A transient failure not to be retried: no further attempt fits in the call budget, or the caller was interrupted. */
  private static final class NotRetried extends TransientAdapterException {
    private static final long serialVersionUID = 1L;

    NotRetried(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public String toString() {
    return "PrometheusClient[" + config + "]";
  }
}
