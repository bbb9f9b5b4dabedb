package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.AuthenticationException;
import dev.graphshift.ConfigurationException;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.UnsupportedCapabilityException;
import dev.graphshift.backfill.BackfillException;
import dev.graphshift.cli.ExitCode;
import dev.graphshift.migration.MigrationLockedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Turns a failure into the exit code it stands for and a message that says what happened and what to fix:
 * an unreachable database names the target and its address, refused credentials name the target and the
 * keys to check (never a secret), configuration errors keep the file, line or key path they name.
 *
 * <p>The first exception of the cause chain whose kind is known decides; a backfill's wrapper is looked
 * through, so a copy stopped by an unreachable target is a database failure. An unknown kind is an
 * internal error.
 *
 * <p>Thread-safe.
 */
final class Failures {
  private Failures() {}

  /**
   * An exit code and its message.
   *
   * <p>Immutable.
   *
   * @param code the exit code
   * @param message what happened and what to fix
   */
  record Verdict(ExitCode code, String message) {
    Verdict {
      requireNonNull(code, "code");
      requireNonNull(message, "message");
    }
  }

  static Verdict judge(Throwable failure, Session session) {
    String prefix = failure instanceof BackfillException ? "the copy stopped: " : "";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException e) {
        return new Verdict(ExitCode.DATABASE, prefix + refused(e, session));
      } else if (t instanceof DatabaseUnavailableException e) {
        return new Verdict(ExitCode.DATABASE, prefix + unreachable(e, session));
      } else if (t instanceof DatabaseException e) {
        return new Verdict(ExitCode.DATABASE, prefix + failed(e, session));
      } else if (t instanceof MigrationLockedException e) {
        return new Verdict(ExitCode.PROBLEMS, e.getMessage()
            + " (migrations run --break-lock removes a lock whose run died)");
      } else if (t instanceof ConfigurationException || t instanceof UnsupportedCapabilityException) {
        return new Verdict(ExitCode.CONFIGURATION, prefix + t.getMessage());
      } else if (t instanceof UncheckedIOException || t instanceof IOException) {
        return new Verdict(ExitCode.CONFIGURATION, prefix + t.getMessage()
            + (t.getCause() != null && t.getCause() != t ? ": " + t.getCause().getMessage() : ""));
      }
    }
    return new Verdict(ExitCode.INTERNAL, "internal error: " + failure);
  }

  private static String refused(AuthenticationException e, Session session) {
    Optional<TargetRef> target = session.known(e.database());
    String keys = target.map(t -> switch (t.kind()) {
      case NEO4J -> "username and password";
      case ENGRAM -> "api_key (and the memory spaces the key may use)";
      case NEPTUNE -> "IAM settings (iam, region, the AWS credentials) and the cluster's IAM policy";
      case MEMORY -> "settings";
    }).orElse("credentials");
    return describe(e.database(), target) + " refused the credentials: " + detail(e) + "\n  fix: check the "
        + keys + " of " + where(e.database(), target, session) + ", and the environment variables they come from";
  }

  private static String unreachable(DatabaseUnavailableException e, Session session) {
    Optional<TargetRef> target = session.known(e.database());
    return "cannot reach " + describe(e.database(), target) + ": " + detail(e) + "\n  fix: check that the database "
        + "runs and that this machine can reach " + target.map(TargetRef::address).orElse("it")
        + " (host name, port, firewall, VPN), or correct the address in " + where(e.database(), target, session);
  }

  private static String failed(DatabaseException e, Session session) {
    Optional<TargetRef> target = session.known(e.database());
    return describe(e.database(), target) + " failed: " + detail(e);
  }

  private static String describe(String database, Optional<TargetRef> target) {
    return target.map(TargetRef::describe).orElse("database '" + database + "'");
  }

  private static String where(String database, Optional<TargetRef> target, Session session) {
    return "targets." + target.map(TargetRef::name).orElse(database)
        + session.targetsFilePath().map(p -> " in " + p).orElse("");
  }

  /** The exception's message without the {@code [database] } prefix its root class adds. */
  private static String detail(DatabaseException e) {
    String message = String.valueOf(e.getMessage());
    String prefix = "[" + e.database() + "] ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
