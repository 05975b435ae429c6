package dev.canary4j.kubernetes.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * A forwarding proxy on 127.0.0.1 that records where each client asked to go: HTTP {@code CONNECT}
 * (over plain TCP or over TLS) or SOCKS5 without authentication.
 */
final class LocalProxy implements AutoCloseable {

  private final ServerSocket server;
  private final boolean socks;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private LocalProxy(ServerSocketFactory factory, boolean socks) throws IOException {
    this.server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.socks = socks;
    Thread accept = new Thread(this::accept, "local-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  /** An HTTP proxy that answers CONNECT. */
  static LocalProxy http() throws IOException {
    return new LocalProxy(ServerSocketFactory.getDefault(), false);
  }

  /** An HTTP proxy that answers CONNECT over TLS with the certificate of {@code tls}. */
  static LocalProxy https(SSLServerSocketFactory tls) throws IOException {
    return new LocalProxy(tls, false);
  }

  /** A SOCKS5 proxy. */
  static LocalProxy socks5() throws IOException {
    return new LocalProxy(ServerSocketFactory.getDefault(), true);
  }

  /** The port it listens on. */
  int port() {
    return server.getLocalPort();
  }

  /** What clients asked for, e.g. {@code CONNECT localhost:4321 HTTP/1.1}, oldest first. */
  List<String> requests() {
    return requests;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "local-proxy-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String host;
      int port;
      if (socks) {
        DataInputStream data = new DataInputStream(in);
        data.readUnsignedByte();
        data.skipNBytes(data.readUnsignedByte());
        out.write(new byte[] {5, 0});
        data.skipNBytes(3);
        int type = data.readUnsignedByte();
        if (type == 3) {
          host = new String(data.readNBytes(data.readUnsignedByte()), StandardCharsets.US_ASCII);
        } else {
          host = InetAddress.getByAddress(data.readNBytes(type == 1 ? 4 : 16)).getHostAddress();
        }
        port = data.readUnsignedShort();
        requests.add("SOCKS5 CONNECT " + host + ":" + port);
        out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
      } else {
        String line = readLine(in);
        requests.add(line);
        while (!readLine(in).isEmpty()) {
          // headers: not needed
        }
        String[] target = line.split(" ")[1].split(":");
        host = target[0];
        port = Integer.parseInt(target[1]);
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      try (Socket upstream = new Socket()) {
        upstream.connect(new InetSocketAddress(host, port));
        Thread back = new Thread(() -> copy(upstreamIn(upstream), out), "local-proxy-back");
        back.setDaemon(true);
        back.start();
        copy(in, upstream.getOutputStream());
        back.join(5000);
      }
    } catch (IOException | InterruptedException e) {
      // the client or the upstream went away
    }
  }

  private static InputStream upstreamIn(Socket s) {
    try {
      return s.getInputStream();
    } catch (IOException e) {
      return InputStream.nullInputStream();
    }
  }

  private static void copy(InputStream in, OutputStream out) {
    try {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // one side closed
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
