package dev.graphshift.cli;

/**
 * What the {@code graphshift} command's exit status means, so that scripts can trust it. The same table is
 * in {@code graphshift --help} and {@code docs/cli.md}.
 *
 * <p>Immutable.
 */
public enum ExitCode {
  /** 0: the command did all it was asked and found nothing wrong. */
  OK(0, "success: the work is done and nothing is wrong"),
  /**
   * 1: the work ran, but what it found is not clean: a copy rejected records (each is listed with its rule),
   * a validation failed a check (after {@code --repair}: the target still differs), or the migration lock
   * is held by another run.
   */
  PROBLEMS(1, "the work ran but found problems: records rejected by a copy, a failed validation, "
      + "a migration lock held by another run"),
  /** 2: the command line is wrong: an unknown command or flag, a missing or malformed value. */
  USAGE(2, "usage error: an unknown command or flag, a missing or malformed value"),
  /**
   * 3: the configuration is wrong: the targets file (missing, malformed, an unknown key, an unset
   * environment variable), an unknown target, an unknown label or type, a bad mapping, a checkpoint that
   * does not fit.
   */
  CONFIGURATION(3, "configuration error: the targets file, an unknown target, label or type, a bad mapping"),
  /**
   * 4: a database could not be used: unreachable, refusing the credentials, or failing requests that
   * retries did not get through.
   */
  DATABASE(4, "a database is unreachable, refused the credentials, or failed requests"),
  /** 5: an unexpected internal error; {@code --verbose} prints its stack trace. */
  INTERNAL(5, "unexpected internal error (--verbose prints the stack trace)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }

  /** One line saying what the status means, as {@code --help} prints it. */
  public String meaning() {
    return meaning;
  }
}
