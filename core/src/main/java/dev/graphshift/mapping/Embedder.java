package dev.graphshift.mapping;

import java.util.List;

/**
 * Turns texts into embedding vectors, a batch at a time: the service provider interface through which
 * a {@link SchemaMapper} generates the embeddings of nodes that have none ({@link
 * MissingEmbedding#GENERATE}).
 *
 * <p>The mapper calls {@link #embed(List)} once per batch of nodes to embed (at most {@link
 * SchemaMapperConfig#embeddingBatchSize()} texts), from the thread that called it. An exception thrown by
 * {@code embed}, a result of the wrong size, or a missing or malformed vector rejects the nodes concerned
 * with {@link dev.graphshift.Rules#EMBEDDING_FAILED} (or {@link dev.graphshift.Rules#EMBEDDING_DIMENSION},
 * {@link dev.graphshift.Rules#VALUE_NOT_FINITE}); it never fails the batch. Retrying a transient failure
 * is the embedder's own business: a rejected node can be offered again.
 *
 * <p>{@link HashingEmbedder} is a deterministic stand-in for tests and demos. To plug a real model,
 * implement this interface over it; for example over an HTTP embedding service that takes {@code
 * {"input": [texts]}} and answers {@code {"data": [{"embedding": [...]}, ...]}} (the shape of
 * OpenAI-compatible servers such as a local text-embeddings-inference or Ollama), with the JDK's
 * {@code HttpClient} and the JSON library of your choice (here Jackson):
 *
 * <pre>{@code
 * final class HttpEmbedder implements Embedder {
 *   private final HttpClient http = HttpClient.newHttpClient();
 *   private final ObjectMapper json = new ObjectMapper();
 *   private final URI endpoint;   // e.g. http://localhost:8080/v1/embeddings
 *   private final String model;   // a 768-dimension model for Engram, e.g. nomic-embed-text
 *
 *   HttpEmbedder(URI endpoint, String model) { this.endpoint = endpoint; this.model = model; }
 *
 *   public String name() { return "http:" + model; }
 *
 *   public int dimension() { return 768; }
 *
 *   public List<float[]> embed(List<String> texts) {
 *     try {
 *       byte[] body = json.writeValueAsBytes(Map.of("model", model, "input", texts));
 *       HttpRequest request = HttpRequest.newBuilder(endpoint)
 *           .header("Content-Type", "application/json")
 *           .timeout(Duration.ofSeconds(30))
 *           .POST(HttpRequest.BodyPublishers.ofByteArray(body))
 *           .build();
 *       HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
 *       if (response.statusCode() != 200) {
 *         throw new IllegalStateException("embedding service answered " + response.statusCode());
 *       }
 *       List<float[]> vectors = new ArrayList<>(texts.size());
 *       for (JsonNode item : json.readTree(response.body()).get("data")) {
 *         JsonNode e = item.get("embedding");
 *         float[] v = new float[e.size()];
 *         for (int i = 0; i < v.length; i++) {
 *           v[i] = (float) e.get(i).asDouble();
 *         }
 *         vectors.add(v);
 *       }
 *       return vectors;
 *     } catch (IOException e) {
 *       throw new UncheckedIOException(e);
 *     } catch (InterruptedException e) {
 *       Thread.currentThread().interrupt();
 *       throw new IllegalStateException("interrupted while embedding", e);
 *     }
 *   }
 * }
 *
 * SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.neo4jToEngram())
 *     .embedder(new HttpEmbedder(URI.create("http://localhost:8080/v1/embeddings"), "nomic-embed-text"))
 *     .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe (one mapper serves the backfill's partitions and the dual
 * write at once) and deterministic enough that a node embedded twice is not a near-duplicate of another
 * node: Engram drops a memory whose embedding is within cosine 0.95 of another's.
 *
 * <p>Thread-safe.
 */
public interface Embedder {

  /** The number of dimensions of every vector this embedder returns. */
  int dimension();

  /**
   * Embeds a batch of texts.
   *
   * @param texts the texts, at least one
   * @return one vector of {@link #dimension()} finite elements per text, in the order of the texts
   * @throws RuntimeException if the batch cannot be embedded; the mapper rejects its nodes
   */
  List<float[]> embed(List<String> texts);

  /** A name for messages, events and metrics; never a credential. Default: the class's simple name. */
  default String name() {
    return getClass().getSimpleName();
  }
}
