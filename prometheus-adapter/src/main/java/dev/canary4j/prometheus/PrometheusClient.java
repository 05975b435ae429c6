package dev.canary4j.prometheus;

import dev.canary4j.prometheus.internal.BearerTokenFile;
import dev.canary4j.prometheus.internal.PromDurations;
import dev.canary4j.prometheus.internal.TlsTrust;
import dev.canary4j.spi.ErrorText;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
 * <p>Thread-safe. Each query is one attempt, cut off at the {@linkplain PrometheusConfig#callBudget()
 * call budget}; its failure is classified and thrown as a {@link TransientAdapterException}
 * (timeouts, I/O, 5xx, 408, 429, Prometheus' {@code timeout}; with the answer's {@code Retry-After})
 * or a {@link PermanentAdapterException} ({@code bad_data}, {@code execution}, rejected credentials,
 * bodies that are not the API's JSON, answers above {@linkplain PrometheusConfig#maxResponseBytes()
 * the size limit}, a server certificate that is not trusted or does not name the host). Retrying is
 * the caller's: the runner's call policy, or a {@code RemoteCallExecutor}.
 *
 * <p>Messages hold no secrets: excerpts of answers are short and escaped, with the token, the
 * password, extra header values and every credential-looking value removed.
 */
public final class PrometheusClient {
  /** Longest query text quoted in a message. */
  static final int MAX_QUERY_IN_MESSAGE = 300;

  private final PrometheusConfig config;
  private final OkHttpClient http;
  private final BearerTokenFile tokenFile;
  private final ResponseReader reader;

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
    this.reader = new ResponseReader(config.baseUrl(), config.maxResponseBytes());
  }

  /**
   * A client for the API that {@code config} describes; fails at once if its CA file cannot be loaded.
   *
   * @param config the server, credentials, timeouts and limits to use; not {@code null}
   * @return a new client, safe to share between threads
   */
  public static PrometheusClient create(PrometheusConfig config) {
    return new PrometheusClient(Objects.requireNonNull(config, "config"));
  }

  /**
   * The settings this client was made with.
   *
   * @return the configuration given to {@link #create}
   */
  public PrometheusConfig config() {
    return config;
  }

  /**
   * Evaluates {@code query} at {@code time} ({@code /api/v1/query}).
   *
   * @param query the PromQL expression, sent as it is
   * @param time the evaluation time; not {@code null}
   * @return the successful answer; failures are thrown as transient or permanent adapter exceptions
   */
  public QueryResult query(String query, Instant time) {
    return query(query, time, null);
  }

  /** Evaluates {@code query} at {@code time} for metric {@code metric} (named in errors; {@code null} for none). */
  QueryResult query(String query, Instant time, String metric) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(time, "time");
    FormBody.Builder form = new FormBody.Builder().add("query", query).add("time", PromDurations.epochSeconds(time));
    return call("api/v1/query", form, query, metric);
  }

  /**
   * Evaluates {@code query} at every {@code step} from {@code start} to {@code end}
   * ({@code /api/v1/query_range}).
   *
   * @param query the PromQL expression, sent as it is
   * @param start the first evaluation time
   * @param end the last evaluation time, not before {@code start}
   * @param step the distance between evaluation times; positive
   * @return the successful answer, a matrix for a range query; failures are thrown as transient or permanent
   *     adapter exceptions
   */
  public QueryResult queryRange(String query, Instant start, Instant end, Duration step) {
    return queryRange(query, start, end, step, null);
  }

  /** As {@link #queryRange(String, Instant, Instant, Duration)}, for metric {@code metric} (named in errors). */
  QueryResult queryRange(String query, Instant start, Instant end, Duration step, String metric) {
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
    return call("api/v1/query_range", form, query, metric);
  }

  /** {@code query} as it may appear in a message: escaped and cut short. */
  static String shown(String query) {
    return ErrorText.cap(ErrorText.escape(query), MAX_QUERY_IN_MESSAGE);
  }

  private QueryResult call(String endpoint, FormBody.Builder form, String query, String metric) {
    if (config.queryTimeout() != null) {
      form.add("timeout", PromDurations.seconds(config.queryTimeout()));
    }
    HttpUrl url = config.baseUrl().resolve(endpoint);
    Request.Builder request = new Request.Builder().url(url).post(form.build()).header("Accept", "application/json");
    config.headers().forEach(request::header);
    List<String> secrets = new ArrayList<>(config.secrets());
    String authorization = authorization();
    if (authorization != null) {
      request.header("Authorization", authorization);
      secrets.add(authorization);
      secrets.add(authorization.substring(authorization.indexOf(' ') + 1));
    }
    String context = (metric == null ? "" : "metric '" + metric + "': ") + "query: " + shown(query);
    Call call = http.newCall(request.build());
    // Covers connecting, sending and reading the whole body, so that no query outlasts the call budget.
    call.timeout().timeout(config.callBudget().toNanos(), TimeUnit.NANOSECONDS);
    try (okhttp3.Response response = call.execute()) {
      return reader.read(response, context, metric, secrets);
    } catch (SSLException e) {
      String reason = ErrorText.excerpt(String.valueOf(e.getMessage()), secrets);
      if (!isCertificateFailure(e)) {
        throw new TransientAdapterException("TLS connection to Prometheus at " + url + " failed: " + reason + "; " + context, e);
      }
      String trust = config.caFile() == null ? "the JVM's default trust store" : "caFile " + config.caFile();
      throw new PermanentAdapterException("TLS handshake with Prometheus at " + url + " failed, which a retry cannot cure: "
          + reason + "; check that the server's certificate is signed by an authority in " + trust
          + " and names the host '" + url.host() + "'; " + context, e);
    } catch (IOException e) {
      String what = e instanceof java.io.InterruptedIOException ? "timed out" : "failed";
      throw new TransientAdapterException("Prometheus request to " + url + " " + what + ": "
          + ErrorText.excerpt(e.getClass().getSimpleName() + ": " + e.getMessage(), secrets) + "; " + context, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // OkHttp is written in Kotlin and can throw an undeclared InterruptedException.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new TransientAdapterException("Prometheus request to " + url + " was interrupted; " + context, e);
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
        throw new PermanentAdapterException("cannot read the bearer token file " + config.bearerTokenFile() + ": "
            + e.getClass().getSimpleName(), e);
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

  @Override
  public String toString() {
    return "PrometheusClient[" + config + "]";
  }
}
