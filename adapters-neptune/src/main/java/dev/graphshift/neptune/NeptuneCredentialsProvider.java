package dev.graphshift.neptune;

/**
 * Supplies the credentials IAM authentication signs with; asked again for every new connection, so
 * temporary credentials may rotate. When IAM is on and no provider is given, the adapter uses the AWS
 * default credentials chain, which needs {@code software.amazon.awssdk:auth} on the classpath (an
 * optional dependency of this module).
 *
 * <p>Implementations must be thread-safe and must not log the secret.
 */
@FunctionalInterface
public interface NeptuneCredentialsProvider {

  /** The credentials to sign the next connection with. */
  NeptuneCredentials credentials();
}
