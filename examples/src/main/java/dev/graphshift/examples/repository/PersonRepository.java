package dev.graphshift.examples.repository;

import dev.graphshift.repository.RoutingKey;
import java.util.Optional;

/**
 * The application's repository of people, as its callers use it. Two implementations exist, one per
 * database ({@link Neo4jPersonRepository}, {@link TargetPersonRepository}); during a migration the
 * application wires a proxy of both, made by {@code Repositories.wrap}, and its callers do not change:
 *
 * <pre>{@code
 * PersonRepository people = Repositories.wrap(PersonRepository.class,
 *     new Neo4jPersonRepository(neo4j), new TargetPersonRepository(neptune),
 *     RepositoryPolicy.following(runbook).build());
 * }</pre>
 *
 * Method names say which calls write ({@code save}, {@code delete}) and which read ({@code find},
 * {@code count}); the id (or the person, by its {@code id()}) is the routing key.
 *
 * <p>Implementations are thread-safe.
 */
public interface PersonRepository {

  /** Stores the person, replacing any person with its id. */
  void save(@RoutingKey Person person);

  /** The person with this id, if any. */
  Optional<Person> findById(@RoutingKey String id);

  /** Deletes the person with this id; does nothing if there is none. */
  void deleteById(@RoutingKey String id);

  /** The number of people. */
  long count();
}
