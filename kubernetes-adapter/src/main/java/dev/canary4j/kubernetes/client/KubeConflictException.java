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

  /**
   * A 409 for {@code request}; field conflicts are read from the Status causes.
   *
   * @param message what failed, for people
   * @param status the server's Status of the 409
   * @param request the method and path of the request
   */
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

  /**
   * Whether the object already existed (a create lost to another writer).
   *
   * @return {@code true} if the Status reason is {@code AlreadyExists}
   */
  public boolean alreadyExists() {
    return "AlreadyExists".equals(status().reason());
  }

  /**
   * The fields owned by other managers that a server-side apply tried to set; empty otherwise.
   *
   * @return the conflicting fields with their managers, in the server's order
   */
  public List<FieldConflict> fieldConflicts() {
    return fieldConflicts;
  }

  /**
   * The distinct other managers named in {@link #fieldConflicts()}.
   *
   * @return the managers' names, each once
   */
  public List<String> managers() {
    return fieldConflicts.stream().map(FieldConflict::manager).distinct().toList();
  }
}
