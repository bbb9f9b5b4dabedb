/**
 * Validation: proving that nothing was lost. {@link dev.graphshift.validation.Validator} compares counts
 * per label and type through the mapping, checks a deterministic sample deeply (existence, properties,
 * embedding cosine similarity, edge counts) against {@link dev.graphshift.validation.ValidationThresholds},
 * diffs both sides in full with a streaming, bounded-memory pass, and repairs exactly the differences.
 * {@link dev.graphshift.validation.ContinuousValidation} runs the sampled check on a schedule for the
 * weeks of a migration. Reports read as text and as JSON.
 */
@NullMarked
package dev.graphshift.validation;

import org.jspecify.annotations.NullMarked;
