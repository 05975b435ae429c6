package dev.canary4j.kubernetes.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes API error 409: a stale {@code resourceVersion}, an object that already exists, or a
 * server-side apply that would take fields owned by other managers ({@link #fieldConflicts()}).
 * Repeating the same request will not help; reading again (or forcing an apply) may.
 */
public class KubeConflictException extends KubePermanentException {
  private static final long serialVersionUID = 1L;

  private final transient List<FieldConflict> fieldConflicts;

  /** A 409 for {@code request}; field conflicts are read from the Status causes. */
  public KubeConflictException(String message, KubeStatus status, String request) {
    super(message, status, request);
    List<FieldConflict> conflicts = new ArrayList<>();
    for (StatusCause cause : status.causes()) {
      FieldConflict c = FieldConflict.fromCause(cause);
      if (c != null) {
        conflicts.add(c);
      }
    }
    this.fieldConflicts = List.copyOf(conflicts);
  }

  /** Whether the object already existed (a create lost to another writer). */
  public boolean alreadyExists() {
    return "AlreadyExists".equals(status().reason());
  }

  /** The fields owned by other managers that a server-side apply tried to set; empty otherwise. */
  public List<FieldConflict> fieldConflicts() {
    return fieldConflicts;
  }

  /** The distinct other managers named in {@link #fieldConflicts()}. */
  public List<String> managers() {
    return fieldConflicts.stream().map(FieldConflict::manager).distinct().toList();
  }
}
