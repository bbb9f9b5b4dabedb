/**
 * Retry timing shared by the components that retry work: {@link dev.graphshift.retry.Backoff}, an
 * exponential backoff with jitter. Whether a failure is retried at all is decided by the {@link
 * dev.graphshift.Retryable} marker, never here.
 */
@NullMarked
package dev.graphshift.retry;

import org.jspecify.annotations.NullMarked;
