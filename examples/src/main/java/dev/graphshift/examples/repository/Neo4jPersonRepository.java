package dev.graphshift.examples.repository;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.WriteResult;
import java.util.Map;
import java.util.Optional;

/**
 * The application's original repository: people as {@code :Person} nodes in Neo4j with {@code name} and
 * {@code age} properties, through the GraphShift Neo4j adapter.
 *
 * <p>Thread-safe.
 */
public final class Neo4jPersonRepository implements PersonRepository {
  /** The label of people in Neo4j. */
  public static final String LABEL = "Person";

  private final GraphDatabase neo4j;

  /** A repository over this Neo4j database (a {@code Neo4jGraphDatabase}). */
  public Neo4jPersonRepository(GraphDatabase neo4j) {
    this.neo4j = requireNonNull(neo4j, "neo4j");
  }

  @Override
  public void save(Person person) {
    requireNonNull(person, "person");
    requireClean(neo4j.upsertNode(Node.of(person.id(), LABEL, Map.of("name", person.name(), "age", person.age()))),
        person.id());
  }

  @Override
  public Optional<Person> findById(String id) {
    requireNonNull(id, "id");
    return neo4j.getNode(id).filter(n -> n.labels().contains(LABEL)).map(n -> new Person(n.id(),
        (String) n.properties().get("name"), (Long) n.properties().get("age")));
  }

  @Override
  public void deleteById(String id) {
    requireNonNull(id, "id");
    requireClean(neo4j.deleteNode(id), id);
  }

  @Override
  public long count() {
    return neo4j.countNodes(LABEL);
  }

  static void requireClean(WriteResult result, String id) {
    if (!result.rejected().isEmpty()) {
      throw new IllegalArgumentException("person '" + id + "' was rejected: " + result.rejected().get(0));
    }
  }
}
