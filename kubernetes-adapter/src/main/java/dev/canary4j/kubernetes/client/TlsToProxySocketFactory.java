package dev.canary4j.kubernetes.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sockets that speak TLS to an {@code https://} proxy, so that OkHttp's CONNECT (and then the TLS
 * to the API server inside the tunnel) travels encrypted to the proxy. OkHttp itself only speaks
 * plain HTTP to proxies.
 */
final class TlsToProxySocketFactory extends SocketFactory {

  private final String proxyHost;
  private final SSLSocketFactory tls;

  TlsToProxySocketFactory(String proxyHost, SSLSocketFactory tls) {
    this.proxyHost = proxyHost;
    this.tls = tls;
  }

  @Override
  public Socket createSocket() {
    return new TlsToProxySocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return createSocket(address, port);
  }

  /** A plain socket until connected, then the TLS session to the proxy over it. */
  private final class TlsToProxySocket extends Socket {
    private final Socket plain = new Socket();
    private SSLSocket secured;

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      plain.connect(endpoint, timeout);
      int port = ((InetSocketAddress) endpoint).getPort();
      secured = (SSLSocket) tls.createSocket(plain, proxyHost, port, true);
      SSLParameters parameters = secured.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secured.setSSLParameters(parameters);
      secured.startHandshake();
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    private Socket current() {
      return secured != null ? secured : plain;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return current().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return current().getOutputStream();
    }

    @Override
    public synchronized void close() throws IOException {
      current().close();
      plain.close();
    }

    @Override
    public boolean isConnected() {
      return plain.isConnected();
    }

    @Override
    public boolean isClosed() {
      return current().isClosed();
    }

    @Override
    public boolean isInputShutdown() {
      return plain.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
      return plain.isOutputShutdown();
    }

    @Override
    public void shutdownInput() throws IOException {
      plain.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      plain.shutdownOutput();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      current().setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws SocketException {
      return current().getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
      plain.setTcpNoDelay(on);
    }

    @Override
    public InetAddress getInetAddress() {
      return plain.getInetAddress();
    }

    @Override
    public int getPort() {
      return plain.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
      return plain.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
      return plain.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return plain.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
      return plain.getLocalSocketAddress();
    }
  }
}
