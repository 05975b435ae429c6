package dev.canary4j.kubernetes.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.OptionalInt;
import okhttp3.Response;

/** Turns failed responses and I/O errors into the typed exceptions of this package. */
final class ErrorClassifier {

  private ErrorClassifier() {}

  static RuntimeException fromResponse(Response response, String body, String request, ObjectMapper json) {
    int code = response.code();
    KubeStatus status = KubeStatus.parse(code, body, json);
    String message = request + " failed: " + status;
    switch (code) {
      case 401:
        return new KubeUnauthorizedException(message + " (the credentials were missing, expired or rejected)", status, request);
      case 403:
        return new KubeForbiddenException(message + " (grant the permission through RBAC)", status, request);
      case 404:
        return new KubeNotFoundException(message, status, request);
      case 409:
        return new KubeConflictException(message, status, request);
      case 422:
        return new KubeInvalidException(message + (status.causes().isEmpty() ? "" : " " + status.causes()), status, request);
      default:
        break;
    }
    if (code == 408 || code == 429 || code >= 500) {
      return new KubeTransientException(message, status, request, retryAfter(response, status), null);
    }
    return new KubeRequestException(message, status, request);
  }

  static RuntimeException fromIo(IOException e, String request) {
    if (e instanceof javax.net.ssl.SSLHandshakeException || e instanceof javax.net.ssl.SSLPeerUnverifiedException) {
      KubeStatus tls = new KubeStatus(0, "", e.toString(), "", "", null, OptionalInt.empty());
      return new KubeRequestException(request + ": TLS with the API server failed (" + e.getMessage()
          + "); check the certificate authority and client certificate in the configuration", tls, request);
    }
    String what = e instanceof InterruptedIOException ? "timed out" : "failed with an I/O error";
    KubeStatus status = new KubeStatus(0, "", e.toString(), "", "", null, OptionalInt.empty());
    return new KubeTransientException(request + " " + what + ": " + e.getMessage(), status, request, null, e);
  }

  private static Duration retryAfter(Response response, KubeStatus status) {
    String header = response.header("Retry-After");
    if (header != null) {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
      } catch (NumberFormatException httpDate) {
        // An HTTP date; the API server sends seconds, so fall back to the Status below.
      }
    }
    return status.retryAfterSeconds().isPresent() ? Duration.ofSeconds(status.retryAfterSeconds().getAsInt()) : null;
  }
}
