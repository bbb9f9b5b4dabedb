package dev.graphshift.engram.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphshift.DatabaseException;
import dev.graphshift.engram.internal.EngramHttp.Failure;
import dev.graphshift.engram.internal.EngramHttp.Outcome;
import dev.graphshift.engram.internal.EngramHttp.Request;
import dev.graphshift.engram.internal.EngramHttp.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Engram operations the adapter uses, one method per endpoint, in terms of memories: the boundary
 * between the graph model (in {@code EngramGraphDatabase}) and Engram's HTTP API. Everything Engram's
 * API allows today is here: remember ({@code POST /api/v1/memories/remember}), get by id, list with
 * {@code tier_counts}, recall, and the list of spaces.
 *
 * <p>What Engram's HTTP API does not allow has no method: there is no relationship (association)
 * endpoint, no update and no delete ({@code DELETE /api/v1/memories/{id}} is a no-op answering {@code
 * "not_supported"}). When a future Engram offers them, they are added here as {@code associate(...)},
 * {@code forget(...)}, and the adapter's capabilities follow; nothing else changes shape.
 *
 * <p>Thread-safe.
 */
public final class EngramApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  private static final String MEMORIES = "/api/v1/memories";

  /** The largest page Engram's listing returns. */
  public static final int MAX_PAGE = 1000;

  private final EngramHttp http;

  public EngramApi(EngramHttp http) {
    this.http = http;
  }

  /** The transport, for its counters. */
  public EngramHttp http() {
    return http;
  }

  /** A memory to remember. Immutable. */
  public record MemoryWrite(String space, String memoryId, String nodeId, String content, float[] embedding,
      double confidence, Instant timestamp) {}

  /** A memory as GET by id or the listing returns it. Immutable. */
  public record Memory(String memoryId, String content, double confidence, String timestamp) {}

  /** A page of the listing and the space's counter. Immutable. */
  public record Listing(List<Memory> memories, long hot) {}

  /** A recall hit. Immutable. */
  public record RecallHit(String memoryId, String content, double score) {}

  /** A memory looked up in a space. Immutable. */
  public record Lookup(String space, String memoryId, String nodeId) {}

  // ------------------------------------------------------------------------------------------ writes

  /** Remembers each memory; one outcome per memory, in order (the value is the id Engram answered). */
  public List<Outcome<String>> remember(List<MemoryWrite> writes) {
    List<Request> requests = new ArrayList<>(writes.size());
    for (MemoryWrite w : writes) {
      requests.add(Request.post(MEMORIES + "/remember", Optional.of(w.space()), rememberBody(w), List.of(w.nodeId()),
          "remembering node '" + w.nodeId() + "' in space '" + w.space() + "'"));
    }
    return http.runAll(requests, (request, r) -> {
      if (r.status() / 100 != 2) {
        return failWith(r, request);
      }
      JsonNode id = parse(r, request).get("memory_id");
      if (id == null || !id.isTextual()) {
        throw new Failure(new DatabaseException(http.database(), "Engram answered " + r.status()
            + " without a memory_id while " + request.what(), request.recordIds(), null), Optional.empty());
      }
      return id.textValue();
    });
  }

  private static byte[] rememberBody(MemoryWrite w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + w.content().length() + w.embedding().length * 12);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", w.memoryId());
      g.writeStringField("content", w.content());
      g.writeArrayFieldStart("embedding");
      for (float f : w.embedding()) {
        g.writeNumber(Float.toString(f));
      }
      g.writeEndArray();
      g.writeNumberField("confidence", w.confidence());
      g.writeStringField("timestamp", w.timestamp().toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ------------------------------------------------------------------------------------------- reads

  /** GET by id for each lookup; a 404 is an empty value. */
  public List<Outcome<Optional<Memory>>> get(List<Lookup> lookups) {
    List<Request> requests = new ArrayList<>(lookups.size());
    for (Lookup l : lookups) {
      requests.add(Request.get(MEMORIES + "/" + l.memoryId(), Optional.of(l.space()), List.of(l.nodeId()),
          "reading node '" + l.nodeId() + "' from space '" + l.space() + "'"));
    }
    return http.runAll(requests, (request, r) -> {
      if (r.status() == 404) {
        return Optional.empty();
      }
      if (r.status() != 200) {
        return failWith(r, request);
      }
      return Optional.of(memory(parse(r, request)));
    });
  }

  /** One page of the hot-tier listing of a space, with its counter. */
  public Listing list(String space, long offset, int limit, boolean includeEmbeddings) {
    Request request = Request.get(MEMORIES + "?tier=hot&offset=" + offset + "&limit=" + limit
        + (includeEmbeddings ? "&include_embeddings=true" : ""), Optional.of(space), List.of(),
        "listing space '" + space + "' at offset " + offset);
    return http.run(request, (q, r) -> {
      if (r.status() != 200) {
        return failWith(r, q);
      }
      JsonNode root = parse(r, q);
      List<Memory> memories = new ArrayList<>();
      for (JsonNode m : root.path("memories")) {
        memories.add(memory(m));
      }
      return new Listing(memories, root.path("tier_counts").path("hot").asLong());
    });
  }

  /** The counter ({@code tier_counts.hot}) of each space, read with an empty listing page each. */
  public List<Outcome<Long>> hotCounts(List<String> spaces) {
    List<Request> requests = new ArrayList<>(spaces.size());
    for (String space : spaces) {
      requests.add(Request.get(MEMORIES + "?tier=hot&offset=0&limit=0", Optional.of(space), List.of(),
          "counting the memories of space '" + space + "'"));
    }
    return http.runAll(requests, (q, r) -> r.status() == 200
        ? parse(r, q).path("tier_counts").path("hot").asLong() : failWith(r, q));
  }

  /** The ids of the spaces the server knows. */
  public List<String> spaces() {
    Request request = Request.get("/api/v1/spaces", Optional.empty(), List.of(), "listing memory spaces");
    return http.run(request, (q, r) -> {
      if (r.status() != 200) {
        return failWith(r, q);
      }
      List<String> ids = new ArrayList<>();
      for (JsonNode s : parse(r, q).path("spaces")) {
        ids.add(s.path("id").asText());
      }
      return ids;
    });
  }

  /**
   * Recalls with a text cue or an embedding cue ({@code GET /api/v1/memories/recall}), best first: the
   * {@code vivid} and {@code associated} results together, ordered by score.
   */
  public List<RecallHit> recall(String space, Optional<String> text, Optional<float[]> embedding, int maxResults,
      double threshold) {
    StringBuilder query = new StringBuilder(MEMORIES + "/recall?max_results=").append(maxResults)
        .append("&threshold=").append((float) threshold);
    if (text.isPresent()) {
      query.append("&query=").append(URLEncoder.encode(text.get(), StandardCharsets.UTF_8));
    } else {
      StringBuilder array = new StringBuilder(embedding.orElseThrow().length * 12).append('[');
      for (float f : embedding.get()) {
        if (array.length() > 1) {
          array.append(',');
        }
        array.append(f);
      }
      query.append("&embedding=").append(URLEncoder.encode(array.append(']').toString(), StandardCharsets.UTF_8));
    }
    Request request = Request.get(query.toString(), Optional.of(space), List.of(), "recalling from space '" + space
        + "'");
    return http.run(request, (q, r) -> {
      if (r.status() != 200) {
        return failWith(r, q);
      }
      JsonNode memories = parse(r, q).path("memories");
      List<RecallHit> hits = new ArrayList<>();
      for (String group : List.of("vivid", "associated")) {
        for (JsonNode m : memories.path(group)) {
          hits.add(new RecallHit(m.path("id").asText(), m.path("content").asText(),
              m.path("similarity_score").asDouble()));
        }
      }
      hits.sort((a, b) -> Double.compare(b.score(), a.score()));
      return hits;
    });
  }

  // ----------------------------------------------------------------------------------------- helpers

  private static Memory memory(JsonNode m) {
    return new Memory(m.path("id").asText(), m.path("content").asText(), m.path("confidence").asDouble(),
        m.path("timestamp").asText());
  }

  private JsonNode parse(Response r, Request request) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new Failure(new DatabaseException(http.database(), "Engram answered " + r.status()
          + " with a body that is not JSON while " + request.what(), request.recordIds(), e), Optional.empty());
    }
  }

  private <T> T failWith(Response r, Request request) {
    throw http.statusFailure(r, request);
  }
}
