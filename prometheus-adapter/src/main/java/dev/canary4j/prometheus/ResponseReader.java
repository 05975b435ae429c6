package dev.canary4j.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.canary4j.prometheus.internal.ApiResponse;
import dev.canary4j.prometheus.internal.MalformedResponseException;
import dev.canary4j.prometheus.internal.ParsedResult;
import dev.canary4j.prometheus.internal.ParsedSeries;
import dev.canary4j.prometheus.internal.ResponseParser;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.ErrorText;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RetryAfter;
import dev.canary4j.spi.TransientAdapterException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;

/** Turns one HTTP response of the query API into a result or a classified exception. */
final class ResponseReader {
  /** How much of an unexpected body is read to quote from; the excerpt itself is shorter. */
  static final int PREVIEW_BYTES = 1024;
  /** Longest excerpt of an answer (an error page, Prometheus' error message) in a message. */
  static final int MAX_EXCERPT = 200;
  private static final Set<String> TRANSIENT_ERROR_TYPES = Set.of("timeout", "canceled", "unavailable", "internal");

  private final HttpUrl baseUrl;
  private final long maxBytes;

  ResponseReader(HttpUrl baseUrl, long maxBytes) {
    this.baseUrl = baseUrl;
    this.maxBytes = maxBytes;
  }

  /**
   * The result in {@code response}; an {@link IOException} means the body could not be read to its
   * end. {@code context} names the metric and query for messages; {@code secrets} never appear in them.
   */
  QueryResult read(Response response, String context, String metric, List<String> secrets) throws IOException {
    int status = response.code();
    long declared = response.body().contentLength();
    if (declared > maxBytes) {
      throw tooLarge(declared + " bytes declared", metric, context);
    }
    InputStream body = new BufferedInputStream(new Limited(response.body().byteStream(), maxBytes), 8192);
    // Keep the first bytes so that a proxy's HTML page can be quoted after the parser rejected it.
    body.mark(PREVIEW_BYTES);
    byte[] head;
    ApiResponse api;
    try {
      head = body.readNBytes(PREVIEW_BYTES);
      body.reset();
    } catch (TooLarge e) {
      throw tooLarge("more than that", metric, context);
    }
    try {
      api = ResponseParser.parse(body);
    } catch (TooLarge e) {
      throw tooLarge("more than that", metric, context);
    } catch (MalformedResponseException | JsonProcessingException e) {
      String first = ErrorText.excerpt(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), MAX_EXCERPT, secrets);
      throw classify(response, status, "Prometheus at " + baseUrl + " answered HTTP " + status
          + " with a body that is not the query API's JSON (" + first + "); the body starts with: "
          + preview(head, secrets) + "; " + context, e);
    }
    if (response.isSuccessful() && api.isSuccess()) {
      return toResult(api.result());
    }
    if (response.isSuccessful() && "success".equals(api.status())) {
      throw new PermanentAdapterException("Prometheus at " + baseUrl + " reported success without data; " + context);
    }
    String type = api.errorType() == null ? "no errorType" : ErrorText.excerpt(api.errorType(), 40, secrets);
    String message = "Prometheus at " + baseUrl + " answered HTTP " + status + " (" + type + "): "
        + (api.error() == null ? "no error message" : ErrorText.excerpt(api.error(), MAX_EXCERPT * 2, secrets)) + "; " + context;
    if (status == 401 || status == 403) {
      throw new PermanentAdapterException(message + " (check the credentials)");
    }
    return throwFor(response, status, TRANSIENT_ERROR_TYPES.contains(api.errorType()), message);
  }

  /** The parser's result in the adapter's public types; its resultType is one of the four the enum names. */
  static QueryResult toResult(ParsedResult parsed) {
    List<Series> series = new ArrayList<>(parsed.series().size());
    for (ParsedSeries s : parsed.series()) {
      series.add(new Series(s.labels(), s.timestamps(), s.values()));
    }
    return new QueryResult(ResultType.valueOf(parsed.type().toUpperCase(Locale.ROOT)), series, parsed.text(), parsed.warnings());
  }

  private static QueryResult throwFor(Response response, int status, boolean transientType, String message) {
    if (transientType) {
      throw new TransientAdapterException(message, null, retryAfter(response));
    }
    throw classify(response, status, message, null);
  }

  private PermanentAdapterException tooLarge(String found, String metric, String context) {
    return new PermanentAdapterException("Prometheus' answer" + (metric == null ? "" : " for metric '" + metric + "'")
        + " is larger than maxResponseBytes (" + maxBytes + " bytes): " + found + "; it was not read further. "
        + "Select fewer series (aggregate with sum or filter by labels) or raise maxResponseBytes; " + context);
  }

  private static AdapterException classify(Response response, int status, String message, Throwable cause) {
    boolean retryable = status >= 500 || status == 429 || status == 408;
    return retryable ? new TransientAdapterException(message, cause, retryAfter(response))
        : new PermanentAdapterException(message, cause);
  }

  private static Duration retryAfter(Response response) {
    return RetryAfter.parse(response.header("Retry-After"), Instant.now());
  }

  private static String preview(byte[] head, List<String> secrets) {
    if (head.length == 0) {
      return "(empty body)";
    }
    String text = new String(head, StandardCharsets.UTF_8).strip();
    return "'" + ErrorText.excerpt(text, MAX_EXCERPT, secrets) + "'";
  }

  /** Thrown by {@link Limited} past the limit; an {@link IOException} so that the parser passes it through. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("answer larger than the limit");
    }
  }

  /** Counts the bytes read and stops at the limit, so that no more than it is ever buffered or parsed. */
  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > limit) {
        throw new TooLarge();
      }
    }
  }
}
