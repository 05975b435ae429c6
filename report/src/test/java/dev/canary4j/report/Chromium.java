package dev.canary4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Headless Chromium driven over the DevTools protocol: opens a page, collects console errors,
 * uncaught exceptions and network requests, evaluates expressions and takes screenshots. One page
 * per instance.
 */
final class Chromium implements AutoCloseable {

  private static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 60;

  private final Process process;
  private final Path profile;
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).build();
  private final WebSocket socket;
  private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
  private final List<JsonNode> events = new ArrayList<>();
  private int nextId = 1;

  private Chromium(Process process, Path profile, String pageSocket) {
    this.process = process;
    this.profile = profile;
    this.socket = http.newWebSocket(new Request.Builder().url(pageSocket).build(), new WebSocketListener() {
      @Override
      public void onMessage(WebSocket webSocket, String text) {
        try {
          incoming.add(JSON.readTree(text));
        } catch (IOException e) {
          incoming.add(JSON.createObjectNode().put("socketError", "unreadable message: " + text));
        }
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        incoming.add(JSON.createObjectNode().put("socketError", String.valueOf(t)));
      }
    });
  }

  /** Starts Chromium with a fresh profile; a missing binary fails with what to install. */
  static Chromium start() throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError("The report's browser test needs Chromium at " + BINARY + " (Debian package "
          + "'chromium'; another path can be given with -Dchromium.binary=...), but it is not there");
    }
    Path profile = Files.createTempDirectory("canary4j-chromium-profile");
    Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "--window-size=1200,900", "about:blank").redirectErrorStream(true).start();
    CompletableFuture<String> browserSocket = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            browserSocket.complete(m.group(1));
          }
        }
        browserSocket.completeExceptionally(new IllegalStateException("Chromium exited before listening"));
      } catch (IOException e) {
        browserSocket.completeExceptionally(e);
      }
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    String ws;
    try {
      ws = browserSocket.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      synchronized (output) {
        throw new AssertionError("Chromium did not start its DevTools endpoint: " + e + "\n" + output, e);
      }
    }
    String hostPort = ws.replaceFirst("^ws://([^/]+)/.*$", "$1");
    OkHttpClient client = new OkHttpClient();
    try (Response r = client.newCall(new Request.Builder().url("http://" + hostPort + "/json/list").build()).execute()) {
      for (JsonNode target : JSON.readTree(r.body().string())) {
        if (target.path("type").asText().equals("page")) {
          return new Chromium(p, profile, target.path("webSocketDebuggerUrl").asText());
        }
      }
    }
    p.destroyForcibly();
    throw new AssertionError("Chromium started without a page to drive");
  }

  /** Opens {@code file} and waits until it has loaded; what earlier pages did is forgotten. */
  void open(Path file) throws Exception {
    if (nextId == 1) {
      call("Runtime.enable", null);
      call("Log.enable", null);
      call("Network.enable", null);
      call("Page.enable", null);
    }
    call("Page.navigate", JSON.createObjectNode().put("url", "about:blank"));
    awaitEvent("Page.loadEventFired");
    call("Emulation.clearDeviceMetricsOverride", null);
    drain();
    events.clear();
    call("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()));
    awaitEvent("Page.loadEventFired");
  }

  /** The console errors, uncaught exceptions and error log entries seen so far. */
  List<String> errors() {
    drain();
    List<String> errors = new ArrayList<>();
    for (JsonNode e : events) {
      String method = e.path("method").asText();
      JsonNode p = e.path("params");
      if (method.equals("Runtime.consoleAPICalled") && List.of("error", "assert").contains(p.path("type").asText())) {
        errors.add("console." + p.path("type").asText() + ": " + p.path("args").toString());
      } else if (method.equals("Runtime.exceptionThrown")) {
        errors.add("exception: " + p.path("exceptionDetails").toString());
      } else if (method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
        errors.add("log: " + p.path("entry").path("text").asText());
      }
    }
    return errors;
  }

  /** The URLs the page requested, other than the page itself. */
  List<String> requests(Path page) {
    drain();
    List<String> urls = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.path("method").asText().equals("Network.requestWillBeSent")) {
        String url = e.path("params").path("request").path("url").asText();
        if (!url.equals(page.toUri().toString())) {
          urls.add(url);
        }
      }
    }
    return urls;
  }

  /** The value of {@code expression} evaluated in the page. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError("Evaluating " + expression + " failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** A PNG of the whole page, 1200 CSS pixels wide, written to {@code file}. */
  void screenshot(Path file) throws Exception {
    int height = evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt();
    call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", 1200).put("height", height)
        .put("deviceScaleFactor", 1).put("mobile", false));
    JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
        .put("captureBeyondViewport", true));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = nextId++;
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    socket.send(message.toString());
    while (true) {
      JsonNode m = next(method);
      if (m.path("id").asInt(-1) == id) {
        if (m.has("error")) {
          throw new AssertionError(method + " failed: " + m.get("error"));
        }
        return m.path("result");
      }
      events.add(m);
    }
  }

  private void awaitEvent(String method) throws Exception {
    while (true) {
      JsonNode m = next(method);
      events.add(m);
      if (m.path("method").asText().equals(method)) {
        return;
      }
    }
  }

  private JsonNode next(String waitingFor) throws InterruptedException {
    JsonNode m = incoming.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("Chromium did not answer " + waitingFor + " within " + TIMEOUT_SECONDS + " s");
    }
    if (m.has("socketError")) {
      throw new AssertionError("The DevTools connection failed while waiting for " + waitingFor + ": "
          + m.get("socketError").asText());
    }
    return m;
  }

  private void drain() {
    for (JsonNode m; (m = incoming.poll()) != null; ) {
      events.add(m);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close(1000, "done");
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    // The profile is Chromium's, written until it exits; what it leaves behind is not worth a failure.
    try (java.util.stream.Stream<Path> files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | RuntimeException e) {
      profile.toFile().deleteOnExit();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
