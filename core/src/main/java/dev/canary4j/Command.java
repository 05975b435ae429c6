package dev.canary4j;

/** A manual command from a person or a host; each is accepted in every phase and answered with an event. */
public enum Command {
  /** Skip the rest of the analysis and promote now (also overrides a failed or aborted analysis). */
  PROMOTE,
  /** Roll back now and end in {@code ABORTED}. */
  ABORT,
  /** Hold the rollout where it is. */
  PAUSE,
  /** Continue a paused rollout; on a failed or aborted one, analyse the same revision again. */
  RESUME
}
