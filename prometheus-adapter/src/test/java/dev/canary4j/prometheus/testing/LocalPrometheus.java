package dev.canary4j.prometheus.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A real Prometheus server on 127.0.0.1 serving data written as OpenMetrics text: the text is turned
 * into TSDB blocks with {@code promtool tsdb create-blocks-from openmetrics}, then {@code prometheus}
 * starts over them with no scrape targets. Closing stops the server.
 *
 * <p>A missing binary is an error saying how to install it, never a reason to skip. A port taken by
 * another process between choosing it and Prometheus binding it is retried on a new port.
 */
public final class LocalPrometheus implements AutoCloseable {
  /** How to get the binaries on Debian and Ubuntu. */
  public static final String INSTALL_HINT = "apt-get install -y prometheus";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String ADDRESS_IN_USE = "address already in use";
  /** Ports tried before giving up when each is taken by another process before Prometheus binds it. */
  static final int START_TRIES = 5;

  private final Process process;
  private final String baseUrl;
  private final List<String> log;
  private final Thread stopOnExit;

  private LocalPrometheus(Process process, String baseUrl, List<String> log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
    // A JVM that exits without close() (Ctrl-C on the example) must not leave the server running.
    this.stopOnExit = new Thread(process::destroy, "stop-prometheus");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Starts Prometheus over the samples in the OpenMetrics file {@code openMetrics}, keeping its
   * blocks, config and log under {@code workDir}.
   */
  public static LocalPrometheus start(Path openMetrics, Path workDir) throws IOException, InterruptedException {
    return start(openMetrics, workDir, LocalPrometheus::freePort);
  }

  /*
   * A port found free can be taken by another process before Prometheus binds it; Prometheus then
   * exits saying "address already in use", and the next try asks for another port.
   */
  static LocalPrometheus start(Path openMetrics, Path workDir, IntSupplier ports) throws IOException, InterruptedException {
    Path promtool = binary("promtool");
    Path prometheus = binary("prometheus");
    Path data = Files.createDirectories(workDir.resolve("data"));
    runToCompletion(List.of(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", openMetrics.toString(), data.toString()),
        workDir.resolve("promtool.log"));
    Path config = Files.writeString(workDir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
    List<Integer> tried = new ArrayList<>();
    while (true) {
      int port = ports.getAsInt();
      tried.add(port);
      try {
        return launch(prometheus, config, data, workDir, port);
      } catch (PortTakenException e) {
        if (tried.size() == START_TRIES) {
          throw new IllegalStateException("prometheus could not listen on 127.0.0.1 in " + START_TRIES + " tries: ports "
              + tried + " were each taken by another process before it bound them; last log:\n" + e.getMessage());
        }
      }
    }
  }

  private static LocalPrometheus launch(Path prometheus, Path config, Path data, Path workDir, int port)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(prometheus.toString(),
        "--config.file=" + config,
        "--storage.tsdb.path=" + data,
        // Retention counts back from the newest block; generous so that no generated block is dropped.
        "--storage.tsdb.retention.time=3650d",
        "--web.listen-address=127.0.0.1:" + port)
        .directory(workDir.toFile())
        .redirectErrorStream(true);
    Process process = builder.start();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Thread pump = new Thread(() -> pumpLog(process, log), "prometheus-log-" + port);
    pump.setDaemon(true);
    pump.start();
    LocalPrometheus server = new LocalPrometheus(process, "http://127.0.0.1:" + port, log);
    try {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      // Poll the readiness endpoint itself: it answers 503 while the TSDB is opened, then 200. Only a
      // live process counts, so that another server on a port this one could not take is not taken for it.
      while (!server.answersReady() || !process.isAlive()) {
        if (!process.isAlive()) {
          pump.join(TimeUnit.SECONDS.toMillis(5));
          String text = server.logText();
          if (text.contains(ADDRESS_IN_USE)) {
            throw new PortTakenException(text);
          }
          throw new IllegalStateException("prometheus exited with " + process.exitValue() + " before it was ready; log:\n"
              + text);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("prometheus did not answer 200 on " + server.baseUrl + "/-/ready within "
              + START_TIMEOUT + "; log:\n" + server.logText());
        }
        Thread.sleep(100);
      }
      return server;
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  /** Prometheus exited because its port was taken; the message is its log. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String log) {
      super(log, null, false, false);
    }
  }

  /** The server's base URL, for example {@code http://127.0.0.1:39123}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** What the server logged so far. */
  public String logText() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already exiting; the hook stops the server.
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Whether {@code /-/ready} answers 200; not yet listening, or answering otherwise, is not ready. */
  private boolean answersReady() throws InterruptedException {
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static void pumpLog(Process process, List<String> log) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.add(line);
      }
    } catch (IOException e) {
      log.add("(log stream failed: " + e + ")");
    }
  }

  private static void runToCompletion(List<String> command, Path logFile) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 seconds");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue()
          + ":\n" + Files.readString(logFile));
    }
  }

  /** The executable {@code name} on the PATH; fails saying how to install it when there is none. */
  static Path binary(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("the '" + name + "' binary was not found on the PATH (" + path
        + "); the Prometheus integration needs the real server: install the Debian/Ubuntu package 'prometheus' "
        + "(`" + INSTALL_HINT + "`), which brings both prometheus and promtool");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
