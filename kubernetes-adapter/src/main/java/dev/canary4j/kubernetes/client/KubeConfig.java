package dev.canary4j.kubernetes.client;

import java.time.Duration;
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

  private KubeConfig(Builder b) {
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

  /** A builder for the API server at {@code server} ({@code https://host:port}). */
  public static Builder builder(String server) {
    return new Builder(server);
  }

  /** The API server's URL, possibly with a path prefix. */
  public HttpUrl server() {
    return server;
  }

  /** PEM certificates to trust for the server, or {@code null} for the JVM's default trust store. */
  public String certificateAuthorityPem() {
    return certificateAuthorityPem;
  }

  /** Whether the server's certificate and host name go unchecked. */
  public boolean insecureSkipTlsVerify() {
    return insecureSkipTlsVerify;
  }

  /** Where the bearer token of each request comes from. */
  public TokenSource tokenSource() {
    return tokenSource;
  }

  /** PEM client certificate chain, or {@code null}. */
  public String clientCertificatePem() {
    return clientCertificatePem;
  }

  /** PEM client private key, or {@code null}. */
  public String clientKeyPem() {
    return clientKeyPem;
  }

  /** The default namespace of this configuration. */
  public String namespace() {
    return namespace;
  }

  /** The limit for opening a connection to the server. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The limit for one whole call, connect to last byte. */
  public Duration requestTimeout() {
    return requestTimeout;
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

    private Builder(String server) {
      Objects.requireNonNull(server, "server");
      HttpUrl url = HttpUrl.parse(server);
      if (url == null) {
        throw new IllegalArgumentException("server must be an http or https URL, but was '" + server + "'");
      }
      this.server = url;
    }

    /** PEM certificates to trust for the server; {@code null} for the JVM's default trust store. */
    public Builder certificateAuthorityPem(String pem) {
      this.certificateAuthorityPem = pem;
      return this;
    }

    /** Skips verifying the server's certificate and host name; only for clusters you trust otherwise. */
    public Builder insecureSkipTlsVerify(boolean insecure) {
      this.insecureSkipTlsVerify = insecure;
      return this;
    }

    /** Where to get the bearer token of each request. */
    public Builder tokenSource(TokenSource source) {
      this.tokenSource = Objects.requireNonNull(source, "tokenSource");
      return this;
    }

    /** A fixed bearer token. */
    public Builder token(String token) {
      return tokenSource(TokenSource.fixed(Objects.requireNonNull(token, "token")));
    }

    /** A PEM client certificate chain and its key, both or neither ({@code null}). */
    public Builder clientCertificate(String certificatePem, String keyPem) {
      if ((certificatePem == null) != (keyPem == null)) {
        throw new IllegalArgumentException("client certificate and key must be given together, but only the "
            + (certificatePem == null ? "key" : "certificate") + " was");
      }
      this.clientCertificatePem = certificatePem;
      this.clientKeyPem = keyPem;
      return this;
    }

    /** The default namespace; {@code default} unless set. */
    public Builder namespace(String namespace) {
      if (namespace == null || namespace.isBlank()) {
        throw new IllegalArgumentException("namespace must not be blank, but was '" + namespace + "'");
      }
      this.namespace = namespace.strip();
      return this;
    }

    /** The limit for opening a connection; positive. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** The limit for one whole request, connect to last byte; positive. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + d);
      }
      return d;
    }

    /** The configuration. */
    public KubeConfig build() {
      return new KubeConfig(this);
    }
  }
}
