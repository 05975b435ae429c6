package dev.canary4j.kubernetes;

/**
 * How the router writes the objects it changes.
 *
 * <p>Both read the object first and change only the route they manage, so other routes and unknown
 * fields survive. They differ in who owns what afterwards:
 *
 * <ul>
 *   <li>{@link #SERVER_SIDE_APPLY}: a PATCH as a named field manager. The API server records that
 *       canary4j owns the fields it applied, and a tool that later writes them (kubectl apply, Helm,
 *       Argo CD) gets a conflict naming canary4j instead of silently undoing a rollout. Istio's
 *       {@code spec.http} list is atomic under server-side apply (it has no list keys), so canary4j
 *       owns the whole list, not only its route: the first apply over a list owned by another
 *       manager conflicts unless {@code force} is set. The read {@code resourceVersion} is sent with
 *       the apply, so a concurrent change is detected and the edit retried.
 *   <li>{@link #READ_MODIFY_WRITE}: GET, change, PUT with the read {@code resourceVersion}; a 409
 *       (someone wrote in between) is retried a bounded number of times. Works on any cluster and
 *       never conflicts on ownership, but the next {@code kubectl apply} of the user's manifest
 *       may reset the weights without anyone being told.
 * </ul>
 */
public enum WriteStrategy {
  /** A PATCH as a named field manager, which records canary4j's ownership; see the class description. */
  SERVER_SIDE_APPLY,
  /** GET, change, PUT with the read resourceVersion; see the class description. */
  READ_MODIFY_WRITE
}
