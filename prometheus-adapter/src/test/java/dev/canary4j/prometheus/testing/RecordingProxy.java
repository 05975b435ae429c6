package dev.canary4j.prometheus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An HTTP server on 127.0.0.1 in front of a Prometheus that passes every query on and records its path
 * and form, so that a test can count the requests a component really made. Closing stops it.
 */
public final class RecordingProxy implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
  private final List<Query> queries = new CopyOnWriteArrayList<>();
  private final HttpUrl upstream;

  /** One request that passed through: its path ({@code /api/v1/query_range}) and its form fields. */
  public record Query(String path, Map<String, String> form) {

    /** The form field {@code name}, or {@code null}. */
    public String field(String name) {
      return form.get(name);
    }
  }

  private RecordingProxy(HttpUrl upstream) {
    this.upstream = upstream;
  }

  /** A proxy to the Prometheus at {@code baseUrl}, started. */
  public static RecordingProxy to(String baseUrl) throws IOException {
    RecordingProxy proxy = new RecordingProxy(HttpUrl.get(baseUrl));
    proxy.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return proxy.forward(request);
      }
    });
    proxy.server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    return proxy;
  }

  /** The base URL to give a client instead of Prometheus' own. */
  public String baseUrl() {
    return server.url("/").toString();
  }

  /** Every request passed on so far, oldest first. */
  public List<Query> queries() {
    return List.copyOf(queries);
  }

  /** How many requests for {@code path} were passed on so far. */
  public long count(String path) {
    return queries.stream().filter(q -> q.path().equals(path)).count();
  }

  /** Forgets the requests recorded so far. */
  public void clear() {
    queries.clear();
  }

  private MockResponse forward(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    queries.add(new Query(request.getUrl().encodedPath(), form(body)));
    HttpUrl target = upstream.newBuilder().encodedPath(request.getUrl().encodedPath())
        .encodedQuery(request.getUrl().encodedQuery()).build();
    String type = request.getHeaders().get("Content-Type");
    Request.Builder out = new Request.Builder().url(target);
    if ("POST".equals(request.getMethod())) {
      out.post(RequestBody.create(body, type == null ? null : MediaType.get(type)));
    }
    try (Response answer = http.newCall(out.build()).execute()) {
      MockResponse.Builder back = new MockResponse.Builder().code(answer.code()).body(answer.body().string());
      String answerType = answer.header("Content-Type");
      if (answerType != null) {
        back.setHeader("Content-Type", answerType);
      }
      return back.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  @Override
  public void close() {
    server.close();
  }
}
