package dev.canary4j.prometheus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust built from a PEM file of certificate authorities.
 *
 * @param socketFactory sockets that trust only the file's authorities
 * @param trustManager the trust manager behind {@code socketFactory}
 */
public record TlsTrust(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

  /** Trust in the certificates of {@code caFile}; fails naming the file when it holds none or cannot be read. */
  public static TlsTrust fromCaFile(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("caFile " + caFile + " must hold at least one PEM certificate, but held none");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      X509TrustManager manager = null;
      for (TrustManager candidate : factory.getTrustManagers()) {
        if (candidate instanceof X509TrustManager x509) {
          manager = x509;
        }
      }
      if (manager == null) {
        throw new IllegalStateException("the JVM offers no X.509 trust manager");
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {manager}, null);
      return new TlsTrust(context.getSocketFactory(), manager);
    } catch (IOException e) {
      throw new IllegalArgumentException("caFile " + caFile + " cannot be read: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("caFile " + caFile + " must hold PEM certificates, but could not be loaded: " + e.getMessage(), e);
    }
  }
}
