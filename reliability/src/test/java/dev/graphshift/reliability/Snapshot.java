package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every record of a database, read through its keyset scans, keyed by id: the direct comparison the
 * scenarios make next to the {@code Validator}'s. A scan that returns an id twice is a duplicate, kept in
 * {@link #duplicates()}; a record the scan could not read is kept in {@link #unreadable()}.
 *
 * <p>Immutable.
 *
 * @param nodes the nodes by id
 * @param relationships the relationships by id
 * @param duplicates ids a scan returned more than once
 * @param unreadable records a scan reported as rejected
 */
record Snapshot(Map<String, Node> nodes, Map<String, Relationship> relationships, Set<String> duplicates,
    List<Rejected> unreadable) {

  private static final int PAGE = 1_000;

  /** Reads every node and relationship of the database. */
  static Snapshot of(GraphDatabase db) {
    Set<String> duplicates = new TreeSet<>();
    List<Rejected> unreadable = new ArrayList<>();
    Map<String, Node> nodes = scan(db::scanNodes, duplicates, unreadable);
    Map<String, Relationship> relationships = db.capabilities().relationships()
        ? scan(db::scanRelationships, duplicates, unreadable) : Map.of();
    return new Snapshot(nodes, relationships, duplicates, unreadable);
  }

  private static <T extends GraphRecord> Map<String, T> scan(Function<ScanRequest, ScanPage<T>> scan,
      Set<String> duplicates, List<Rejected> unreadable) {
    Map<String, T> all = new TreeMap<>();
    ScanRequest request = ScanRequest.all(PAGE);
    while (true) {
      ScanPage<T> page = scan.apply(request);
      for (T item : page.items()) {
        if (all.put(item.id(), item) != null) {
          duplicates.add(item.id());
        }
      }
      unreadable.addAll(page.rejected());
      if (page.next().isEmpty()) {
        return all;
      }
      request = request.after(page.next().get());
    }
  }

  /** Asserts that two databases hold exactly the same records, naming the first ids that differ. */
  static void assertSame(Snapshot expected, Snapshot actual, String what) {
    assertThat(actual.duplicates()).as("%s: ids a scan returned twice", what).isEmpty();
    assertThat(actual.unreadable()).as("%s: records the scan could not read", what).isEmpty();
    assertThat(differences(expected.nodes(), actual.nodes())).as("%s: nodes that differ", what).isEmpty();
    assertThat(differences(expected.relationships(), actual.relationships()))
        .as("%s: relationships that differ", what).isEmpty();
    assertThat(actual.nodes()).as("%s: node count", what).hasSameSizeAs(expected.nodes());
    assertThat(actual.relationships()).as("%s: relationship count", what).hasSameSizeAs(expected.relationships());
  }

  /** The first few ids whose record differs, is missing or is extra, with both sides. */
  static <T> List<String> differences(Map<String, T> expected, Map<String, T> actual) {
    List<String> out = new ArrayList<>();
    Set<String> ids = new TreeSet<>(expected.keySet());
    ids.addAll(actual.keySet());
    for (String id : ids) {
      T e = expected.get(id);
      T a = actual.get(id);
      if (e == null || !e.equals(a)) {
        out.add(id + ": expected " + e + " but was " + a);
        if (out.size() == 10) {
          break;
        }
      }
    }
    return out;
  }
}
