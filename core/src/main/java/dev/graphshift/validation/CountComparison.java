package dev.graphshift.validation;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The count of one target label or relationship type: expected from the source's counts through the
 * mapping (the sum over the source labels that map to it), and found on the target.
 *
 * <p>Immutable.
 *
 * @param kind a node label or a relationship type
 * @param target the label or type on the target
 * @param sources the source labels or types that map to it
 * @param expected the source's count, through the mapping
 * @param actual the target's count
 */
public record CountComparison(Kind kind, String target, List<String> sources, long expected, long actual) {

  /** Labels or types. */
  public enum Kind {
    /** A node label. */
    LABEL,
    /** A relationship type. */
    TYPE
  }

  public CountComparison {
    requireNonNull(kind, "kind");
    requireNonNull(target, "target");
    sources = List.copyOf(sources);
  }

  /** {@code actual - expected}. */
  public long difference() {
    return actual - expected;
  }

  /** Whether the counts are equal. */
  public boolean matches() {
    return actual == expected;
  }
}
