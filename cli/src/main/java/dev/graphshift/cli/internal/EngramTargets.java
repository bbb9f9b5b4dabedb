package dev.graphshift.cli.internal;

import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.engram.EngramGraphDatabase;
import dev.graphshift.engram.SpacePartition;
import dev.graphshift.engram.Verification;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Builds an Engram adapter from a {@code database: engram} target. Keys: {@code url} (required), {@code
 * space} (one memory space) or {@code space_per_label} (a prefix: one space per label), {@code api_key},
 * {@code connect_timeout}, {@code request_timeout}, {@code in_flight}, {@code confidence}, {@code
 * verification} ({@code none}, {@code full}, or a sampled share such as {@code 0.01}), {@code
 * near_duplicate_window}, {@code space_capacity}, {@code retry_attempts}, {@code retry_initial_backoff},
 * {@code retry_max_backoff}. The file's {@code embedder}, if any, embeds nodes that have no embedding.
 *
 * <p>Thread-safe.
 */
final class EngramTargets {
  static final Set<String> KEYS = Set.of(TargetsFile.DATABASE_KEY, "url", "space", "space_per_label", "api_key",
      "connect_timeout", "request_timeout", "in_flight", "confidence", "verification", "near_duplicate_window",
      "space_capacity", "retry_attempts", "retry_initial_backoff", "retry_max_backoff");

  private EngramTargets() {}

  static GraphDatabase open(String name, Settings s, TargetContext context, SecretSink secrets) {
    URI url;
    try {
      url = new URI(s.string("url"));
    } catch (URISyntaxException e) {
      throw s.error("url", "is not a URL: " + e.getMessage() + " (for example http://localhost:7432)");
    }
    Addresses.userInfoSecret(url.toString()).ifPresent(secrets::secret);
    EngramGraphDatabase.Builder b;
    try {
      b = EngramGraphDatabase.builder(name, url);
    } catch (IllegalArgumentException e) {
      throw s.error("url", e.getMessage() + " (for example http://localhost:7432)");
    }
    Optional<String> apiKey = s.secret("api_key");
    apiKey.ifPresent(secrets::secret);
    if (s.has("space") && s.has("space_per_label")) {
      throw s.error("space_per_label", "conflicts with space; keep one");
    }
    try {
      s.optionalString("space").ifPresent(b::space);
      s.optionalString("space_per_label").map(SpacePartition::perLabel).ifPresent(b::partition);
      apiKey.ifPresent(b::apiKey);
      s.optionalDuration("connect_timeout").ifPresent(b::connectTimeout);
      s.optionalDuration("request_timeout").ifPresent(b::requestTimeout);
      s.optionalInt("in_flight", 1, Integer.MAX_VALUE).ifPresent(b::inFlight);
      s.optionalDouble("confidence").ifPresent(b::confidence);
      verification(s).ifPresent(b::verification);
      s.optionalInt("near_duplicate_window", 1, Integer.MAX_VALUE).ifPresent(b::nearDuplicateWindow);
      s.optionalInt("space_capacity", 1, Integer.MAX_VALUE).ifPresent(b::spaceCapacity);
      Optional<Integer> attempts = s.optionalInt("retry_attempts", 1, Integer.MAX_VALUE);
      Optional<Duration> initial = s.optionalDuration("retry_initial_backoff");
      Optional<Duration> max = s.optionalDuration("retry_max_backoff");
      if (attempts.isPresent() || initial.isPresent() || max.isPresent()) {
        b.retry(attempts.orElse(EngramGraphDatabase.DEFAULT_MAX_ATTEMPTS),
            initial.orElse(EngramGraphDatabase.DEFAULT_INITIAL_BACKOFF),
            max.orElse(EngramGraphDatabase.DEFAULT_MAX_BACKOFF));
      }
      context.embedder().ifPresent(e -> b.embedder(e::embed));
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigurationException(s.path() + ": " + e.getMessage());
    }
  }

  private static Optional<Verification> verification(Settings s) {
    Optional<Object> raw = s.optionalValue("verification");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    if (raw.get().equals("none")) {
      return Optional.of(Verification.none());
    }
    if (raw.get().equals("full")) {
      return Optional.of(Verification.full());
    }
    double rate;
    try {
      rate = s.optionalDouble("verification").orElseThrow();
    } catch (ConfigurationException e) {
      throw s.error("verification", "expected none, full, or the share of writes read back, in (0, 1]");
    }
    if (!(rate > 0 && rate <= 1)) {
      throw s.error("verification", "the share of writes read back must be in (0, 1], found " + rate
          + " (write none to turn verification off)");
    }
    return Optional.of(Verification.sampled(rate));
  }

  /** The address for messages: the URL without any user information. */
  static String address(Settings s) {
    return Addresses.withoutUserInfo(s.string("url"));
  }
}
