/**
 * A repository-bean example: an application's {@link dev.graphshift.examples.repository.PersonRepository}
 * with a Neo4j implementation and a target implementation, wrapped by {@code Repositories.wrap} so that its
 * callers migrate without a change.
 */
@NullMarked
package dev.graphshift.examples.repository;

import org.jspecify.annotations.NullMarked;
