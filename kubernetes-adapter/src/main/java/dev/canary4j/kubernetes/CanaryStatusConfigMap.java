package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.CanaryState;
import dev.canary4j.HistoryEntry;
import dev.canary4j.judge.Verdict;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.policy.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A canary's status as plain text in a ConfigMap named {@code canary4j-NAME-status}, for operators
 * who have kubectl and no Java: {@code kubectl get cm canary4j-NAME-status -o yaml} shows the phase,
 * the weights, the step, the revision, every verdict of the last analysis, the last reason and the
 * last command's answer. Written by server-side apply as its own field manager. Thread-safe.
 */
public final class CanaryStatusConfigMap {

  /** The field manager of the status writes. */
  public static final String FIELD_MANAGER = "canary4j-status";

  private final KubeClient client;
  private final Map<String, String> lastCommands = new ConcurrentHashMap<>();
  private final Map<String, List<Verdict>> lastVerdicts = new ConcurrentHashMap<>();

  /**
   * A writer through {@code client}.
   *
   * @param client the Kubernetes API client to write through; not {@code null}
   */
  public CanaryStatusConfigMap(KubeClient client) {
    this.client = client;
  }

  /**
   * The status ConfigMap's name for {@code target}.
   *
   * @param target the rollout's target
   * @return {@code canary4j-<target name>-status}, in the target's namespace
   */
  public static String name(Target target) {
    return "canary4j-" + target.name() + "-status";
  }

  /**
   * Writes the status of {@code target} in {@code state}; {@code verdicts} are the last analysis's
   * (empty to show the last ones given or stored), {@code command} a command's answer in this decision or {@code null}
   * (the last answer given through this writer stays shown).
   *
   * @param target the rollout's target, whose namespace holds the ConfigMap
   * @param state the canary's state after the decision
   * @param verdicts the verdicts of the analysis in this decision; empty when there was none
   * @param command the answer to an operator command in this decision, or {@code null}
   * @param at the time of the decision, written as the status's {@code updated} entry
   */
  public void write(Target target, CanaryState state, List<Verdict> verdicts, String command, Instant at) {
    ObjectNode cm = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode metadata = cm.putObject("metadata").put("name", name(target)).put("namespace", target.namespace());
    metadata.putObject("labels").put("app.kubernetes.io/managed-by", "canary4j");
    ObjectNode data = cm.putObject("data");
    data.put("phase", state.phase().name());
    data.put("weights", "primary=" + state.split().primary() + " canary=" + state.split().canary()
        + (state.split().mirror() > 0 ? " mirror=" + state.split().mirror() + "%" : "")
        + (state.split().matches().isEmpty() ? "" : " match-routes=" + state.split().matches().size()));
    data.put("step", Integer.toString(state.step()));
    data.put("revision", state.revision() == null ? "" : state.revision());
    data.put("primaryRevision", state.primaryRevision() == null ? "" : state.primaryRevision());
    data.put("counters", "failures=" + state.counters().failures() + " consecutiveFailures="
        + state.counters().consecutiveFailures() + " inconclusive=" + state.counters().inconclusive()
        + " errors=" + state.counters().errors());
    if (!verdicts.isEmpty()) {
      lastVerdicts.put(target.id(), List.copyOf(verdicts));
    } else if (!state.lastVerdicts().isEmpty()) {
      lastVerdicts.put(target.id(), state.lastVerdicts());
    }
    List<Verdict> shown = lastVerdicts.getOrDefault(target.id(), List.of());
    data.put("lastVerdicts", shown.stream().map(CanaryStatusConfigMap::line).collect(Collectors.joining("\n")));
    List<HistoryEntry> history = state.history();
    data.put("lastReason", history.isEmpty() ? "" : history.get(history.size() - 1).reason());
    if (command != null) {
      lastCommands.put(target.id(), command);
    }
    String lastCommand = lastCommands.get(target.id());
    if (lastCommand != null) {
      data.put("lastCommand", lastCommand);
    }
    data.put("updated", at.toString());
    client.apply(KubeResource.CONFIG_MAPS, target.namespace(), name(target), cm, FIELD_MANAGER, true);
  }

  private static String line(Verdict v) {
    return v.metric() + ": " + v.label() + " canary=" + v.canary() + (v.primary() == null ? "" : " primary=" + v.primary())
        + (v.threshold().isEmpty() ? "" : " threshold " + v.threshold()) + (v.reason().isEmpty() ? "" : " - " + v.reason());
  }
}
