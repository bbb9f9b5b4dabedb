package dev.graphshift.cli.internal;

import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.neo4j.Neo4jIdentity;
import dev.graphshift.neo4j.Neo4jTls;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a Neo4j adapter from a {@code database: neo4j} target. Keys (nodestream's names where it has
 * them): {@code uri} (required), {@code username} and {@code password} (both or neither), {@code
 * database_name}, {@code key_label}, {@code node_identity} and {@code relationship_identity} (a property
 * name, or {@code elementId()}), {@code tls}, {@code trusted_certificate}, {@code trust_all_certificates},
 * {@code batch_size}, {@code fetch_size}, {@code transaction_timeout}, {@code max_retry_time}, {@code
 * connection_timeout}, {@code manage_schema}, {@code vector_properties}.
 *
 * <p>Thread-safe.
 */
final class Neo4jTargets {
  static final Set<String> KEYS = Set.of(TargetsFile.DATABASE_KEY, "uri", "username", "password",
      "database_name", "key_label", "node_identity", "relationship_identity", "tls", "trusted_certificate",
      "trust_all_certificates", "batch_size", "fetch_size", "transaction_timeout", "max_retry_time",
      "connection_timeout", "manage_schema", "vector_properties");

  /** The value of {@code node_identity} that means Neo4j's element id. */
  static final String ELEMENT_ID = "elementId()";

  /** The URI schemes of the Neo4j driver. */
  static final List<String> SCHEMES = List.of("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc");

  private Neo4jTargets() {}

  static GraphDatabase open(String name, Settings s, TargetContext context, SecretSink secrets) {
    String uri = s.string("uri");
    int colon = uri.indexOf("://");
    if (colon < 0 || !SCHEMES.contains(uri.substring(0, colon).toLowerCase(Locale.ROOT))) {
      throw s.error("uri", "'" + uri + "' is not a Bolt URI: its scheme must be one of " + String.join(", ", SCHEMES)
          + " (for example neo4j://localhost:7687)");
    }
    Addresses.userInfoSecret(uri).ifPresent(secrets::secret);
    if (uri.substring(0, colon).contains("+")) {
      for (String key : new String[] {"tls", "trusted_certificate", "trust_all_certificates"}) {
        if (s.has(key)) {
          throw s.error(key, "cannot be set with the scheme " + uri.substring(0, colon) + ", which sets encryption "
              + "and trust itself; use " + (uri.startsWith("n") ? "neo4j" : "bolt") + ":// with " + key
              + ", or leave " + key + " out");
        }
      }
    }
    Neo4jGraphDatabase.Builder b;
    try {
      b = Neo4jGraphDatabase.builder(name, uri);
    } catch (IllegalArgumentException e) {
      throw s.error("uri", e.getMessage() + " (for example neo4j://localhost:7687 or bolt+s://host:7687)");
    }
    Optional<String> username = s.optionalString("username");
    Optional<String> password = s.secret("password");
    password.ifPresent(secrets::secret);
    if (username.isPresent() != password.isPresent()) {
      throw username.isPresent() ? s.error("password", "is required with username")
          : s.error("username", "is required with password");
    }
    try {
      if (username.isPresent()) {
        b.auth(username.get(), password.orElseThrow());
      }
      s.optionalString("database_name").ifPresent(b::database);
      s.optionalString("key_label").ifPresent(b::keyLabel);
      s.optionalString("node_identity").map(Neo4jTargets::identity).ifPresent(b::nodeIdentity);
      s.optionalString("relationship_identity").map(Neo4jTargets::identity).ifPresent(b::relationshipIdentity);
      tls(s, context.directory()).ifPresent(b::tls);
      s.optionalInt("batch_size", 1, Neo4jGraphDatabase.MAX_BATCH_SIZE).ifPresent(b::batchSize);
      s.optionalInt("fetch_size", 1, Integer.MAX_VALUE).ifPresent(b::fetchSize);
      s.optionalDuration("transaction_timeout").ifPresent(b::transactionTimeout);
      s.optionalDuration("max_retry_time").ifPresent(b::maxRetryTime);
      s.optionalDuration("connection_timeout").ifPresent(b::connectionTimeout);
      s.optionalBoolean("manage_schema").ifPresent(b::manageSchema);
      if (s.has("vector_properties")) {
        b.vectorProperties(new LinkedHashSet<>(s.strings("vector_properties")));
      }
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigurationException(s.path() + ": " + e.getMessage());
    }
  }

  private static Neo4jIdentity identity(String value) {
    return value.equals(ELEMENT_ID) ? Neo4jIdentity.elementId() : Neo4jIdentity.property(value);
  }

  private static Optional<Neo4jTls> tls(Settings s, Path directory) {
    Optional<Boolean> tls = s.optionalBoolean("tls");
    Optional<String> certificate = s.optionalString("trusted_certificate");
    boolean trustAll = s.optionalBoolean("trust_all_certificates").orElse(false);
    if (tls.equals(Optional.of(false)) && (certificate.isPresent() || trustAll)) {
      throw s.error("tls", "is false, but " + (trustAll ? "trust_all_certificates" : "trusted_certificate")
          + " is set; remove one");
    }
    if (trustAll && certificate.isPresent()) {
      throw s.error("trust_all_certificates", "conflicts with trusted_certificate; keep one");
    }
    if (trustAll) {
      return Optional.of(Neo4jTls.trustAll());
    }
    if (certificate.isPresent()) {
      return Optional.of(Neo4jTls.certificateFile(directory.resolve(certificate.get())));
    }
    return tls.map(on -> on ? Neo4jTls.systemCertificates() : Neo4jTls.disabled());
  }

  /** The address for messages: the URI without any user information. */
  static String address(Settings s) {
    return Addresses.withoutUserInfo(s.string("uri"));
  }
}
