package dev.canary4j.kubernetes.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets that send {@code serverName} as SNI and check the server's certificate against it,
 * whatever host the connection goes to: kubeconfig's {@code tls-server-name}.
 */
final class ServerNameSocketFactory extends SSLSocketFactory {

  private final SSLSocketFactory delegate;
  private final String serverName;

  ServerNameSocketFactory(SSLSocketFactory delegate, String serverName) {
    this.delegate = delegate;
    this.serverName = serverName;
  }

  private Socket named(Socket socket) {
    if (socket instanceof SSLSocket ssl) {
      SSLParameters parameters = ssl.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(parameters);
    }
    return socket;
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return named(delegate.createSocket(s, serverName, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return named(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return named(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return named(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return named(delegate.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }
}
