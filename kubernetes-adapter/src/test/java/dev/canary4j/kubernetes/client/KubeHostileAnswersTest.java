package dev.canary4j.kubernetes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Answers of a hostile or broken API server or proxy: echoed tokens and endless bodies. */
class KubeHostileAnswersTest {
  static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.sig-4c1d";

  @StartStop
  final MockWebServer server = new MockWebServer();

  KubeClient client() {
    return KubeClient.create(KubeConfig.builder(server.url("/").toString()).token(TOKEN).build());
  }

  static void assertNoTokenInChain(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN).doesNotContain("c2VjcmV0LXRva2Vu");
      assertThat(t.toString()).doesNotContain(TOKEN);
      if (t instanceof KubeApiError e) {
        assertThat(e.status().toString()).doesNotContain(TOKEN);
        assertThat(e.status().message()).doesNotContain(TOKEN);
      }
    }
  }

  @Test
  void aProxyPageEchoingTheRequestHeadersLeavesTheTokenOutOfTheException() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(502).body("<html>bad gateway\n" + request.getHeaders() + "</html>").build();
      }
    });

    Throwable thrown = catchThrowable(() -> client().get(KubeResource.CONFIG_MAPS, "ns", "c"));

    assertThat(thrown).isInstanceOf(TransientAdapterException.class).hasMessageContaining("bad gateway");
    assertNoTokenInChain(thrown);
  }

  @Test
  void aStatusWhoseMessageQuotesTheTokenIsRedacted() {
    server.enqueue(new MockResponse.Builder().code(403).body("{\"kind\":\"Status\",\"reason\":\"Forbidden\",\"message\":"
        + "\"token " + TOKEN + " is not allowed\\u0000 here\"}").build());

    Throwable thrown = catchThrowable(() -> client().get(KubeResource.CONFIG_MAPS, "ns", "c"));

    assertThat(thrown).isInstanceOf(PermanentAdapterException.class).hasMessageContaining("\\u0000");
    assertNoTokenInChain(thrown);
  }

  @Test
  void anAnswerAboveTheSizeLimitIsAPermanentErrorNamingTheLimit() {
    server.enqueue(new MockResponse.Builder().chunkedBody("{\"data\":\"" + "x".repeat(300_000) + "\"}", 4096).build());
    KubeClient small = KubeClient.builder(KubeConfig.builder(server.url("/").toString()).build()).maxResponseBytes(64 * 1024).build();

    assertThatThrownBy(() -> small.get(KubeResource.CONFIG_MAPS, "ns", "c"))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("maxResponseBytes (65536 bytes)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void aHugeErrorPageIsQuotedOnlyAsAShortExcerpt() {
    server.enqueue(new MockResponse.Builder().code(500).body("<html>" + "oops ".repeat(2_000_000) + "</html>").build());

    Throwable thrown = catchThrowable(() -> client().get(KubeResource.CONFIG_MAPS, "ns", "c"));

    assertThat(thrown).isInstanceOf(TransientAdapterException.class);
    assertThat(thrown.getMessage()).hasSizeLessThan(1000);
  }
}
