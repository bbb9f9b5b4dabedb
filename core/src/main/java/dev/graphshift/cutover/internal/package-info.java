/**
 * Implementation of the cutover router and of the measurements the shadow-read coordinator shares with
 * it (hashing, latency histograms, health windows). Not API: nothing outside this module may use it.
 */
@NullMarked
package dev.graphshift.cutover.internal;

import org.jspecify.annotations.NullMarked;
