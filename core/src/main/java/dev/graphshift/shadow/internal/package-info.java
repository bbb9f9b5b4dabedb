/**
 * Implementation of the shadow-read coordinator: the built-in comparators and the discrepancy tracker.
 * Not API: nothing outside this module may use it.
 */
@NullMarked
package dev.graphshift.shadow.internal;

import org.jspecify.annotations.NullMarked;
