package dev.canary4j.cli;

import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The Prometheus connection options of {@code judge} and {@code backtest}: URL, authentication, tenant headers, TLS, timeouts. */
final class PrometheusOptions {

  @Option(names = "--prometheus", required = true, paramLabel = "URL",
      description = "Base URL of the Prometheus HTTP API, with any path prefix (https://host/prometheus).")
  String url;

  @Option(names = "--bearer-token-file", paramLabel = "FILE",
      description = "Send the token in this file as a bearer token (read again when it changes).")
  Path bearerTokenFile;

  @Option(names = "--basic-auth-user", paramLabel = "USER", description = "User for HTTP basic authentication.")
  String basicAuthUser;

  @Option(names = "--basic-auth-password-file", paramLabel = "FILE",
      description = "File holding the basic authentication password (kept off the command line).")
  Path basicAuthPasswordFile;

  @Option(names = "--header", paramLabel = "NAME=VALUE",
      description = "Extra header sent with every query, for example X-Scope-OrgID=team-a; repeatable.")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(names = "--ca-file", paramLabel = "FILE",
      description = "PEM file of the certificate authorities to trust for TLS instead of the JVM's.")
  Path caFile;

  @Option(names = "--query-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Evaluation timeout Prometheus applies to each query (its timeout parameter).")
  Duration queryTimeout;

  @Option(names = "--read-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Time allowed between response bytes (default ${DEFAULT-VALUE}).", defaultValue = "30s")
  Duration readTimeout;

  /** The client these options describe, or {@code null} with the reasons added to {@code problems}. */
  PrometheusClient client(List<String> problems) {
    int before = problems.size();
    PrometheusConfig.Builder config;
    try {
      config = PrometheusConfig.custom(url);
    } catch (IllegalArgumentException e) {
      problems.add("--prometheus: " + e.getMessage());
      return null;
    }
    if (bearerTokenFile != null && basicAuthUser != null) {
      problems.add("--bearer-token-file and --basic-auth-user: choose one way to authenticate");
    }
    if ((basicAuthUser == null) != (basicAuthPasswordFile == null)) {
      problems.add("--basic-auth-user and --basic-auth-password-file go together");
    }
    try {
      if (bearerTokenFile != null) {
        requireFile(bearerTokenFile, "--bearer-token-file", problems);
        config.bearerTokenFile(bearerTokenFile);
      }
      if (basicAuthUser != null && basicAuthPasswordFile != null && requireFile(basicAuthPasswordFile,
          "--basic-auth-password-file", problems)) {
        config.basicAuth(basicAuthUser, Files.readString(basicAuthPasswordFile, StandardCharsets.UTF_8).strip());
      }
      headers.forEach(config::header);
      if (caFile != null && requireFile(caFile, "--ca-file", problems)) {
        config.caFile(caFile);
      }
      if (queryTimeout != null) {
        config.queryTimeout(queryTimeout);
      }
      config.readTimeout(readTimeout);
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      problems.add(e.getMessage());
    }
    if (problems.size() > before) {
      return null;
    }
    try {
      return PrometheusClient.create(config.build());
    } catch (IllegalArgumentException | IllegalStateException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private static boolean requireFile(Path file, String option, List<String> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(option + ": " + file + " does not exist or is not a file");
      return false;
    }
    return true;
  }
}
