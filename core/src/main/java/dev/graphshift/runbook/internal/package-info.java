/**
 * Implementation of the runbook: the phase switch behind the stable handle, the state codec, the
 * cutover control store kept in the runbook's state. Not API.
 */
@NullMarked
package dev.graphshift.runbook.internal;

import org.jspecify.annotations.NullMarked;
