package dev.graphshift.cli.internal;

import dev.graphshift.ConfigurationException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.neptune.NeptuneCredentials;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import dev.graphshift.neptune.NeptuneValuePolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a Neptune adapter from a {@code database: neptune} target. Keys: {@code mode} (required; {@code
 * database}, as nodestream's plugin names Neptune Database; Neptune Analytics is not supported), {@code
 * host} (required), {@code port}, {@code tls}, {@code iam} with {@code region} and, optionally, {@code
 * access_key_id}, {@code secret_access_key} and {@code session_token} (otherwise the AWS default credentials
 * chain), {@code max_connections}, {@code max_in_flight_per_connection}, {@code request_timeout}, {@code
 * lanes}, {@code max_records_per_request}, {@code max_steps_per_request}, {@code retry_attempts}, {@code
 * retry_initial_backoff}, {@code retry_max_backoff}, and the value policy: {@code lists} ({@code set},
 * {@code json}), {@code vectors} ({@code json}, {@code reject}), {@code temporals} ({@code date}, {@code
 * iso_string}).
 *
 * <p>Thread-safe.
 */
final class NeptuneTargets {
  static final Set<String> KEYS = Set.of(TargetsFile.DATABASE_KEY, "mode", "host", "port", "tls", "iam", "region",
      "access_key_id", "secret_access_key", "session_token", "max_connections", "max_in_flight_per_connection",
      "request_timeout", "lanes", "max_records_per_request", "max_steps_per_request", "retry_attempts",
      "retry_initial_backoff", "retry_max_backoff", "lists", "vectors", "temporals");

  /** The only mode: Neptune Database. */
  static final String DATABASE_MODE = "database";

  private NeptuneTargets() {}

  static GraphDatabase open(String name, Settings s, SecretSink secrets) {
    String mode = s.string("mode");
    if (!mode.equals(DATABASE_MODE)) {
      throw s.error("mode", mode.equals("analytics")
          ? "Neptune Analytics is not supported: GraphShift speaks Gremlin to Neptune Database; use mode: database"
          : "unknown mode '" + mode + "' (allowed here: database)");
    }
    NeptuneGraphDatabase.Builder b;
    try {
      b = NeptuneGraphDatabase.builder(s.string("host")).name(name);
    } catch (IllegalArgumentException e) {
      throw s.error("host", e.getMessage());
    }
    try {
      s.optionalInt("port", 1, 65_535).ifPresent(b::port);
      s.optionalBoolean("tls").ifPresent(b::tls);
      iam(s, b, secrets);
      s.optionalInt("max_connections", 1, Integer.MAX_VALUE).ifPresent(b::maxConnections);
      s.optionalInt("max_in_flight_per_connection", 1, Integer.MAX_VALUE).ifPresent(b::maxInFlightPerConnection);
      s.optionalDuration("request_timeout").ifPresent(b::requestTimeout);
      s.optionalInt("lanes", 1, Integer.MAX_VALUE).ifPresent(b::lanes);
      s.optionalInt("max_records_per_request", 1, Integer.MAX_VALUE).ifPresent(b::maxRecordsPerRequest);
      s.optionalInt("max_steps_per_request", 1, Integer.MAX_VALUE).ifPresent(b::maxStepsPerRequest);
      s.optionalInt("retry_attempts", 1, Integer.MAX_VALUE).ifPresent(b::retryAttempts);
      s.optionalDuration("retry_initial_backoff").ifPresent(b::retryInitialBackoff);
      s.optionalDuration("retry_max_backoff").ifPresent(b::retryMaxBackoff);
      NeptuneValuePolicy policy = NeptuneValuePolicy.defaults();
      policy = policy.withLists(choice(s, "lists", NeptuneValuePolicy.ListPolicy.class, policy.lists()));
      policy = policy.withVectors(choice(s, "vectors", NeptuneValuePolicy.VectorPolicy.class, policy.vectors()));
      policy = policy.withTemporals(choice(s, "temporals", NeptuneValuePolicy.TemporalPolicy.class, policy.temporals()));
      b.valuePolicy(policy);
      resolve(name, s.string("host"));
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigurationException(s.path() + ": " + e.getMessage());
    }
  }

  /** The Gremlin driver resolves the host when the database is built, and loses the cause when it cannot. */
  private static void resolve(String name, String host) {
    try {
      InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new DatabaseUnavailableException(name, "cannot resolve the host name '" + host + "': " + e.getMessage(), e);
    }
  }

  private static void iam(Settings s, NeptuneGraphDatabase.Builder b, SecretSink secrets) {
    boolean iam = s.optionalBoolean("iam").orElse(false);
    Optional<String> keyId = s.optionalString("access_key_id");
    Optional<String> secret = s.secret("secret_access_key");
    Optional<String> token = s.secret("session_token");
    secret.ifPresent(secrets::secret);
    token.ifPresent(secrets::secret);
    if (!iam) {
      for (String key : new String[] {"region", "access_key_id", "secret_access_key", "session_token"}) {
        if (s.has(key)) {
          throw s.error(key, "is set, but iam is not true; add iam: true, or remove it");
        }
      }
      return;
    }
    if (!s.has("region")) {
      throw s.error("region", "is required when iam is true (the region of the cluster, for example us-east-1)");
    }
    b.iam(s.string("region"));
    if (keyId.isPresent() != secret.isPresent()) {
      throw keyId.isPresent() ? s.error("secret_access_key", "is required with access_key_id")
          : s.error("access_key_id", "is required with secret_access_key");
    }
    if (token.isPresent() && keyId.isEmpty()) {
      throw s.error("session_token", "needs access_key_id and secret_access_key");
    }
    if (keyId.isPresent()) {
      NeptuneCredentials credentials = new NeptuneCredentials(keyId.get(), secret.orElseThrow(), token);
      b.credentialsProvider(() -> credentials);
    }
  }

  private static <E extends Enum<E>> E choice(Settings s, String key, Class<E> type, E defaultValue) {
    Optional<String> value = s.optionalString(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Function<E, String> keyOf = e -> e.name().toLowerCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (keyOf.apply(e).equals(value.get())) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(keyOf.apply(e));
    }
    throw s.error(key, "unknown value '" + value.get() + "' (allowed here: " + allowed + ")");
  }

  /** The address for messages: {@code wss://host:port} (or {@code ws://} without TLS). */
  static String address(Settings s) {
    boolean tls = s.optionalBoolean("tls").orElse(NeptuneGraphDatabase.DEFAULT_TLS);
    int port = s.optionalInt("port", 1, 65_535).orElse(NeptuneGraphDatabase.DEFAULT_PORT);
    return (tls ? "wss://" : "ws://") + s.string("host") + ":" + port;
  }
}
