package dev.canary4j.kubernetes.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Resolved settings for talking to one API server: where, how to trust it, who we are.
 * Immutable; build one with {@link #builder(String)}, {@link KubeconfigLoader} or {@link InClusterConfig}.
 */
public final class KubeConfig {

  /** The default limit for opening a connection: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The default limit for one whole request: 30 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpUrl server;
  private final String certificateAuthorityPem;
  private final boolean insecureSkipTlsVerify;
  private final TokenSource tokenSource;
  private final String clientCertificatePem;
  private final String clientKeyPem;
  private final String namespace;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final URI proxy;
  private final String tlsServerName;
  private final ExecCredentialPlugin exec;

  private KubeConfig(Builder b) {
    this.proxy = b.proxy;
    this.tlsServerName = b.tlsServerName;
    this.exec = b.exec;
    this.server = b.server;
    this.certificateAuthorityPem = b.certificateAuthorityPem;
    this.insecureSkipTlsVerify = b.insecureSkipTlsVerify;
    this.tokenSource = b.tokenSource;
    this.clientCertificatePem = b.clientCertificatePem;
    this.clientKeyPem = b.clientKeyPem;
    this.namespace = b.namespace;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
  }

  /**
   * A builder for the API server at {@code server} ({@code https://host:port}).
   *
   * @param server the API server's URL, {@code https://host:port} possibly with a path prefix
   * @return a new builder
   */
  public static Builder builder(String server) {
    return new Builder(server);
  }

  /**
   * The API server's URL, possibly with a path prefix.
   *
   * @return the server URL, never {@code null}
   */
  public HttpUrl server() {
    return server;
  }

  /**
   * PEM certificates to trust for the server, or {@code null} for the JVM's default trust store.
   *
   * @return one or more PEM certificates, or {@code null}
   */
  public String certificateAuthorityPem() {
    return certificateAuthorityPem;
  }

  /**
   * Whether the server's certificate and host name go unchecked.
   *
   * @return {@code true} if TLS verification is switched off
   */
  public boolean insecureSkipTlsVerify() {
    return insecureSkipTlsVerify;
  }

  /**
   * Where the bearer token of each request comes from.
   *
   * @return the token source, {@link TokenSource#none()} when there is no token
   */
  public TokenSource tokenSource() {
    return tokenSource;
  }

  /**
   * PEM client certificate chain, or {@code null}.
   *
   * @return the PEM certificate chain, or {@code null} without client certificate
   */
  public String clientCertificatePem() {
    return clientCertificatePem;
  }

  /**
   * PEM client private key, or {@code null}.
   *
   * @return the PEM private key, or {@code null} without client certificate
   */
  public String clientKeyPem() {
    return clientKeyPem;
  }

  /**
   * The default namespace of this configuration.
   *
   * @return the namespace, {@code default} unless set
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The limit for opening a connection to the server.
   *
   * @return the connect timeout, {@link #DEFAULT_CONNECT_TIMEOUT} unless set
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The limit for one whole call, connect to last byte.
   *
   * @return the call timeout, {@link #DEFAULT_REQUEST_TIMEOUT} unless set
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The proxy every request goes through ({@code http}, {@code https} or {@code socks5} URL), or {@code
   * null}.
   *
   * @return the proxy's URL, or {@code null} for direct connections
   */
  public URI proxy() {
    return proxy;
  }

  /**
   * The name the server's certificate is checked against (and sent as SNI) instead of the URL's host, or
   * {@code null}.
   *
   * @return the name to verify, or {@code null} to verify the URL's host
   */
  public String tlsServerName() {
    return tlsServerName;
  }

  /**
   * The exec credential plugin that supplies the token or client certificate, or {@code null}.
   *
   * @return the plugin, or {@code null} when credentials come from the configuration itself
   */
  public ExecCredentialPlugin exec() {
    return exec;
  }

  /** Builds a {@link KubeConfig}; each setter checks its argument. */
  public static final class Builder {
    private final HttpUrl server;
    private String certificateAuthorityPem;
    private boolean insecureSkipTlsVerify;
    private TokenSource tokenSource = TokenSource.none();
    private String clientCertificatePem;
    private String clientKeyPem;
    private String namespace = "default";
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private URI proxy;
    private String tlsServerName;
    private ExecCredentialPlugin exec;

    private Builder(String server) {
      Objects.requireNonNull(server, "server");
      HttpUrl url = HttpUrl.parse(server);
      if (url == null) {
        throw new IllegalArgumentException("server must be an http or https URL, but was '" + server + "'");
      }
      this.server = url;
    }

    /**
     * PEM certificates to trust for the server; {@code null} for the JVM's default trust store.
     *
     * @param pem one or more PEM certificates, or {@code null}
     * @return this builder
     */
    public Builder certificateAuthorityPem(String pem) {
      this.certificateAuthorityPem = pem;
      return this;
    }

    /**
     * Skips verifying the server's certificate and host name; only for clusters you trust otherwise.
     *
     * @param insecure {@code true} to switch verification off
     * @return this builder
     */
    public Builder insecureSkipTlsVerify(boolean insecure) {
      this.insecureSkipTlsVerify = insecure;
      return this;
    }

    /**
     * Where to get the bearer token of each request.
     *
     * @param source the token source; not {@code null}
     * @return this builder
     */
    public Builder tokenSource(TokenSource source) {
      this.tokenSource = Objects.requireNonNull(source, "tokenSource");
      return this;
    }

    /**
     * A fixed bearer token.
     *
     * @param token the token sent as {@code Authorization: Bearer} on every request
     * @return this builder
     */
    public Builder token(String token) {
      return tokenSource(TokenSource.fixed(Objects.requireNonNull(token, "token")));
    }

    /**
     * A PEM client certificate chain and its key, both or neither ({@code null}).
     *
     * @param certificatePem the PEM certificate chain, or {@code null}
     * @param keyPem the PEM private key of the first certificate, or {@code null}
     * @return this builder
     */
    public Builder clientCertificate(String certificatePem, String keyPem) {
      if ((certificatePem == null) != (keyPem == null)) {
        throw new IllegalArgumentException("client certificate and key must be given together, but only the "
            + (certificatePem == null ? "key" : "certificate") + " was");
      }
      this.clientCertificatePem = certificatePem;
      this.clientKeyPem = keyPem;
      return this;
    }

    /**
     * The default namespace; {@code default} unless set.
     *
     * @param namespace the namespace to use when none is given
     * @return this builder
     */
    public Builder namespace(String namespace) {
      if (namespace == null || namespace.isBlank()) {
        throw new IllegalArgumentException("namespace must not be blank, but was '" + namespace + "'");
      }
      this.namespace = namespace.strip();
      return this;
    }

    /**
     * The limit for opening a connection; positive.
     *
     * @param timeout the connect timeout; positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * The limit for one whole request, connect to last byte; positive.
     *
     * @param timeout the call timeout; positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    /**
     * A proxy for every request: {@code http://}, {@code https://} or {@code socks5://host:port}; {@code
     * null} for none.
     *
     * @param url the proxy's URL, or {@code null}
     * @return this builder
     */
    public Builder proxy(String url) {
      if (url == null || url.isBlank()) {
        this.proxy = null;
        return this;
      }
      URI uri;
      try {
        uri = new URI(url.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("proxy-url must be a URL, but was '" + url + "': " + e.getMessage(), e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!Set.of("http", "https", "socks5").contains(scheme) || uri.getHost() == null) {
        throw new IllegalArgumentException("proxy-url must be an http, https or socks5 URL with a host, but was '"
            + redacted(uri) + "'");
      }
      this.proxy = uri;
      return this;
    }

    /**
     * The name to check the server's certificate against and send as SNI, when it differs from the URL's
     * host.
     *
     * @param name the host name in the server's certificate, or {@code null}
     * @return this builder
     */
    public Builder tlsServerName(String name) {
      this.tlsServerName = name == null || name.isBlank() ? null : name.strip();
      return this;
    }

    /**
     * An exec credential plugin: its token is sent as the bearer token, its client certificate in TLS.
     *
     * @param plugin the plugin to ask for credentials, or {@code null}
     * @return this builder
     */
    public Builder exec(ExecCredentialPlugin plugin) {
      this.exec = Objects.requireNonNull(plugin, "plugin");
      return tokenSource(plugin);
    }

    private static String redacted(URI uri) {
      return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + d);
      }
      return d;
    }

    /**
     * The configuration.
     *
     * @return an immutable configuration holding the values set so far
     */
    public KubeConfig build() {
      return new KubeConfig(this);
    }
  }
}
