package dev.graphshift.config;

import dev.graphshift.ConfigurationException;

/**
 * A YAML document is malformed or uses a feature outside the subset {@link Yaml} reads. The message
 * starts with the line number ({@code line 12: ...}) and says what to change.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class YamlException extends ConfigurationException {
  private final int line;

  /**
   * Creates an exception.
   *
   * @param line the 1-based line the problem is on
   * @param problem what is wrong and how to fix it
   */
  public YamlException(int line, String problem) {
    super("line " + line + ": " + problem);
    this.line = line;
  }

  /** The 1-based line the problem is on. */
  public int line() {
    return line;
  }
}
