package dev.canary4j.gate;

import dev.canary4j.GateResult;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.runner.JsonText;
import dev.canary4j.spi.Gate;
import dev.canary4j.spi.GateRequest;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A gate that POSTs the canary's situation as JSON to the gate's url. A 2xx answer opens the gate;
 * any other status closes it with the status and body as the message. Statuses 408, 429 and 5xx,
 * timeouts and I/O errors are retried {@link GateSpec#retries()} times with doubling backoff; an
 * unreachable gate is then thrown as a {@link TransientAdapterException}. Thread-safe.
 */
public final class WebhookGate implements Gate {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_MESSAGE = 500;

  private final OkHttpClient client;
  private final Duration backoff;

  /** A gate calling through {@code client} and waiting {@code backoff} (doubling) between attempts. */
  public WebhookGate(OkHttpClient client, Duration backoff) {
    this.client = Objects.requireNonNull(client, "client");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative, but was " + backoff);
    }
  }

  /** A gate with a ten-second call timeout and 500 ms backoff. */
  public static WebhookGate create() {
    return new WebhookGate(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build(),
        Duration.ofMillis(500));
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
    Retry retry = Retry.of("gate " + gate.name(), RetryConfig.custom()
        .maxAttempts(gate.retries() + 1)
        .intervalFunction(attempt -> backoff.toMillis() << Math.min(attempt - 1, 16))
        .retryOnException(e -> e instanceof RetryableStatus || e instanceof TransientAdapterException)
        .build());
    try {
      return retry.executeSupplier(() -> attempt(gate, http));
    } catch (RetryableStatus e) {
      return e.result;
    }
  }

  private GateResult attempt(GateSpec gate, Request http) {
    try (Response response = client.newCall(http).execute()) {
      String text = response.body().string();
      String message = "HTTP " + response.code() + (text.isBlank() ? "" : ": " + abbreviate(text.strip()));
      if (response.isSuccessful()) {
        return GateResult.open(message);
      }
      int code = response.code();
      if (code == 408 || code == 429 || code >= 500) {
        throw new RetryableStatus(GateResult.closed(message));
      }
      return GateResult.closed(message);
    } catch (InterruptedIOException e) {
      throw new TransientAdapterException("Gate '" + gate.name() + "' at " + gate.url() + " timed out", e);
    } catch (IOException e) {
      throw new TransientAdapterException("Gate '" + gate.name() + "' at " + gate.url() + " could not be reached: "
          + e.getMessage(), e);
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

  /** A closed answer whose status says the gate may answer otherwise on a retry. */
  private static final class RetryableStatus extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient GateResult result;

    RetryableStatus(GateResult result) {
      super(result.message(), null, false, false);
      this.result = result;
    }
  }
}
