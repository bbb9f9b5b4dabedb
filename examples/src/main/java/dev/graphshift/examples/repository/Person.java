package dev.graphshift.examples.repository;

import static java.util.Objects.requireNonNull;

/**
 * A person as the application knows it.
 *
 * <p>Immutable.
 *
 * @param id the person's id, the routing key of the repository's calls
 * @param name the person's name
 * @param age the person's age in years
 */
public record Person(String id, String name, long age) {
  public Person {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank: '" + id + "'");
    }
  }
}
