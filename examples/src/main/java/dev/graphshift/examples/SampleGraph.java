package dev.graphshift.examples;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The graph the walk-through migrates, generated from a seed: people, documents with 768-dimensional
 * embeddings, {@code READ} relationships (person to document, with a {@code duration} in seconds) and
 * {@code KNOWS} relationships (person to person). Also makes the records the live workload writes, so
 * that every record of a run, generated or written later, has the same shape.
 *
 * <p>Not thread-safe; confine to one thread (the workload gives each writer its own instance).
 */
final class SampleGraph {
  static final String PERSON = "Person";
  static final String DOCUMENT = "Document";
  static final String READ = "READ";
  static final String KNOWS = "KNOWS";
  static final String EMBEDDING = "embedding";
  static final int DIMENSION = 768;

  private static final String[] CITIES = {"Lisbon", "Berlin", "Nairobi", "Osaka", "Lima", "Oslo", "Quito", "Perth"};
  private static final String[] TOPICS = {"graphs", "migrations", "embeddings", "databases", "latency", "recall"};
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final SplittableRandom random;

  SampleGraph(long seed) {
    this.random = new SplittableRandom(seed);
  }

  static String personId(int i) {
    return "person-" + i;
  }

  static String documentId(int i) {
    return "doc-" + i;
  }

  /** A person; {@code version} changes the name and age, as an update does. */
  Node person(String id, int version) {
    return Node.of(id, PERSON, Map.of(
        "name", "Person " + id + (version == 0 ? "" : " v" + version),
        "age", 18 + random.nextInt(70),
        "city", CITIES[random.nextInt(CITIES.length)],
        "created_at", createdAt()));
  }

  /** A document with a fresh random unit embedding (an edit re-embeds the document). */
  Node document(String id, int version) {
    return Node.of(id, DOCUMENT, Map.of(
        "title", TOPICS[random.nextInt(TOPICS.length)] + " notes " + id + (version == 0 ? "" : " v" + version),
        "created_at", createdAt(),
        EMBEDDING, embedding()));
  }

  Relationship read(String id, String personId, String documentId) {
    return Relationship.of(id, READ, personId, documentId, Map.of("duration", 1L + random.nextInt(600)));
  }

  Relationship knows(String id, String fromId, String toId) {
    return Relationship.of(id, KNOWS, fromId, toId, Map.of("since", 1990L + random.nextInt(36)));
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** The generated graph: nodes first, then relationships (whose endpoints are all among the nodes). */
  record Graph(List<Node> people, List<Node> documents, List<Relationship> reads, List<Relationship> knows) {
    Graph {
      requireNonNull(people, "people");
      requireNonNull(documents, "documents");
      requireNonNull(reads, "reads");
      requireNonNull(knows, "knows");
    }

    int nodes() {
      return people.size() + documents.size();
    }

    int relationships() {
      return reads.size() + knows.size();
    }
  }

  /** Generates {@code people} people, {@code documents} documents and the relationships between them. */
  Graph generate(int people, int documents, int readsPerPerson, int knowsPerPerson) {
    List<Node> persons = new ArrayList<>(people);
    for (int i = 0; i < people; i++) {
      persons.add(person(personId(i), 0));
    }
    List<Node> docs = new ArrayList<>(documents);
    for (int i = 0; i < documents; i++) {
      docs.add(document(documentId(i), 0));
    }
    List<Relationship> reads = new ArrayList<>(people * readsPerPerson);
    List<Relationship> knows = new ArrayList<>(people * knowsPerPerson);
    for (int i = 0; i < people; i++) {
      for (int r = 0; r < readsPerPerson && documents > 0; r++) {
        reads.add(read("read-" + i + "-" + r, personId(i), documentId(random.nextInt(documents))));
      }
      for (int k = 0; k < knowsPerPerson && people > 1; k++) {
        int other = random.nextInt(people - 1);
        knows.add(knows("knows-" + i + "-" + k, personId(i), personId(other >= i ? other + 1 : other)));
      }
    }
    return new Graph(List.copyOf(persons), List.copyOf(docs), List.copyOf(reads), List.copyOf(knows));
  }

  private OffsetDateTime createdAt() {
    return OffsetDateTime.ofInstant(EPOCH.plusSeconds(random.nextInt(300 * 86_400)), ZoneOffset.UTC);
  }

  private float[] embedding() {
    float[] v = new float[DIMENSION];
    double norm = 0;
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
      norm += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < DIMENSION; i++) {
      v[i] *= scale;
    }
    return v;
  }
}
