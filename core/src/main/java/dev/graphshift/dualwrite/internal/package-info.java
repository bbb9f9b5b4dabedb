/**
 * Implementation of the dual-write coordinator, its dead-letter queues and its backfill view: the
 * ordered scheduler of secondary writes, striped caller locks, the dead-letter index, the binary
 * codec of the journal. Not API: nothing outside this module may use these classes.
 */
@NullMarked
package dev.graphshift.dualwrite.internal;

import org.jspecify.annotations.NullMarked;
