package dev.canary4j;

import java.util.Objects;

/**
 * Whether one workload (the canary or the primary) can take traffic: ready, not ready yet with a
 * reason, or never going to be ready (a Deployment whose rollout exceeded its progress deadline).
 *
 * @param status ready, not ready, or never ready
 * @param reason why it is not ready; empty when ready
 */
public record Readiness(Status status, String reason) {

  /** The three answers a workload gives. */
  public enum Status {
    /** Every wanted replica runs the expected revision and is ready. */
    READY,
    /** Not yet: replicas are starting, updating or failing their probes; it may still become ready. */
    NOT_READY,
    /** It will not become ready without a change (for example {@code ProgressDeadlineExceeded}). */
    NEVER_READY
  }

  private static final Readiness READY = new Readiness(Status.READY, "");

  /**
   * Checks that there is a status; a {@code null} reason becomes empty.
   *
   * @param status ready, not ready, or never ready; not {@code null}
   * @param reason why it is not ready, or {@code null}
   */
  public Readiness {
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
  }

  /**
   * A ready workload.
   *
   * @return a ready answer without reason
   */
  public static Readiness ready() {
    return READY;
  }

  /**
   * A workload that is not ready yet, because of {@code reason}.
   *
   * @param reason what keeps it from being ready, e.g. replicas still starting
   * @return a not-ready answer
   */
  public static Readiness notReady(String reason) {
    return new Readiness(Status.NOT_READY, reason);
  }

  /**
   * A workload that will not become ready, because of {@code reason}.
   *
   * @param reason why it never will, e.g. {@code ProgressDeadlineExceeded}
   * @return a never-ready answer, which rolls an analysis back
   */
  public static Readiness neverReady(String reason) {
    return new Readiness(Status.NEVER_READY, reason);
  }

  /**
   * Whether the workload can take traffic now.
   *
   * @return {@code true} only for {@link Status#READY}
   */
  public boolean isReady() {
    return status == Status.READY;
  }
}
