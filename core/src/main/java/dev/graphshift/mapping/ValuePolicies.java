package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

/**
 * Mapping-wide choices for three kinds of property value that targets model differently: vectors
 * ({@code float[]}, {@code double[]}), lists, and {@code java.time} temporals. They apply to every
 * property a mapping carries over (kept or renamed, after its conversion), but not to the embedding of
 * an {@link EmbeddingRule}, derived fields or relationship weights. How a target stores a kept value is
 * the target adapter's own policy (for example Neptune's list and vector policies), not the mapping's.
 *
 * <p>Immutable.
 *
 * @param vectors the policy for {@code float[]} and {@code double[]} values
 * @param lists the policy for lists
 * @param temporals the policy for dates, times and date-times
 */
public record ValuePolicies(ValuePolicy vectors, ValuePolicy lists, ValuePolicy temporals) {

  /** Every value kept: the default. */
  public static final ValuePolicies KEEP_ALL =
      new ValuePolicies(ValuePolicy.KEEP, ValuePolicy.KEEP, ValuePolicy.KEEP);

  public ValuePolicies {
    requireNonNull(vectors, "vectors");
    requireNonNull(lists, "lists");
    requireNonNull(temporals, "temporals");
  }

  /** Whether every policy is {@link ValuePolicy#KEEP}, so values need no inspection. */
  public boolean keepsAll() {
    return vectors == ValuePolicy.KEEP && lists == ValuePolicy.KEEP && temporals == ValuePolicy.KEEP;
  }
}
