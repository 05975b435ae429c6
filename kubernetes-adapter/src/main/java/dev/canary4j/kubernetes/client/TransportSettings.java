package dev.canary4j.kubernetes.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/** Applies a {@link KubeConfig}'s proxy, TLS and re-authentication settings to an OkHttp builder. */
final class TransportSettings {

  private TransportSettings() {}

  static void configure(OkHttpClient.Builder http, KubeConfig config) {
    TlsSettings.configure(http, config);
    URI proxy = config.proxy();
    if (proxy != null) {
      String scheme = proxy.getScheme().toLowerCase(java.util.Locale.ROOT);
      int port = proxy.getPort() != -1 ? proxy.getPort() : scheme.equals("socks5") ? 1080 : scheme.equals("https") ? 443 : 80;
      InetSocketAddress address = InetSocketAddress.createUnresolved(proxy.getHost(), port);
      http.proxy(new Proxy(scheme.equals("socks5") ? Proxy.Type.SOCKS : Proxy.Type.HTTP, address));
      if (scheme.equals("https")) {
        http.socketFactory(new TlsToProxySocketFactory(proxy.getHost(), TlsSettings.proxyTls(config)));
      }
      String userInfo = proxy.getRawUserInfo();
      if (userInfo != null && !scheme.equals("socks5")) {
        String[] parts = userInfo.split(":", 2);
        String credential = Credentials.basic(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        http.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null ? null
            : response.request().newBuilder().header("Proxy-Authorization", credential).build());
      }
    }
    TokenSource tokens = config.tokenSource();
    // A cached credential (an exec plugin's) that the server refuses is fetched again and the
    // request repeated once, as client-go does; a second 401 is the caller's.
    http.authenticator((route, response) -> {
      if (response.priorResponse() != null || !tokens.refresh()) {
        return null;
      }
      var request = response.request().newBuilder();
      tokens.token().ifPresentOrElse(t -> request.header("Authorization", "Bearer " + t),
          () -> request.removeHeader("Authorization"));
      return request.build();
    });
  }
}
