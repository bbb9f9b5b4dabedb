/**
 * Implementation of the schema mapper: compiled per-label and per-type plans, value conversions and
 * the canonical JSON of memory content. Not API: nothing outside this module may use it.
 */
@NullMarked
package dev.graphshift.mapping.internal;

import org.jspecify.annotations.NullMarked;
