package dev.canary4j.kubernetes.client;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** Applies a {@link KubeConfig}'s trust, server name and client-certificate settings to an OkHttp builder. */
final class TlsSettings {

  private TlsSettings() {}

  static void configure(OkHttpClient.Builder http, KubeConfig config) {
    if (!config.server().isHttps()) {
      return;
    }
    try {
      X509TrustManager trust = config.insecureSkipTlsVerify() ? new TrustingEverything() : trustManager(config);
      KeyManager[] keys = null;
      if (config.clientCertificatePem() != null) {
        keys = keyManagers(config.clientCertificatePem(), config.clientKeyPem());
      } else if (config.exec() != null) {
        keys = new KeyManager[] {new ExecKeyManager(config.exec())};
      }
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys, new TrustManager[] {trust}, null);
      SSLSocketFactory factory = tls.getSocketFactory();
      if (config.tlsServerName() != null && !config.insecureSkipTlsVerify()) {
        // The JDK checks the certificate against the name the socket is created for; OkHttp's own
        // check of the URL's host is then the wrong one.
        factory = new ServerNameSocketFactory(factory, config.tlsServerName());
        http.hostnameVerifier((host, session) -> true);
      }
      http.sslSocketFactory(factory, trust);
      if (config.insecureSkipTlsVerify()) {
        http.hostnameVerifier((host, session) -> true);
      }
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("Cannot set up TLS for " + config.server() + ": " + e.getMessage(), e);
    }
  }

  /** TLS to an https proxy: the cluster's trust (as client-go uses), no client certificate. */
  static SSLSocketFactory proxyTls(KubeConfig config) {
    try {
      X509TrustManager trust = config.insecureSkipTlsVerify() ? new TrustingEverything() : trustManager(config);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trust}, null);
      return tls.getSocketFactory();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("Cannot set up TLS for the proxy " + config.proxy().getHost() + ": "
          + e.getMessage(), e);
    }
  }

  static KeyManager[] keyManagers(String certificatePem, String keyPem) throws GeneralSecurityException,
      java.io.IOException {
    List<X509Certificate> chain = Pem.certificates(certificatePem, "client certificate");
    PrivateKey key = Pem.privateKey(keyPem, "client key");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, new char[0], chain.toArray(new X509Certificate[0]));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, new char[0]);
    return keys.getKeyManagers();
  }

  private static X509TrustManager trustManager(KubeConfig config) throws GeneralSecurityException, java.io.IOException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (config.certificateAuthorityPem() == null) {
      factory.init((KeyStore) null);
    } else {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : Pem.certificates(config.certificateAuthorityPem(), "certificate authority")) {
        store.setCertificateEntry("ca-" + n++, ca);
      }
      factory.init(store);
    }
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager available");
  }

  /** Accepts any server certificate: only built when the configuration asks for insecure TLS. */
  private static final class TrustingEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
