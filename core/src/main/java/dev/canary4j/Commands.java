package dev.canary4j;

import java.util.Map;

/**
 * How each manual command acts in each phase. Every command is answered: applied, or not applied
 * with the reason, as a {@link CanaryEvent.CommandHandled} event.
 */
final class Commands {
  private Commands() {}

  static void handle(Rollout rollout, DecisionDraft d, Input.Manual manual) {
    CanaryState s = d.state();
    Phase phase = s.phase();
    Phase effective = s.analysisPhase();
    String who = manual.reason().isEmpty() ? "" : " (" + manual.reason() + ")";
    String refused = switch (manual.command()) {
      case PROMOTE -> {
        if (effective.canRollBack() || phase == Phase.FAILED || phase == Phase.ABORTED) {
          rollout.promote("promoted by command" + who);
          yield null;
        }
        yield effective == Phase.PROMOTING || effective == Phase.FINALISING
            ? "revision " + s.revision() + " is already being promoted"
            : "nothing to promote: the primary runs " + describe(s.primaryRevision()) + " and no other revision is under analysis";
      }
      case ABORT -> {
        if (effective.canRollBack()) {
          rollout.rollBack(Phase.ABORTED, "aborted by command" + who);
          yield null;
        }
        yield effective == Phase.PROMOTING || effective == Phase.FINALISING
            ? "too late to abort: the primary already runs revision " + s.revision() + "; deploy the previous revision to roll back"
            : "nothing to abort: no rollout is under way (phase " + phase + ")";
      }
      case PAUSE -> {
        if (phase.isActive() && phase != Phase.PAUSED) {
          rollout.pause(null, "paused by command" + who);
          yield null;
        }
        yield phase == Phase.PAUSED ? "already paused" : "nothing to pause: no rollout is under way (phase " + phase + ")";
      }
      case RESUME -> {
        if (phase == Phase.PAUSED) {
          resume(d, who);
          yield null;
        }
        if ((phase == Phase.FAILED || phase == Phase.ABORTED) && s.revision() != null
            && !s.revision().equals(s.primaryRevision())) {
          rollout.startAnalysis(s.revision(), "analysis of revision " + s.revision() + " resumed by command" + who);
          yield null;
        }
        yield "nothing to resume: phase " + phase + " is not paused, failed or aborted";
      }
    };
    boolean applied = refused == null;
    String reason = applied ? manual.command() + " applied" + who : manual.command() + " not applied: " + refused;
    d.emit(new CanaryEvent.CommandHandled(d.now(), manual.command(), applied, reason));
    d.remember(reason);
  }

  /** Returns to the phase before the pause; the counter of the limit that paused starts again. */
  private static void resume(DecisionDraft d, String who) {
    CanaryState s = d.state();
    Counters reset = s.pausedBy() == null ? s.counters() : s.counters().reset(s.pausedBy());
    Phase back = s.resumePhase();
    d.change().counters(reset).pause(null, null).gateWaits(Map.of());
    d.moveTo(back, "resumed by command" + who + (s.pausedBy() == null ? "" : "; " + s.pausedBy().specName() + " counter reset"));
  }

  private static String describe(String revision) {
    return revision == null ? "no revision yet" : "revision " + revision;
  }
}
