package dev.graphshift.mapping.internal;

import dev.graphshift.mapping.Conversion;
import org.jspecify.annotations.Nullable;

/** What a compiled plan does with one named source property. Immutable once its plan is compiled. */
final class PropertyOp {
  static final String[] NONE = new String[0];

  final String source;
  /** The name it is carried over under, or null if it is not (dropped, or replaced by a derived field). */
  @Nullable String target;
  @Nullable Conversion conversion;
  /** The derived fields that copy its (converted) value. */
  String[] copyTo = NONE;
  /** Other source properties whose presence means the target name is taken. */
  String[] conflicts = NONE;
  /** Whether the target name is one the mapping itself produces (a derived field, the embedding, the weight). */
  boolean alwaysConflicts;
  /** Whether this is the source of the node's embedding. */
  boolean embedding;

  PropertyOp(String source, @Nullable String target) {
    this.source = source;
    this.target = target;
  }
}
