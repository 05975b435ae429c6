package dev.canary4j.kubernetes;

import dev.canary4j.kubernetes.client.FieldConflict;
import dev.canary4j.kubernetes.client.KubeConflictException;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.List;

/**
 * A server-side apply refused because other field managers own fields canary4j writes. A retry
 * will not help; {@code force}, a change to the other tool's manifest, or the read-modify-write
 * strategy will.
 */
public class ApplyConflictException extends PermanentAdapterException {
  private static final long serialVersionUID = 1L;

  /**
   * A conflict applying {@code object} as {@code fieldManager}, as the API server reported it in {@code
   * cause}.
   *
   * @param object the object that was applied, as {@code Kind namespace/name}
   * @param fieldManager the field manager canary4j applied as
   * @param cause the API server's 409 answer, which lists the conflicting fields
   */
  public ApplyConflictException(String object, String fieldManager, KubeConflictException cause) {
    super(message(object, fieldManager, cause.fieldConflicts()), cause);
  }

  /**
   * The conflicting fields and their managers.
   *
   * @return the fields another manager owns, in the server's order; possibly empty
   */
  public List<FieldConflict> conflicts() {
    return ((KubeConflictException) getCause()).fieldConflicts();
  }

  /**
   * The other field managers.
   *
   * @return the distinct names of the managers owning the conflicting fields
   */
  public List<String> managers() {
    return ((KubeConflictException) getCause()).managers();
  }

  private static String message(String object, String fieldManager, List<FieldConflict> conflicts) {
    return "Server-side apply of " + object + " as field manager '" + fieldManager
        + "' conflicts with fields owned by other managers: " + conflicts
        + ". A list without list keys (Istio's spec.http, a DestinationRule's spec.subsets, an HTTPRoute's spec.rules) is an atomic list "
        + "under server-side apply, so '" + fieldManager + "' must own the whole list. To resolve: set force(true) to take ownership "
        + "(and stop the other tool from writing that list, or it will take it back), or use "
        + "WriteStrategy.READ_MODIFY_WRITE";
  }
}
