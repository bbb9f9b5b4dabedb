package dev.graphshift.mapping;

/**
 * What happens to properties that no rule names (no rename, drop or conversion).
 *
 * <p>Immutable.
 */
public enum UnmappedProperties {
  /** Carry them over unchanged: the default. */
  KEEP,
  /** Leave them out, so that only renamed or converted properties are carried over. */
  DROP;

  /** The name used in YAML: {@code keep} or {@code drop}. */
  public String yamlName() {
    return YamlNames.of(this);
  }
}
