/**
 * Implementation of the Neptune adapter: the dialect rules in one place ({@code NeptuneDialect}), value
 * conversion, traversal shapes, writer lanes, retries, error translation and SigV4 signing. Not API.
 */
@NullMarked
package dev.graphshift.neptune.internal;

import org.jspecify.annotations.NullMarked;
