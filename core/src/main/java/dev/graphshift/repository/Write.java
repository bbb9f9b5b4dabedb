package dev.graphshift.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository method that changes data: the proxy calls the authoritative bean and then, off
 * the caller's thread, the other one. Wins over the naming conventions ({@link Repositories}).
 *
 * <p>Immutable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Write {}
