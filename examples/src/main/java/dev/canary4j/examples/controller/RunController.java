package dev.canary4j.examples.controller;

import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeconfigLoader;
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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
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
 *     --kubeconfig ~/.kube/config --prometheus http://localhost:9090 --policy examples/policies/canary.yaml \
 *     [--router istio|gateway-api]
 * </pre>
 * Exit code 2 on invalid arguments, policy or kubeconfig, with the message.
 */
public final class RunController {

  /** A started controller and the one thread its polls and ticks run on. */
  record Running(CanaryController controller, ScheduledExecutorService thread) implements AutoCloseable {
    /** Stops the controller (giving the Lease up) and its thread. */
    @Override
    public void close() {
      controller.close();
      thread.shutdownNow();
    }
  }

  private RunController() {}

  /** Runs the controller with the options in {@code args}. */
  public static void main(String[] args) {
    Running running;
    try {
      running = start(Arrays.asList(args),
          System.getenv().getOrDefault("HOSTNAME", "canary4j-" + ProcessHandle.current().pid()), System.out);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println(e instanceof NoSuchFileException ? "file not found: " + e.getMessage() : e.getMessage());
      System.exit(2);
      return;
    }
    // The controller's thread keeps the JVM running; stopping the process stops the controller.
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "canary4j-shutdown"));
  }

  /**
   * Reads the arguments, the policy and the kubeconfig, and starts a controller that logs decisions
   * as {@code args} say and everything else to {@code out}.
   *
   * @throws IllegalArgumentException naming what is wrong with the arguments, policy or kubeconfig
   * @throws IOException if the policy file cannot be read
   */
  static Running start(List<String> args, String defaultIdentity, PrintStream out) throws IOException {
    ControllerArguments arguments = ControllerArguments.parse(args, defaultIdentity);
    CanaryPolicy policy = PolicyReader.read(arguments.policy());
    KubeClient kube = KubeClient.create(KubeconfigLoader.load(List.of(arguments.kubeconfig()), arguments.context()));
    PrometheusClient prometheus = PrometheusClient.create(PrometheusConfig.of(arguments.prometheus()));
    DecisionLog log = arguments.decisions() == null
        ? new DecisionLog(new OutputStreamWriter(out, StandardCharsets.UTF_8))
        : DecisionLog.appendingTo(arguments.decisions());
    // One thread for polls and ticks, so that they never overlap.
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    CanaryController controller = new CanaryController(policy, kube, arguments.router(),
        PrometheusMetricSource.create(prometheus),
        arguments.identity(), Clock.systemUTC(), new ExecutorScheduler(thread), CanaryRunner.builder().listener(log),
        out);
    controller.start();
    controller.watchChanges();
    return new Running(controller, thread);
  }
}
