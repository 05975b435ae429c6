package dev.canary4j.kubernetes.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Supplies the bearer token for each request; implementations are thread-safe. */
@FunctionalInterface
public interface TokenSource {

  /**
   * The token to send now, or empty to send none.
   *
   * @return the bearer token without the {@code Bearer } prefix, or empty
   */
  Optional<String> token();

  /**
   * Drops a cached token after the server refused it (401); true when asking again may give a
   * different one, so that the request is worth repeating once.
   *
   * @return {@code true} if a repeated request may carry another token; {@code false} (the default) if not
   */
  default boolean refresh() {
    return false;
  }

  /**
   * No token.
   *
   * @return a source that never supplies a token
   */
  static TokenSource none() {
    return Optional::empty;
  }

  /**
   * Always {@code token}.
   *
   * @param token the bearer token to send with every request
   * @return a source that always supplies {@code token}
   */
  static TokenSource fixed(String token) {
    Optional<String> t = Optional.of(token);
    return () -> t;
  }

  /**
   * The content of {@code file}, read again for every request, so that a token rotated on disk
   * (projected service-account tokens are replaced about every hour) is used at once.
   *
   * @param file the file holding the token, e.g. a projected service-account token
   * @return a source reading {@code file} for each request
   */
  static TokenSource file(Path file) {
    return () -> {
      try {
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new KubeTransientException("Cannot read the bearer token file " + file + ": " + e.getMessage(),
            new KubeStatus(0, "", e.toString(), "", "", null, java.util.OptionalInt.empty()), "", null, e);
      }
    };
  }
}
