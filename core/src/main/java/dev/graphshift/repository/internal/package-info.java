/**
 * Implementation of the repository proxy: method classification, routing keys, the per-key lanes of
 * secondary writes, the invocation handler. Not API.
 */
@NullMarked
package dev.graphshift.repository.internal;

import org.jspecify.annotations.NullMarked;
