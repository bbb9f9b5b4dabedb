/** Test support: a database decorator that injects failures and latency, for coordinator and reliability tests. */
@NullMarked
package dev.graphshift.faults;

import org.jspecify.annotations.NullMarked;
