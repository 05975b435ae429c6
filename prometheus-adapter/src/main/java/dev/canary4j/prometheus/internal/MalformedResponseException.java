package dev.canary4j.prometheus.internal;

import java.io.IOException;

/** A response body that is not the JSON the Prometheus API documents; the message names where. */
public final class MalformedResponseException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A response body that is not the API's JSON, described by {@code message}. */
  public MalformedResponseException(String message) {
    super(message);
  }

  /** A response body that is not the API's JSON, described by {@code message}, caused by {@code cause}. */
  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
