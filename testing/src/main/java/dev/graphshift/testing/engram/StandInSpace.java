package dev.graphshift.testing.engram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One memory space of the stand-in: the part of Engram's {@code MemoryStore} (engram-core
 * {@code store.rs}) that the HTTP API reaches, reproduced rule by rule.
 *
 * <p><b>Structures</b>, as in the real store: the {@code wal_buffer} (id to episode; what listing
 * and recall iterate), the {@code hot_memories} map (id to memory; what GET by id and deduplication
 * read), the eviction queue ordered by (activation, id), the {@code memory_count} counter (what
 * {@code tier_counts} reports) and the deduplicator's similarity cache.
 *
 * <p><b>Design.</b> Every operation holds this space's monitor, so operations on one space are
 * serialized (the real store serializes the deduplication step under a write lock as well, and that
 * step dominates a write). Memory grows with the memories held; the hot tier is bounded by the
 * capacity, the similarity cache by {@link #SIMILARITY_CACHE_LIMIT} entries.
 *
 * <p>Thread-safe.
 */
final class StandInSpace {

  /** Engram's embedding dimension. */
  static final int DIMENSIONS = 768;
  /** The cosine similarity at or above which the deduplicator treats two memories as duplicates. */
  static final float DEDUP_THRESHOLD = 0.95f;
  /** Above this similarity a re-store of the same id is skipped outright. */
  static final float SAME_ID_SKIP_SIMILARITY = 0.999f;
  /** The deduplicator caches similarities of (new id, existing id) pairs, and stops adding at this size. */
  static final int SIMILARITY_CACHE_LIMIT = 1000;

  /** What a store did, as the real store decides it. */
  enum Action {
    /** Stored as a new memory (or overwrote the same id: no duplicate was found). */
    STORED,
    /** Not stored: a duplicate was kept instead. The API still answers 201. */
    SKIPPED,
    /** Stored, and the duplicate it matched was removed from the hot map (not from the listing). */
    REPLACED
  }

  /** An episode as stored in the WAL buffer. */
  record Episode(String id, Instant when, String what, float[] embedding, float confidence) {}

  /** A memory of the hot map. */
  record Memory(String id, float[] embedding, float confidence, float activation, String content,
      Instant createdAt) {}

  /**
   * The outcome of a store.
   *
   * @param action what happened
   * @param activation the activation reported as {@code storage_confidence.value}
   * @param duplicateOf the id of the matching duplicate, if one was found, else null
   * @param evicted how many memories were evicted first (0 or 1)
   */
  record Outcome(Action action, float activation, @Nullable String duplicateOf, int evicted) {}

  /** A recall hit with its score. */
  record Scored(Episode episode, float score) {}

  private record EvictionKey(float activation, String id) {}

  private record PairKey(String newId, String existingId) {}

  private static final Comparator<EvictionKey> EVICTION_ORDER =
      Comparator.comparingDouble(EvictionKey::activation).thenComparing(EvictionKey::id);

  private final String id;
  private final Instant createdAt;
  private final int capacity;
  private final LinkedHashMap<String, Episode> walBuffer = new LinkedHashMap<>();
  private final LinkedHashMap<String, Memory> hot = new LinkedHashMap<>();
  private final TreeMap<EvictionKey, String> evictionQueue = new TreeMap<>(EVICTION_ORDER);
  private final HashMap<PairKey, Float> similarityCache = new HashMap<>();
  private long memoryCount;

  StandInSpace(String id, Instant createdAt, int capacity) {
    this.id = id;
    this.createdAt = createdAt;
    this.capacity = capacity;
  }

  String id() {
    return id;
  }

  Instant createdAt() {
    return createdAt;
  }

  /**
   * Stores an episode following {@code MemoryStore::store}: evict first when the counter has reached
   * the capacity, then deduplicate against every hot memory, then insert.
   */
  synchronized Outcome store(Episode episode) {
    long current = memoryCount;
    float pressure = capacity == 0 ? 0f : (float) Math.min(1.0, Math.max(0.0, (double) current / capacity));
    float confidence = clampUnit(episode.confidence());
    float baseActivation = confidence * (1f - 0.5f * pressure);
    int evicted = 0;
    if (current >= capacity) {
      evicted = evictLowestActivation();
    }
    float activation = clampUnit(baseActivation);
    Memory memory = new Memory(episode.id(), episode.embedding(), confidence, activation, episode.what(),
        episode.when());

    String bestId = null;
    Memory best = null;
    float bestSimilarity = 0f;
    for (Memory existing : hot.values()) {
      PairKey key = new PairKey(memory.id(), existing.id());
      Float cached = similarityCache.get(key);
      float similarity;
      if (cached != null) {
        similarity = cached;
      } else {
        similarity = cosine(memory.embedding(), existing.embedding());
        if (similarityCache.size() < SIMILARITY_CACHE_LIMIT) {
          similarityCache.put(key, similarity);
        }
      }
      if (similarity >= DEDUP_THRESHOLD && (best == null || similarity > bestSimilarity)) {
        best = existing;
        bestId = existing.id();
        bestSimilarity = similarity;
      }
    }

    Action action = Action.STORED;
    boolean isNew = true;
    if (best != null) {
      boolean skip = (bestSimilarity > SAME_ID_SKIP_SIMILARITY && memory.id().equals(best.id()))
          || !(memory.confidence() > best.confidence());
      if (skip) {
        return new Outcome(Action.SKIPPED, activation * 0.9f, bestId, evicted);
      }
      hot.remove(bestId);
      action = Action.REPLACED;
      isNew = false;
    }
    hot.put(memory.id(), memory);
    evictionQueue.put(new EvictionKey(activation, memory.id()), memory.id());
    walBuffer.put(memory.id(), episode);
    if (isNew) {
      memoryCount++;
    }
    return new Outcome(action, activation, bestId, evicted);
  }

  private int evictLowestActivation() {
    if (evictionQueue.isEmpty()) {
      return 0;
    }
    String victim = evictionQueue.firstEntry().getValue();
    evictionQueue.values().removeIf(victim::equals);
    hot.remove(victim);
    walBuffer.remove(victim);
    memoryCount--;
    return 1;
  }

  /** GET by id: the hot map only, as {@code get_by_id}. */
  synchronized @Nullable Episode getById(String memoryId) {
    Memory m = hot.get(memoryId);
    return m == null ? null : new Episode(m.id(), m.createdAt(), m.content(), m.embedding(), m.confidence());
  }

  /** The listing: the WAL buffer, skipping {@code offset} and taking {@code limit}. */
  synchronized List<Episode> list(long offset, long limit) {
    List<Episode> page = new ArrayList<>();
    Iterator<Episode> it = walBuffer.values().iterator();
    long skipped = 0;
    while (it.hasNext() && skipped < offset) {
      it.next();
      skipped++;
    }
    while (it.hasNext() && page.size() < limit) {
      page.add(it.next());
    }
    return page;
  }

  /** The counter {@code tier_counts.hot} and the health endpoint report. */
  synchronized long count() {
    return memoryCount;
  }

  /** Text recall over the WAL buffer plus hot memories not in it (the similarity path). */
  synchronized List<Scored> recallText(String query, float threshold, int cueLimit) {
    List<Scored> results = new ArrayList<>();
    String queryLower = query.toLowerCase(java.util.Locale.ROOT);
    for (Episode e : recallCandidates()) {
      if (e.id().equals(query)) {
        results.add(new Scored(e, 1f));
        continue;
      }
      float score = semanticSimilarity(e.what(), query, queryLower);
      if (score > 0f && score >= threshold) {
        results.add(new Scored(e, score));
      }
    }
    return finish(results, cueLimit);
  }

  /** Embedding recall: cosine similarity with negative values raised to zero. */
  synchronized List<Scored> recallEmbedding(float[] vector, float threshold, int cueLimit) {
    List<Scored> results = new ArrayList<>();
    for (Episode e : recallCandidates()) {
      float similarity = Math.max(0f, cosine(e.embedding(), vector));
      if (similarity >= threshold) {
        results.add(new Scored(e, similarity));
      }
    }
    return finish(results, cueLimit);
  }

  private List<Episode> recallCandidates() {
    List<Episode> all = new ArrayList<>(walBuffer.values());
    for (Map.Entry<String, Memory> e : hot.entrySet()) {
      if (!walBuffer.containsKey(e.getKey())) {
        Memory m = e.getValue();
        all.add(new Episode(m.id(), m.createdAt(), m.content(), m.embedding(), m.confidence()));
      }
    }
    return all;
  }

  private static List<Scored> finish(List<Scored> results, int cueLimit) {
    results.sort(Comparator.comparingDouble((Scored s) -> s.score()).reversed());
    return results.size() > cueLimit ? new ArrayList<>(results.subList(0, cueLimit)) : results;
  }

  private static float semanticSimilarity(String content, String query, String queryLower) {
    String contentLower = content.toLowerCase(java.util.Locale.ROOT);
    if (contentLower.contains(queryLower)) {
      return 1f;
    }
    if (queryLower.contains(contentLower)) {
      return 0.7f;
    }
    String[] queryWords = query.trim().split("\\s+");
    List<String> contentWords = List.of(content.trim().split("\\s+"));
    int matches = 0;
    int words = 0;
    for (String w : queryWords) {
      if (w.isEmpty()) {
        continue;
      }
      words++;
      if (contentWords.contains(w)) {
        matches++;
      }
    }
    return matches > 0 ? ((float) matches / Math.max(1, words)) * 0.5f : 0f;
  }

  /** Cosine similarity as Engram's scalar kernel computes it: f32 sums, zero for a zero vector. */
  static float cosine(float[] a, float[] b) {
    float dot = 0f;
    float normA = 0f;
    float normB = 0f;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      normA += a[i] * a[i];
      normB += b[i] * b[i];
    }
    float na = (float) Math.sqrt(normA);
    float nb = (float) Math.sqrt(normB);
    if (na == 0f || nb == 0f) {
      return 0f;
    }
    return Math.max(-1f, Math.min(1f, dot / (na * nb)));
  }

  private static float clampUnit(float value) {
    return value < 0f ? 0f : value > 1f ? 1f : value;
  }

  @Override
  public String toString() {
    return "StandInSpace[" + id + ", " + Objects.toString(memoryCount) + " counted]";
  }
}
