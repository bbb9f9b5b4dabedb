/**
 * Schema mapping: how records of the source become records of the target.
 *
 * <p>{@link dev.graphshift.mapping.RecordMapper} is the contract the backfill, the dual-write coordinator
 * and the validator use, so that a record reaches the target identically by backfill or by dual write.
 */
@NullMarked
package dev.graphshift.mapping;

import org.jspecify.annotations.NullMarked;
