package dev.canary4j.examples.controller;

import dev.canary4j.istio.kube.KubeClient;
import dev.canary4j.istio.kube.KubeconfigLoader;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.DecisionLog;
import dev.canary4j.runner.ExecutorScheduler;
import dev.canary4j.spec.PolicyReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a {@link CanaryController} against a cluster until the process is stopped, which gives the
 * Lease up. The decision log (JSON lines) goes to standard output or to {@code --decisions FILE}.
 *
 * <pre>
 * java -cp examples/target/canary4j-examples.jar dev.canary4j.examples.controller.RunController \
 *     --kubeconfig ~/.kube/config --prometheus http://localhost:9090 --policy examples/policies/canary.yaml
 * </pre>
 * Exit code 2 on invalid arguments, policy or kubeconfig, with every message.
 */
public final class RunController {

  private RunController() {}

  public static void main(String[] args) {
    ControllerArguments arguments;
    CanaryPolicy policy;
    KubeClient kube;
    PrometheusClient prometheus;
    try {
      arguments = ControllerArguments.parse(Arrays.asList(args),
          System.getenv().getOrDefault("HOSTNAME", "canary4j-" + ProcessHandle.current().pid()));
      policy = PolicyReader.read(arguments.policy());
      kube = KubeClient.create(KubeconfigLoader.load(List.of(arguments.kubeconfig()), arguments.context()));
      prometheus = PrometheusClient.create(PrometheusConfig.of(arguments.prometheus()));
    } catch (IllegalArgumentException | IOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    DecisionLog log = arguments.decisions() == null
        ? new DecisionLog(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
        : DecisionLog.appendingTo(arguments.decisions());
    // One thread for polls and ticks: they never overlap, and the thread keeps the JVM running.
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    CanaryController controller = new CanaryController(policy, kube, PrometheusMetricSource.create(prometheus),
        arguments.identity(), Clock.systemUTC(), new ExecutorScheduler(thread), CanaryRunner.builder().listener(log),
        System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      controller.close();
      thread.shutdownNow();
    }, "canary4j-shutdown"));
    controller.start();
  }
}
