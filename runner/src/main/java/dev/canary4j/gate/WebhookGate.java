package dev.canary4j.gate;

import dev.canary4j.GateResult;
import dev.canary4j.TrafficSplit;
import dev.canary4j.internal.JsonText;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.spi.Gate;
import dev.canary4j.spi.GateRequest;
import dev.canary4j.spi.ErrorText;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RetryAfter;
import dev.canary4j.spi.TransientAdapterException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A gate that POSTs the canary's situation as JSON to the gate's url, one attempt per check. A 2xx
 * answer opens the gate; statuses 408, 429 and 5xx, timeouts and I/O errors are thrown as a
 * {@link TransientAdapterException} (with the answer's {@code Retry-After}, in seconds or as an HTTP
 * date), which the runner's call policy retries {@link GateSpec#retries()} times; any other status
 * closes the gate with the status and an excerpt of the body as the message.
 *
 * <p>Messages never carry secrets: the url is shown without user info or query string, and the
 * body's excerpt is short, escaped, and without credential-looking values (see {@link ErrorText}).
 * Thread-safe.
 */
public final class WebhookGate implements Gate, AutoCloseable {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_MESSAGE = 300;
  // The excerpt keeps at most MAX_MESSAGE characters of a bounded read; nothing more is buffered.
  private static final long MAX_BODY_BYTES = 2L * 1024;

  private final OkHttpClient client;
  private final Clock clock;
  private final boolean ownsClient;

  /**
   * A gate calling through {@code client}.
   *
   * @param client the HTTP client, owned by the caller; not {@code null}
   */
  public WebhookGate(OkHttpClient client) {
    this(client, Clock.systemUTC(), false);
  }

  /**
   * A gate calling through {@code client}, reading {@code Retry-After} dates against {@code clock}.
   *
   * @param client the HTTP client, owned by the caller; not {@code null}
   * @param clock the clock to compare HTTP dates with; not {@code null}
   */
  public WebhookGate(OkHttpClient client, Clock clock) {
    this(client, clock, false);
  }

  private WebhookGate(OkHttpClient client, Clock clock, boolean ownsClient) {
    // OkHttp would repeat a request answered 408 on its own; the runner's call policy owns retries.
    this.client = Objects.requireNonNull(client, "client").newBuilder().retryOnConnectionFailure(false).build();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ownsClient = ownsClient;
  }

  /**
   * A gate with its own OkHttp client; {@link #close()} releases the client.
   *
   * @return a new gate, to be closed when no longer used
   */
  public static WebhookGate create() {
    return new WebhookGate(new OkHttpClient(), Clock.systemUTC(), true);
  }

  @Override
  public GateResult check(GateRequest request) {
    GateSpec gate = request.gate();
    if (gate.isManual()) {
      throw new PermanentAdapterException("Gate '" + gate.name() + "' has no url; manual gates are answered "
          + "through the runner's control API, not called");
    }
    String shownUrl = ErrorText.url(gate.url().toString());
    HttpUrl url = HttpUrl.parse(gate.url().toString());
    if (url == null) {
      throw new PermanentAdapterException("Expected an http or https url for gate '" + gate.name() + "' but was " + shownUrl);
    }
    List<String> secrets = secretsOf(url);
    Request http = new Request.Builder().url(url).post(RequestBody.create(body(request), JSON)).build();
    Call call = client.newCall(http);
    try (Response response = call.execute()) {
      String text = response.peekBody(MAX_BODY_BYTES).string();
      String excerpt = ErrorText.excerpt(text.strip(), MAX_MESSAGE, secrets);
      String message = "HTTP " + response.code() + (excerpt.isBlank() ? "" : ": " + excerpt);
      if (response.isSuccessful()) {
        return GateResult.open(message);
      }
      int code = response.code();
      if (code == 408 || code == 429 || code >= 500) {
        throw new TransientAdapterException("Gate '" + gate.name() + "' at " + shownUrl + " answered " + message, null,
            RetryAfter.parse(response.header("Retry-After"), clock.instant()));
      }
      return GateResult.closed(message);
    } catch (IOException e) {
      String what = e instanceof InterruptedIOException ? "timed out"
          : "could not be reached: " + ErrorText.excerpt(e.getClass().getSimpleName() + ": " + e.getMessage(), secrets);
      // The cause is left out: an I/O exception's message may name the full url.
      throw new TransientAdapterException("Gate '" + gate.name() + "' at " + shownUrl + " " + what);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // OkHttp is written in Kotlin and can throw an undeclared InterruptedException.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new TransientAdapterException("Interrupted while calling gate '" + gate.name() + "' at " + shownUrl);
    }
  }

  /** The url's password, user and query values: a gate's url may carry a token, and a body may echo it. */
  private static List<String> secretsOf(HttpUrl url) {
    List<String> secrets = new ArrayList<>();
    secrets.add(url.password());
    secrets.add(url.encodedPassword());
    for (int i = 0; i < url.querySize(); i++) {
      secrets.add(url.queryParameterValue(i));
    }
    if (url.encodedQuery() != null) {
      secrets.add(url.encodedQuery());
    }
    return secrets;
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

}
