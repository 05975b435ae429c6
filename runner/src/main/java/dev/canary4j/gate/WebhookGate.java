package dev.canary4j.gate;

import dev.canary4j.GateResult;
import dev.canary4j.TrafficSplit;
import dev.canary4j.internal.JsonText;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.spi.Gate;
import dev.canary4j.spi.GateRequest;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A gate that POSTs the canary's situation as JSON to the gate's url. A 2xx answer opens the gate;
 * any other status closes it with the status and body as the message. Statuses 408, 429 and 5xx,
 * timeouts and I/O errors are retried {@link GateSpec#retries()} times with doubling backoff, all
 * within a time budget that leaves each retry at least 100 ms for its call; an unreachable gate is
 * then thrown as a {@link TransientAdapterException}, and so is an interrupted check.
 * Thread-safe.
 */
public final class WebhookGate implements Gate, AutoCloseable {

  /**
   * Time for all attempts of one check together, waits included. It stays under the runner's default
   * time limit per call ({@code CallPolicy.DEFAULT_TIME_LIMIT}, 10 s) so that the gate's own retries
   * end before the runner gives up on the call.
   */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(8);

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_MESSAGE = 500;
  private static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  // The message keeps at most MAX_MESSAGE characters; a UTF-8 character takes at most 4 bytes.
  private static final long MAX_BODY_BYTES = 4L * MAX_MESSAGE;

  private final OkHttpClient client;
  private final Duration backoff;
  private final Duration budget;
  private final boolean ownsClient;

  /** A gate calling through {@code client}, waiting {@code backoff} (doubling) between attempts, within {@link #DEFAULT_BUDGET}. */
  public WebhookGate(OkHttpClient client, Duration backoff) {
    this(client, backoff, DEFAULT_BUDGET);
  }

  /** A gate calling through {@code client}, waiting {@code backoff} (doubling) between attempts, all attempts within {@code budget}. */
  public WebhookGate(OkHttpClient client, Duration backoff, Duration budget) {
    this(client, backoff, budget, false);
  }

  private WebhookGate(OkHttpClient client, Duration backoff, Duration budget, boolean ownsClient) {
    this.client = Objects.requireNonNull(client, "client");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.budget = Objects.requireNonNull(budget, "budget");
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative, but was " + backoff);
    }
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be greater than 0, but was " + budget);
    }
    this.ownsClient = ownsClient;
  }

  /** A gate with its own OkHttp client, 500 ms backoff and {@link #DEFAULT_BUDGET}; {@link #close()} releases the client. */
  public static WebhookGate create() {
    return new WebhookGate(new OkHttpClient(), Duration.ofMillis(500), DEFAULT_BUDGET, true);
  }

  @Override
  public GateResult check(GateRequest request) {
    GateSpec gate = request.gate();
    if (gate.isManual()) {
      throw new PermanentAdapterException("Gate '" + gate.name() + "' has no url; manual gates are answered "
          + "through the runner's control API, not called");
    }
    HttpUrl url = HttpUrl.parse(gate.url().toString());
    if (url == null) {
      throw new PermanentAdapterException("Expected an http or https url for gate '" + gate.name() + "' but was "
          + gate.url());
    }
    Request http = new Request.Builder().url(url).post(RequestBody.create(body(request), JSON)).build();
    long deadline = System.nanoTime() + budget.toNanos();
    List<String> failures = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      Attempt outcome = attempt(gate, http, deadline - System.nanoTime());
      if (outcome.result() != null && !outcome.retryable()) {
        return outcome.result();
      }
      failures.add(outcome.describe());
      if (Thread.currentThread().isInterrupted()) {
        throw new TransientAdapterException("Interrupted while calling gate '" + gate.name() + "' at " + gate.url()
            + " (" + failures.size() + (failures.size() == 1 ? " attempt: " : " attempts: ") + String.join("; ", failures)
            + ")", outcome.error());
      }
      long wait = waitBefore(attempt + 1, backoff.toNanos());
      boolean retriesLeft = attempt <= gate.retries();
      // A retry needs time for the call as well as the wait; one squeezed in at the very end of the
      // budget would only time out and hide the answer already received.
      boolean timeLeft = deadline - System.nanoTime() - MIN_ATTEMPT_NANOS > wait;
      if (!retriesLeft || !timeLeft) {
        String history = failures.size() == 1 ? "" : " (" + failures.size() + " attempts: "
            + String.join("; ", failures) + ")";
        if (!timeLeft && retriesLeft) {
          history += "; no retry left within the budget of " + budget;
        }
        if (outcome.result() != null) {
          return GateResult.closed(outcome.result().message() + history);
        }
        throw new TransientAdapterException("Gate '" + gate.name() + "' at " + gate.url() + " "
            + outcome.describe() + history, outcome.error());
      }
      sleep(wait, gate);
    }
  }

  /** The wait before attempt {@code attempt} (2 or later): the backoff doubled per retry, saturating instead of overflowing. */
  static long waitBefore(int attempt, long backoffNanos) {
    int doublings = Math.min(attempt - 2, 16);
    return backoffNanos > Long.MAX_VALUE >> doublings ? Long.MAX_VALUE : backoffNanos << doublings;
  }

  /** One call's outcome: an answer (retryable for 408, 429 and 5xx), or the failure to get one. */
  private record Attempt(GateResult result, boolean retryable, IOException error) {
    String describe() {
      if (result != null) {
        return result.message();
      }
      return error instanceof InterruptedIOException ? "timed out" : "could not be reached: " + error.getMessage();
    }
  }

  private Attempt attempt(GateSpec gate, Request http, long remainingNanos) {
    Call call = client.newCall(http);
    long limit = client.callTimeoutMillis() > 0
        ? Math.min(TimeUnit.MILLISECONDS.toNanos(client.callTimeoutMillis()), remainingNanos) : remainingNanos;
    call.timeout().timeout(Math.max(limit, 1), TimeUnit.NANOSECONDS);
    try (Response response = call.execute()) {
      String text = response.peekBody(MAX_BODY_BYTES).string();
      String message = "HTTP " + response.code() + (text.isBlank() ? "" : ": " + abbreviate(text.strip()));
      if (response.isSuccessful()) {
        return new Attempt(GateResult.open(message), false, null);
      }
      int code = response.code();
      return new Attempt(GateResult.closed(message), code == 408 || code == 429 || code >= 500, null);
    } catch (IOException e) {
      return new Attempt(null, true, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // OkHttp is written in Kotlin and can throw an undeclared InterruptedException.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new Attempt(null, true, new IOException(e.toString(), e));
    }
  }

  private static void sleep(long nanos, GateSpec gate) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientAdapterException("Interrupted while waiting to call gate '" + gate.name() + "' again", e);
    }
  }

  /** Releases the client's threads and connections when this gate created the client; otherwise does nothing. */
  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** The JSON body: canary name, namespace, gate, phase, revision, step, weights and metadata. */
  static String body(GateRequest r) {
    TrafficSplit s = r.split();
    String weights = JsonText.object().field("primary", s.primary()).field("canary", s.canary())
        .field("mirror", s.mirror()).build();
    JsonText metadata = JsonText.object();
    for (Map.Entry<String, String> e : r.gate().metadata().entrySet()) {
      metadata.field(e.getKey(), e.getValue());
    }
    return JsonText.object()
        .field("name", r.target().name())
        .field("namespace", r.target().namespace())
        .field("gate", r.gate().name())
        .field("type", r.gate().type().specName())
        .field("phase", r.phase().name())
        .field("revision", r.revision())
        .field("step", r.step())
        .raw("weights", weights)
        .raw("metadata", metadata.build())
        .build();
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
  }
}
