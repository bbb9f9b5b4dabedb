package dev.graphshift.cli.internal;

/**
 * Receives every secret read from the targets file (passwords, API keys, AWS secret keys), so that the
 * command line can make sure none of them reaches its output.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
interface SecretSink {
  /** A secret to keep out of every message. */
  void secret(String value);
}
