package dev.graphshift.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository method that only reads: the proxy answers it from one bean, and may compare it
 * with the other or route it by the cutover share. Wins over the naming conventions ({@link
 * Repositories}).
 *
 * <p>Immutable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Read {}
