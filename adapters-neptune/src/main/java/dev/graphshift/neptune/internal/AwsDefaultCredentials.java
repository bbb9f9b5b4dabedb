package dev.graphshift.neptune.internal;

import dev.graphshift.ConfigurationException;
import dev.graphshift.neptune.NeptuneCredentials;
import dev.graphshift.neptune.NeptuneCredentialsProvider;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The AWS default credentials chain (environment, system properties, profile, container, instance
 * metadata) through the AWS SDK v2. This is the only class that names the SDK; it is loaded only when
 * IAM authentication is on and no other provider was given ({@link #create(String)} checks first that
 * the SDK is present), so the adapter runs without the SDK otherwise.
 *
 * <p>Thread-safe.
 */
public final class AwsDefaultCredentials implements NeptuneCredentialsProvider {
  private static final String SDK_CLASS = "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider";

  private final DefaultCredentialsProvider chain;

  private AwsDefaultCredentials() {
    this.chain = DefaultCredentialsProvider.builder().build();
  }

  /**
   * The default chain, or a {@link ConfigurationException} saying which dependency to add.
   *
   * @param database the name of the database, for the message
   */
  public static NeptuneCredentialsProvider create(String database) {
    try {
      Class.forName(SDK_CLASS, false, AwsDefaultCredentials.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(database, "IAM authentication with the AWS default credentials chain needs "
          + "software.amazon.awssdk:auth on the classpath; add it, or give the builder a credentialsProvider", e);
    }
    return new AwsDefaultCredentials();
  }

  @Override
  public NeptuneCredentials credentials() {
    AwsCredentials c = chain.resolveCredentials();
    Optional<String> token = c instanceof AwsSessionCredentials s ? Optional.of(s.sessionToken()) : Optional.empty();
    return new NeptuneCredentials(c.accessKeyId(), c.secretAccessKey(), token);
  }

  @Override
  public String toString() {
    return "AwsDefaultCredentials";
  }
}
