package dev.canary4j.prometheus.internal;

import java.util.List;

/**
 * A Prometheus API response envelope as read from the wire, before it is judged a success or an error.
 *
 * @param status {@code success} or {@code error}
 * @param errorType the error's type ({@code bad_data}, {@code execution}, {@code timeout}, ...) or {@code null}
 * @param error the error's message or {@code null}
 * @param result the data of a successful response, or {@code null}
 * @param warnings warnings, possibly empty
 */
public record ApiResponse(String status, String errorType, String error, ParsedResult result, List<String> warnings) {

  /** Whether Prometheus reported success and sent data. */
  public boolean isSuccess() {
    return "success".equals(status) && result != null;
  }
}
