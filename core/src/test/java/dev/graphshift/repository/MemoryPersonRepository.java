package dev.graphshift.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A repository bean in memory, standing for one database's: it records every write in the order it was
 * applied, fails writes or reads on demand, and marks what it returns with its side. Thread-safe.
 */
final class MemoryPersonRepository implements PersonRepository {
  final String side;
  final Map<String, Person> people = new ConcurrentHashMap<>();
  final List<String> writes = new CopyOnWriteArrayList<>();
  /** Writes left to fail, each with an {@link IllegalStateException}. */
  final AtomicInteger failuresLeft = new AtomicInteger();
  /** A failure the next write throws. */
  final AtomicReference<RuntimeException> nextWriteFailure = new AtomicReference<>();
  volatile boolean failReads;

  MemoryPersonRepository(String side) {
    this.side = side;
  }

  private void writing() {
    RuntimeException next = nextWriteFailure.getAndSet(null);
    if (next != null) {
      throw next;
    }
    if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      throw new IllegalStateException(side + " write failed");
    }
  }

  private void reading() {
    if (failReads) {
      throw new IllegalStateException(side + " read failed");
    }
  }

  @Override
  public Person save(Person person) {
    writing();
    people.put(person.id(), person);
    writes.add("save " + person.id() + " v" + person.version());
    return new Person(person.id(), person.name() + " @" + side, person.version());
  }

  @Override
  public void deleteById(String id) {
    writing();
    people.remove(id);
    writes.add("delete " + id);
  }

  @Override
  public Optional<Person> findById(String id) {
    reading();
    return Optional.ofNullable(people.get(id));
  }

  @Override
  public long count() {
    reading();
    return people.size();
  }

  @Override
  public List<Person> findAll() {
    reading();
    return new ArrayList<>(people.values());
  }

  @Override
  public int archive(String id) {
    writing();
    writes.add("archive " + id);
    return 1;
  }

  @Override
  public Person lookup(String id) {
    reading();
    return new Person(id, side, 0);
  }

  @Override
  public String toString() {
    return "MemoryPersonRepository[" + side + "]";
  }
}
