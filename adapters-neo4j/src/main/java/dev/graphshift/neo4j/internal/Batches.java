package dev.graphshift.neo4j.internal;

import dev.graphshift.GraphRecord;
import dev.graphshift.Rejected;
import dev.graphshift.Rules;
import java.util.ArrayList;
import java.util.List;

/** Helpers for splitting batches and listing ids. Thread-safe. */
final class Batches {
  private Batches() {}

  /** Consecutive slices of at most {@code size} records (views, not copies). */
  static <T> List<List<T>> chunks(List<T> records, int size) {
    List<List<T>> chunks = new ArrayList<>((records.size() + size - 1) / size);
    for (int from = 0; from < records.size(); from += size) {
      chunks.add(records.subList(from, Math.min(records.size(), from + size)));
    }
    return chunks;
  }

  /** The ids of records. */
  static List<String> ids(List<? extends GraphRecord> records) {
    List<String> ids = new ArrayList<>(records.size());
    for (GraphRecord r : records) {
      ids.add(r.id());
    }
    return ids;
  }

  /** Every record rejected because the identity is the element id, which cannot be written. */
  static List<Rejected> identityNotWritable(List<? extends GraphRecord> records) {
    List<Rejected> rejected = new ArrayList<>(records.size());
    for (GraphRecord r : records) {
      rejected.add(new Rejected(r, Rules.IDENTITY_NOT_WRITABLE, r.describe()
          + " cannot be written: the " + r.kind() + " identity is the element id, which Neo4j assigns"));
    }
    return rejected;
  }
}
