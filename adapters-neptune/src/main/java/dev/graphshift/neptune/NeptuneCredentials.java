package dev.graphshift.neptune;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * AWS credentials for IAM authentication: an access key id, a secret access key and, for temporary
 * credentials, a session token. {@link #toString()} shows the access key id only; the secret and the
 * token never appear in a message or a log.
 *
 * <p>Immutable.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token of temporary credentials, if any
 */
public record NeptuneCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

  /**
   * Creates credentials.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the key id or the secret is blank
   */
  public NeptuneCredentials {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretAccessKey, "secretAccessKey");
    requireNonNull(sessionToken, "sessionToken");
    if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException("accessKeyId and secretAccessKey must not be blank (accessKeyId '"
          + accessKeyId + "')");
    }
  }

  @Override
  public String toString() {
    return "NeptuneCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
        + (sessionToken.isPresent() ? ", sessionToken=****" : "") + "]";
  }
}
