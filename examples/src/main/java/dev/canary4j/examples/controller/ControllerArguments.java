package dev.canary4j.examples.controller;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link RunController}: {@code --kubeconfig FILE [--context NAME] --prometheus
 * URL --policy FILE [--identity NAME] [--decisions FILE] [--router istio|gateway-api]}.
 *
 * @param kubeconfig the kubeconfig file
 * @param context its context, or {@code null} for the current one
 * @param prometheus the Prometheus base URL
 * @param policy the policy file (YAML or JSON)
 * @param identity this replica's name in the Lease
 * @param decisions the decision log file, or {@code null} for standard output
 * @param router the traffic router, Istio unless {@code --router} says otherwise
 */
record ControllerArguments(Path kubeconfig, String context, String prometheus, Path policy, String identity,
    Path decisions, RouterKind router) {

  static final String USAGE = "usage: --kubeconfig FILE [--context NAME] --prometheus URL --policy FILE"
      + " [--identity NAME] [--decisions FILE] [--router " + String.join("|", RouterKind.flags()) + "]";
  private static final List<String> FLAGS =
      List.of("--kubeconfig", "--context", "--prometheus", "--policy", "--identity", "--decisions", "--router");

  /**
   * Reads {@code args}; {@code defaultIdentity} names the replica when {@code --identity} is absent.
   *
   * @throws IllegalArgumentException listing every problem at once
   */
  static ControllerArguments parse(List<String> args, String defaultIdentity) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (!FLAGS.contains(flag)) {
        problems.add("unknown argument '" + flag + "'");
      } else if (value == null || value.startsWith("--")) {
        problems.add(flag + " needs a value");
      } else {
        values.put(flag, value);
        i++;
      }
    }
    for (String required : List.of("--kubeconfig", "--prometheus", "--policy")) {
      if (!values.containsKey(required) && !problems.contains(required + " needs a value")) {
        problems.add(required + " is required");
      }
    }
    RouterKind router = RouterKind.ISTIO;
    if (values.containsKey("--router")) {
      try {
        router = RouterKind.ofFlag(values.get("--router"));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems) + "\n" + USAGE);
    }
    return new ControllerArguments(Path.of(values.get("--kubeconfig")), values.get("--context"),
        values.get("--prometheus"), Path.of(values.get("--policy")),
        values.getOrDefault("--identity", defaultIdentity),
        values.containsKey("--decisions") ? Path.of(values.get("--decisions")) : null, router);
  }
}
