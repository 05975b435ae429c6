package dev.canary4j.kubernetes.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Presents the client certificate an exec plugin answered with, asking the plugin at each TLS
 * handshake so that a renewed certificate is used on the next connection.
 */
final class ExecKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "client";
  private final ExecCredentialPlugin plugin;
  private ExecCredentialPlugin.Credential built;
  private X509KeyManager keys;

  ExecKeyManager(ExecCredentialPlugin plugin) {
    this.plugin = plugin;
  }

  private synchronized X509KeyManager keys() {
    ExecCredentialPlugin.Credential credential = plugin.credential();
    if (credential.clientCertificatePem() == null) {
      return null;
    }
    if (credential != built) {
      try {
        for (KeyManager k : TlsSettings.keyManagers(credential.clientCertificatePem(), credential.clientKeyPem())) {
          if (k instanceof X509KeyManager x509) {
            keys = x509;
          }
        }
      } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
        throw new IllegalStateException("The exec plugin's client certificate cannot be used: " + e.getMessage(), e);
      }
      built = credential;
    }
    return keys;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return keys() == null ? null : ALIAS;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return keys() == null ? null : ALIAS;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    X509KeyManager k = keys();
    return k == null ? null : k.getCertificateChain(ALIAS);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    X509KeyManager k = keys();
    return k == null ? null : k.getPrivateKey(ALIAS);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return keys() == null ? null : new String[] {ALIAS};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }
}
