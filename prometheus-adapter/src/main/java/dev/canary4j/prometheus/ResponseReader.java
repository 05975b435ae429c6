package dev.canary4j.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.canary4j.prometheus.internal.ApiResponse;
import dev.canary4j.prometheus.internal.MalformedResponseException;
import dev.canary4j.prometheus.internal.ResponseParser;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;

/** Turns one HTTP response of the query API into a result or a classified exception. */
final class ResponseReader {
  /** How much of an unexpected body is quoted in an error. */
  static final int PREVIEW_BYTES = 256;
  private static final Set<String> TRANSIENT_ERROR_TYPES = Set.of("timeout", "canceled", "unavailable", "internal");

  private final HttpUrl baseUrl;

  ResponseReader(HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The result in {@code response}; an {@link IOException} means the body could not be read to its end. */
  QueryResult read(Response response, String query) throws IOException {
    int status = response.code();
    InputStream body = new BufferedInputStream(response.body().byteStream(), 8192);
    // Keep the first bytes so that a proxy's HTML page can be quoted after the parser rejected it.
    body.mark(PREVIEW_BYTES);
    byte[] head = body.readNBytes(PREVIEW_BYTES);
    body.reset();
    ApiResponse api;
    try {
      api = ResponseParser.parse(body);
    } catch (MalformedResponseException | JsonProcessingException e) {
      throw classify(status, "Prometheus at " + baseUrl + " answered HTTP " + status + " with a body that is not the query API's JSON ("
          + e.getMessage().lines().findFirst().orElse("") + "); the body starts with: " + preview(head) + "; query: " + query, e);
    }
    if (response.isSuccessful() && api.isSuccess()) {
      return api.result();
    }
    if (response.isSuccessful() && "success".equals(api.status())) {
      throw new PermanentAdapterException("Prometheus at " + baseUrl + " reported success without data; query: " + query);
    }
    String type = api.errorType() == null ? "no errorType" : api.errorType();
    String message = "Prometheus at " + baseUrl + " answered HTTP " + status + " (" + type + "): "
        + (api.error() == null ? "no error message" : api.error()) + "; query: " + query;
    if (status == 401 || status == 403) {
      throw new PermanentAdapterException(message + " (check the credentials)");
    }
    throw TRANSIENT_ERROR_TYPES.contains(type) ? new TransientAdapterException(message) : classify(status, message, null);
  }

  private static AdapterException classify(int status, String message, Throwable cause) {
    boolean retryable = status >= 500 || status == 429 || status == 408;
    return retryable ? new TransientAdapterException(message, cause) : new PermanentAdapterException(message, cause);
  }

  private static String preview(byte[] head) {
    if (head.length == 0) {
      return "(empty body)";
    }
    String text = new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return "'" + text + (head.length == PREVIEW_BYTES ? "...'" : "'");
  }
}
