package dev.canary4j.prometheus.internal;

import java.io.IOException;

/** A response body that is not the JSON the Prometheus API documents; the message names where. */
public final class MalformedResponseException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message) {
    super(message);
  }

  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
