package dev.canary4j.examples.controller;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockWebServer;

/**
 * MockWebServers whose connections send each write at once (TCP_NODELAY). Without it, a response
 * written in two parts waits for the client's delayed acknowledgement, about 40 ms per request on
 * Linux loopback, which a controller polling hundreds of times turns into seconds.
 */
final class NoDelayServers {

  private NoDelayServers() {}

  /** A server, not yet started, whose accepted sockets have TCP_NODELAY set. */
  static MockWebServer create() {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
      }

      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
      }
    });
    return server;
  }

  private static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = super.accept();
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
