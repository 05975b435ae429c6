package dev.canary4j.prometheus.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A bearer token kept in a file that is rotated from outside (a projected service-account token, a
 * mounted secret): the file is read again whenever its modification time, size or identity changes.
 *
 * <p>Thread-safe. The token itself never appears in messages or {@link #toString()}.
 */
public final class BearerTokenFile {
  private final Path path;
  private Snapshot current;

  private record Snapshot(FileTime modified, long size, Object fileKey, String token) {}

  /** A token read from {@code path}, read again when the file changes. */
  public BearerTokenFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  /** The current token, re-read if the file changed since the last call. */
  public synchronized String token() throws IOException {
    // Attributes follow symbolic links, so Kubernetes' atomic ..data swap is seen as a change.
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    Snapshot last = current;
    if (last != null && last.modified.equals(attributes.lastModifiedTime()) && last.size == attributes.size()
        && Objects.equals(last.fileKey, attributes.fileKey())) {
      return last.token;
    }
    String token = Files.readString(path, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw new IOException("bearer token file " + path + " is empty");
    }
    current = new Snapshot(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), token);
    return token;
  }

  @Override
  public String toString() {
    return "BearerTokenFile[" + path + "]";
  }
}
