/**
 * Implementation of validation: the record comparison (properties, vectors by cosine similarity), the
 * per-check tallies, and the report's text and JSON forms. Not API.
 */
@NullMarked
package dev.graphshift.validation.internal;

import org.jspecify.annotations.NullMarked;
