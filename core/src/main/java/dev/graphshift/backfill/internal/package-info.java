/**
 * Implementation of the backfill: the partition task runner with its one-batch read-ahead, the
 * checkpoint tracker and file codec, the token bucket, progress tracking, and listener dispatch. Not API:
 * the other packages of this module (validation, copy, migration) use some of it; nothing outside the
 * module may.
 */
@NullMarked
package dev.graphshift.backfill.internal;

import org.jspecify.annotations.NullMarked;
