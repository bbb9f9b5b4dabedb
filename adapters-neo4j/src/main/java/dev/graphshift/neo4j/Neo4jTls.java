package dev.graphshift.neo4j;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the adapter encrypts Bolt and which server certificates it trusts. A URI scheme with {@code +s}
 * or {@code +ssc} ({@code neo4j+s://}) already says this, so combine a TLS setting only with the plain
 * {@code bolt://} and {@code neo4j://} schemes.
 *
 * <p>Immutable.
 *
 * @param encrypted whether Bolt traffic is encrypted
 * @param trust which certificates are trusted when encrypted
 * @param certificateFile the trusted certificate file when {@code trust} is {@link Trust#CERTIFICATE_FILE}
 */
public record Neo4jTls(boolean encrypted, Trust trust, Optional<Path> certificateFile) {

  /** Which server certificates an encrypted connection trusts. */
  public enum Trust {
    /** The certificate authorities of the JVM's trust store. */
    SYSTEM_CERTIFICATES,
    /** Certificates signed by the one in a given file. */
    CERTIFICATE_FILE,
    /** Any certificate: for tests only, it defeats the point of TLS. */
    TRUST_ALL
  }

  /**
   * Creates a TLS setting.
   *
   * @throws IllegalArgumentException if a certificate file is given without {@link Trust#CERTIFICATE_FILE}
   *     or missing with it
   */
  public Neo4jTls {
    requireNonNull(trust, "trust");
    requireNonNull(certificateFile, "certificateFile");
    if ((trust == Trust.CERTIFICATE_FILE) != certificateFile.isPresent()) {
      throw new IllegalArgumentException(
          "a certificate file goes with trust CERTIFICATE_FILE only: trust=" + trust + ", file=" + certificateFile);
    }
  }

  /** No encryption (the default for {@code bolt://} and {@code neo4j://}). */
  public static Neo4jTls disabled() {
    return new Neo4jTls(false, Trust.SYSTEM_CERTIFICATES, Optional.empty());
  }

  /** Encrypted, trusting the JVM's certificate authorities. */
  public static Neo4jTls systemCertificates() {
    return new Neo4jTls(true, Trust.SYSTEM_CERTIFICATES, Optional.empty());
  }

  /** Encrypted, trusting certificates signed by the one in {@code file}. */
  public static Neo4jTls certificateFile(Path file) {
    return new Neo4jTls(true, Trust.CERTIFICATE_FILE, Optional.of(requireNonNull(file, "file")));
  }

  /** Encrypted, trusting any certificate: for tests only. */
  public static Neo4jTls trustAll() {
    return new Neo4jTls(true, Trust.TRUST_ALL, Optional.empty());
  }
}
