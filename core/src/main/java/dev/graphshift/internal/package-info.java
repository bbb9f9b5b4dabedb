/**
 * Implementation shared by the packages of core: the small JSON writer and reader that core uses instead
 * of a JSON library. Not API: nothing outside this module may use it.
 */
@NullMarked
package dev.graphshift.internal;

import org.jspecify.annotations.NullMarked;
