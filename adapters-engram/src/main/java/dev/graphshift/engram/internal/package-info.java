/**
 * Implementation of the Engram adapter: the HTTP transport with its in-flight window, retries and error
 * translation, the memory-level API over Engram's endpoints, the id and content codecs and the vector
 * checks. Not API: nothing outside this module may use these classes.
 */
@NullMarked
package dev.graphshift.engram.internal;

import org.jspecify.annotations.NullMarked;
