package dev.graphshift.repository;

import java.util.List;
import java.util.Optional;

/** An application repository, as a Spring Data interface would declare it. */
public interface PersonRepository {
  Person save(Person person);

  void deleteById(@RoutingKey String id);

  Optional<Person> findById(String id);

  long count();

  List<Person> findAll();

  /** Follows no naming convention: classified by its annotation. */
  @Write
  int archive(@RoutingKey String id);

  /** Follows no naming convention: classified by its annotation. */
  @Read
  Person lookup(String id);

  /** Runs on the proxy: its own calls are classified. */
  default Person saveAndFind(Person person) {
    save(person);
    return findById(person.id()).orElseThrow();
  }
}
