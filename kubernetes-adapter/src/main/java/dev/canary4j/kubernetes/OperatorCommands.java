package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.CanaryState;
import dev.canary4j.Command;
import dev.canary4j.HistoryEntry;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConflictException;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.policy.Target;
import java.util.Locale;
import java.util.Optional;

/**
 * An operator's commands without Java: {@code kubectl annotate deploy NAME canary4j.dev/command=abort}
 * (or {@code promote}, {@code pause}, {@code resume}) on the target's canary Deployment.
 *
 * <p>Each command is answered once. {@link #claim} moves the command annotation to
 * {@value #PENDING} with an id (the command and the Deployment's resourceVersion when claimed), in
 * one write conditional on that resourceVersion; the host then runs the command with
 * {@link PendingCommand#reason()} as its reason, which the decision history keeps, and calls
 * {@link #answered}, which records the answer in {@value #HANDLED} and removes the pending one. A
 * host that restarts between the two finds the pending command, sees in the stored state's history
 * ({@link #alreadyRun}) whether it ran, and so never runs it twice. Not thread-safe: one controller
 * thread uses it.
 */
public final class OperatorCommands {

  /** The annotation an operator sets: {@code promote}, {@code abort}, {@code pause} or {@code resume}. */
  public static final String COMMAND = "canary4j.dev/command";
  /** A command claimed and not yet answered: {@code ID}. */
  public static final String PENDING = "canary4j.dev/command-pending";
  /** The last command's answer: {@code ID: ANSWER}. */
  public static final String HANDLED = "canary4j.dev/command-handled";

  /**
   * A command claimed from the annotation.
   *
   * @param command what to do
   * @param id {@code COMMAND@RESOURCEVERSION}, unique per annotation written
   */
  public record PendingCommand(Command command, String id) {

    /**
     * The reason to run the command with; the decision history keeps it, which is how a rerun is recognised.
     *
     * @return a reason naming the annotation and the command's id
     */
    public String reason() {
      return COMMAND + " annotation " + id;
    }
  }

  private final KubeClient client;

  /**
   * Commands read from and answered on Deployments through {@code client}.
   *
   * @param client the Kubernetes API client to read and annotate the Deployments through; not {@code null}
   */
  public OperatorCommands(KubeClient client) {
    this.client = client;
  }

  /**
   * The command to run for {@code target}: one pending from before a restart, or a new one from
   * the annotation, claimed. An annotation that names no command is answered at once as refused.
   * Empty when there is nothing to do, or another writer changed the Deployment while claiming
   * (the next call sees the command again).
   *
   * @param target the rollout's target, whose canary Deployment carries the annotation
   * @return the claimed command, or empty
   */
  public Optional<PendingCommand> claim(Target target) {
    ObjectNode deployment = client.get(KubeResource.DEPLOYMENTS, target.namespace(), target.canary());
    JsonNode annotations = deployment.path("metadata").path("annotations");
    String pending = annotations.path(PENDING).asText("");
    if (!pending.isEmpty()) {
      Optional<Command> command = parse(pending.substring(0, Math.max(0, pending.indexOf('@'))));
      if (command.isPresent()) {
        return Optional.of(new PendingCommand(command.get(), pending));
      }
    }
    String requested = annotations.path(COMMAND).asText("").strip();
    if (requested.isEmpty()) {
      return Optional.empty();
    }
    String version = deployment.path("metadata").path("resourceVersion").asText();
    Optional<Command> command = parse(requested);
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode set = patch.putObject("metadata").put("resourceVersion", version).putObject("annotations");
    set.putNull(COMMAND);
    if (command.isEmpty()) {
      set.put(HANDLED, requested + ": refused, expected one of promote, abort, pause, resume");
    } else {
      set.put(PENDING, requested.toLowerCase(Locale.ROOT) + "@" + version);
    }
    try {
      client.mergePatch(KubeResource.DEPLOYMENTS, target.namespace(), target.canary(), patch);
    } catch (KubeConflictException changedMeanwhile) {
      return Optional.empty();
    }
    return command.map(c -> new PendingCommand(c, requested.toLowerCase(Locale.ROOT) + "@" + version));
  }

  /**
   * Whether {@code state}'s decision history shows that {@code command} already ran.
   *
   * @param state the canary's state, with its decision history
   * @param command the claimed command
   * @return {@code true} if a decision with the command's reason is in the history
   */
  public static boolean alreadyRun(CanaryState state, PendingCommand command) {
    String marker = "(" + command.reason() + ")";
    return state != null && state.history().stream().map(HistoryEntry::reason).anyMatch(r -> r.contains(marker));
  }

  /**
   * Records {@code answer} as the command's answer on the Deployment and removes it from pending.
   *
   * @param target the rollout's target, whose canary Deployment carries the annotation
   * @param command the command that ran or was refused
   * @param answer the text shown to the operator, e.g. why a command was refused
   */
  public void answered(Target target, PendingCommand command, String answer) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode set = patch.putObject("metadata").putObject("annotations");
    set.putNull(PENDING);
    set.put(HANDLED, command.id() + ": " + answer);
    client.mergePatch(KubeResource.DEPLOYMENTS, target.namespace(), target.canary(), patch);
  }

  private static Optional<Command> parse(String value) {
    for (Command c : Command.values()) {
      if (c.name().equalsIgnoreCase(value.strip())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
