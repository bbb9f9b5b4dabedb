package dev.graphshift.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter that names what a repository call is about (an id, an entity): writes with the
 * same key reach the other bean in the order the caller made them, and reads with the same key always
 * go to the same side during a cutover. The key is the value's {@code toString()} for ids (strings,
 * numbers, UUIDs, enums), else its {@code id()} or {@code getId()} accessor, else its {@code
 * toString()}. Without it, the first argument is used when it is such an id or has such an accessor.
 *
 * <p>Immutable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RoutingKey {}
