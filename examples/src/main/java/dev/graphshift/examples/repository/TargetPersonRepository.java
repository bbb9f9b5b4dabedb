package dev.graphshift.examples.repository;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import java.util.Map;
import java.util.Optional;

/**
 * The application's repository on the new database (Neptune, or any GraphShift target): people as
 * {@code people} vertices with {@code full_name} and {@code age_years} properties, the new database's own
 * schema. Written by the application team for the new database; the proxy keeps it current during the
 * migration.
 *
 * <p>Thread-safe.
 */
public final class TargetPersonRepository implements PersonRepository {
  /** The label of people on the target. */
  public static final String LABEL = "people";

  private final GraphDatabase target;

  /** A repository over this target database (for example a {@code NeptuneGraphDatabase}). */
  public TargetPersonRepository(GraphDatabase target) {
    this.target = requireNonNull(target, "target");
  }

  @Override
  public void save(Person person) {
    requireNonNull(person, "person");
    Neo4jPersonRepository.requireClean(target.upsertNode(Node.of(person.id(), LABEL,
        Map.of("full_name", person.name(), "age_years", person.age()))), person.id());
  }

  @Override
  public Optional<Person> findById(String id) {
    requireNonNull(id, "id");
    return target.getNode(id).filter(n -> n.labels().contains(LABEL)).map(n -> new Person(n.id(),
        (String) n.properties().get("full_name"), (Long) n.properties().get("age_years")));
  }

  @Override
  public void deleteById(String id) {
    requireNonNull(id, "id");
    Neo4jPersonRepository.requireClean(target.deleteNode(id), id);
  }

  @Override
  public long count() {
    return target.countNodes(LABEL);
  }
}
