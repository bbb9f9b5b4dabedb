package dev.graphshift.testing.engram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphshift.engram.HashEmbedder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Engram stand-in's wire behaviour, one quirk of the real server per test, over plain HTTP. (These
 * tests live in the Engram adapter's module, whose build runs integration tests; the stand-in itself is
 * in the testing module.)
 */
class EngramStandInIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private EngramStandIn engram;

  @AfterEach
  void stop() {
    if (engram != null) {
      engram.close();
    }
  }

  private EngramStandIn start(EngramStandIn.Builder builder) {
    engram = builder.build().start();
    return engram;
  }

  private EngramStandIn start() {
    return start(EngramStandIn.builder());
  }

  // ----------------------------------------------------------------------------------- helpers

  private record Answer(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private Answer send(String method, String path, String body, String contentType, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(engram.baseUri() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    if (body != null) {
      b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private Answer get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  private Answer post(String path, JsonNode body, String... headers) {
    return send("POST", path, body.toString(), "application/json", headers);
  }

  private static float[] vector(long seed) {
    return HashEmbedder.vector(seed);
  }

  private static float[] near(float[] v, long seed) {
    return HashEmbedder.near(v, seed);
  }

  private static ObjectNode memory(String id, String content, float[] embedding, double confidence) {
    ObjectNode m = JSON.createObjectNode();
    if (id != null) {
      m.put("id", id);
    }
    m.put("content", content);
    if (embedding != null) {
      ArrayNode e = m.putArray("embedding");
      for (float f : embedding) {
        e.add(f);
      }
    }
    m.put("confidence", confidence);
    return m;
  }

  private Answer remember(String id, String content, float[] embedding, double confidence, String... headers) {
    return post("/api/v1/memories/remember", memory(id, content, embedding, confidence), headers);
  }

  private long hot(String... headers) {
    return get("/api/v1/memories?limit=0", headers).json().path("tier_counts").path("hot").asLong();
  }

  // -------------------------------------------------------------------------------------- writes

  @Test
  void shouldStoreTheFlatBodyAndAnswer201WhenRemembering() {
    // given
    start();

    // when
    Answer created = post("/api/v1/memories/remember", memory("person_42", "Ada", vector(1), 0.9)
        .put("timestamp", "2024-01-01T00:00:00Z").put("memory_type", "semantic")
        .set("tags", JSON.createArrayNode().add("neo4j")));

    // then
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("memory_id").asText()).isEqualTo("person_42");
    assertThat(body.path("storage_confidence").path("value").asDouble()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(body.path("observed_at").asText()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(body.path("consolidation_state").asText()).isEqualTo("Recent");
    Answer read = get("/api/v1/memories/person_42");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().path("content").asText()).isEqualTo("Ada");
    assertThat(read.json().path("confidence").asDouble()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(read.json().path("timestamp").asText()).isEqualTo("2024-01-01T00:00:00+00:00");
    assertThat(read.json().path("memory_type").asText()).isEqualTo("episodic");
    assertThat(read.json().has("tags")).isFalse();
  }

  @Test
  void shouldAnswer201WithTheSentIdWhenDeduplicationSkipsTheWrite() {
    // given
    start();
    float[] v = vector(1);
    remember("first", "one", v, 0.7);

    // when: another id, an embedding within cosine 0.95, no higher confidence
    Answer skipped = remember("second", "two", near(v, 2), 0.7);

    // then
    assertThat(skipped.status()).isEqualTo(201);
    assertThat(skipped.json().path("memory_id").asText()).isEqualTo("second");
    assertThat(get("/api/v1/memories/second").status()).isEqualTo(404);
    assertThat(hot()).isEqualTo(1);
    assertThat(engram.stats().skipped()).isEqualTo(1);
  }

  @Test
  void shouldSkipARestoreWhenTheSameIdComesWithTheSameEmbedding() {
    // given
    start();
    remember("m1", "one", vector(1), 0.7);

    // when
    Answer again = remember("m1", "changed", vector(1), 0.9);

    // then: skipped although the confidence is higher (same id, similarity above 0.999)
    assertThat(again.status()).isEqualTo(201);
    assertThat(get("/api/v1/memories/m1").json().path("content").asText()).isEqualTo("one");
    assertThat(hot()).isEqualTo(1);
  }

  @Test
  void shouldReplaceTheOtherMemoryButKeepItListedWhenTheNewOneIsMoreConfident() {
    // given
    start();
    float[] v = vector(1);
    remember("old", "old", v, 0.5);

    // when
    Answer replaced = remember("new", "new", near(v, 3), 0.9);

    // then
    assertThat(replaced.status()).isEqualTo(201);
    assertThat(get("/api/v1/memories/old").status()).isEqualTo(404);
    assertThat(get("/api/v1/memories/new").status()).isEqualTo(200);
    JsonNode listing = get("/api/v1/memories").json();
    assertThat(listing.path("memories").findValuesAsText("id")).containsExactly("old", "new");
    assertThat(listing.path("tier_counts").path("hot").asLong()).isEqualTo(1);
    assertThat(engram.stats().replaced()).isEqualTo(1);
  }

  @Test
  void shouldDriftTheCountWhenAnIdIsRestoredWithADifferentEmbedding() {
    // given
    start();
    remember("m1", "v1", vector(1), 0.7);

    // when
    remember("m1", "v2", vector(2), 0.7);

    // then: overwritten (an upsert), yet counted twice
    assertThat(get("/api/v1/memories/m1").json().path("content").asText()).isEqualTo("v2");
    JsonNode listing = get("/api/v1/memories").json();
    assertThat(listing.path("count").asInt()).isEqualTo(1);
    assertThat(listing.path("tier_counts").path("hot").asLong()).isEqualTo(2);
  }

  @Test
  void shouldCollapseMemoriesWithoutEmbeddingsWhenTheDefaultEmbeddingIsUsed() {
    // given
    start();
    remember("a", "first", null, 0.7);

    // when
    Answer second = remember("b", "second", null, 0.7);
    Answer simple = post("/api/v1/memories", JSON.createObjectNode().put("content", "third"));

    // then: [0.5]*768 is the same vector every time
    assertThat(second.status()).isEqualTo(201);
    assertThat(simple.status()).isEqualTo(201);
    assertThat(simple.json().path("memory_id").asText()).startsWith("mem_").hasSize(12);
    assertThat(get("/api/v1/memories/b").status()).isEqualTo(404);
    assertThat(hot()).isEqualTo(1);
  }

  @Test
  void shouldAnswer400WhenContentOrEmbeddingBreakTheRules() {
    // given
    start();

    // when
    Answer shortVector = remember("a", "x", new float[767], 0.7);
    Answer blank = remember("b", " \t\n", vector(1), 0.7);
    Answer large = remember("c", "x".repeat(100_001), vector(2), 0.7);
    Answer atLimit = remember("d", "é".repeat(50_000), vector(3), 0.7);

    // then
    assertThat(shortVector.status()).isEqualTo(400);
    assertThat(shortVector.json().path("error").path("code").asText()).isEqualTo("INVALID_MEMORY_INPUT");
    assertThat(shortVector.json().path("error").path("message").asText())
        .isEqualTo("Embedding must be exactly 768 dimensions, got 767");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().path("error").path("message").asText()).startsWith("Memory content cannot be empty");
    assertThat(large.status()).isEqualTo(400);
    assertThat(large.json().path("error").path("message").asText()).startsWith("Memory content too large");
    assertThat(atLimit.status()).isEqualTo(201);
  }

  @Test
  void shouldEvictTheLowestActivationAndAnswer404WhenASpaceIsFull() {
    // given: activations fall with the counter: 0.7, 0.7 x (1 - 0.5/3), 0.7 x (1 - 1/3)
    start(EngramStandIn.builder().capacity(3));
    remember("m1", "1", vector(1), 0.7);
    remember("m2", "2", vector(2), 0.7);
    remember("m3", "3", vector(3), 0.7);

    // when
    Answer fourth = remember("m4", "4", vector(4), 0.7);

    // then: m3, stored last at the highest pressure, had the lowest activation
    assertThat(fourth.status()).isEqualTo(201);
    Answer evicted = get("/api/v1/memories/m3");
    assertThat(evicted.status()).isEqualTo(404);
    assertThat(evicted.json().path("error").path("code").asText()).isEqualTo("MEMORY_NOT_FOUND");
    assertThat(evicted.json().path("error").path("message").asText())
        .isEqualTo("Memory 'Memory with ID 'm3' not found' not found in the cognitive graph");
    assertThat(get("/api/v1/memories").json().path("memories").findValuesAsText("id")).containsExactly("m1", "m2", "m4");
    assertThat(hot()).isEqualTo(3);
    assertThat(engram.stats().evicted()).isEqualTo(1);
  }

  // --------------------------------------------------------------------------------------- reads

  @Test
  void shouldPageWithOffsetAndClampTheLimitWhenListing() {
    // given
    start();
    for (int i = 0; i < 5; i++) {
      remember("m" + i, "c" + i, vector(i + 1), 0.7);
    }

    // when
    JsonNode page = get("/api/v1/memories?offset=2&limit=2").json();
    JsonNode clamped = get("/api/v1/memories?limit=5000&include_embeddings=true").json();
    JsonNode beyond = get("/api/v1/memories?offset=9").json();

    // then
    assertThat(page.path("memories").findValuesAsText("id")).containsExactly("m2", "m3");
    assertThat(page.path("pagination").path("returned").asInt()).isEqualTo(2);
    assertThat(page.path("tier_counts").path("total").asLong()).isEqualTo(5);
    assertThat(clamped.path("pagination").path("limit").asInt()).isEqualTo(1000);
    assertThat(clamped.path("memories").get(0).path("embedding").size()).isEqualTo(768);
    assertThat(page.path("memories").get(0).has("embedding")).isFalse();
    assertThat(beyond.path("memories").size()).isZero();
    assertThat(get("/api/v1/memories?tier=warm").status()).isEqualTo(501);
    Answer badTier = get("/api/v1/memories?tier=lukewarm");
    assertThat(badTier.status()).isEqualTo(400);
    assertThat(badTier.json().path("error").path("code").asText()).isEqualTo("BAD_REQUEST");
    Answer badOffset = get("/api/v1/memories?offset=minus");
    assertThat(badOffset.status()).isEqualTo(400);
    assertThat(badOffset.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
  }

  @Test
  void shouldRouteByHeaderThenQueryThenBodyWhenResolvingTheSpace() {
    // given
    start();

    // when: the body field, then the header over the body; remember reads no query parameter
    remember("a", "a", vector(1), 0.7);
    post("/api/v1/memories/remember", memory("b", "b", vector(2), 0.7).put("memory_space_id", "body_space"));
    post("/api/v1/memories/remember?space=query_space", memory("c", "c", vector(3), 0.7)
        .put("memory_space_id", "body_space"), "X-Memory-Space", "header_space");
    post("/api/v1/memories/remember?space=query_space", memory("d", "d", vector(4), 0.7));

    // then
    assertThat(get("/api/v1/memories/a").status()).isEqualTo(200);
    assertThat(get("/api/v1/memories/b?space=body_space").status()).isEqualTo(200);
    assertThat(get("/api/v1/memories/c?space=body_space", "X-Memory-Space", "header_space").status()).isEqualTo(200);
    assertThat(get("/api/v1/memories/d").status()).isEqualTo(200);
    assertThat(get("/api/v1/memories/c?space=header_space").status()).isEqualTo(200);
    assertThat(get("/api/v1/memories/c").status()).isEqualTo(404);
    assertThat(engram.memoryCount("query_space")).isEmpty();
    Answer invalid = get("/api/v1/memories", "X-Memory-Space", "No Such Space!");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().path("error").path("message").asText())
        .startsWith("Invalid memory space ID in X-Memory-Space header");
    assertThat(get("/api/v1/memories?space=ab").status()).isEqualTo(400);
  }

  @Test
  void shouldListAndCreateSpacesWhenAskedForSpaces() {
    // given
    start();
    remember("a", "a", vector(1), 0.7, "X-Memory-Space", "written");

    // when
    Answer created = post("/api/v1/spaces", JSON.createObjectNode().put("id", "created"));
    Answer invalid = post("/api/v1/spaces", JSON.createObjectNode().put("id", "Bad"));
    JsonNode spaces = get("/api/v1/spaces").json();

    // then
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("id").asText()).isEqualTo("created");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(spaces.path("spaces").findValuesAsText("id")).containsExactly("created", "default", "written");
  }

  @Test
  void shouldAnswerNotSupportedAndKeepTheMemoryWhenDeleting() {
    // given
    start();
    remember("m1", "x", vector(1), 0.7);

    // when
    Answer deleted = send("DELETE", "/api/v1/memories/m1", null, null);

    // then
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("status").asText()).isEqualTo("not_supported");
    assertThat(get("/api/v1/memories/m1").status()).isEqualTo(200);
  }

  @Test
  void shouldScoreTextAndEmbeddingCuesWhenRecalling() {
    // given
    start();
    float[] v = vector(1);
    remember("ada", "Ada Lovelace wrote the first program", v, 0.7);
    remember("bob", "Bob met Ada", vector(2), 0.7);
    remember("cy", "nothing in common", vector(3), 0.7);

    // when
    JsonNode text = get("/api/v1/memories/recall?query=" + URLEncoder.encode("ada", StandardCharsets.UTF_8)).json();
    JsonNode byId = get("/api/v1/memories/recall?query=cy").json();
    String cue = URLEncoder.encode(Arrays.toString(near(v, 5)), StandardCharsets.UTF_8);
    JsonNode byVector = get("/api/v1/memories/recall?threshold=0.9&embedding=" + cue).json();

    // then
    assertThat(text.path("memories").path("vivid").findValuesAsText("id")).containsExactlyInAnyOrder("ada", "bob");
    assertThat(byId.path("memories").path("vivid").findValuesAsText("id")).containsExactly("cy");
    assertThat(byVector.path("memories").path("vivid").findValuesAsText("id")).containsExactly("ada");
    assertThat(byVector.path("memories").path("vivid").get(0).path("similarity_score").asDouble()).isGreaterThan(0.95);
    assertThat(get("/api/v1/memories/recall").status()).isEqualTo(400);
    Answer spreading = get("/api/v1/memories/recall?query=ada&mode=spreading");
    assertThat(spreading.status()).isEqualTo(400);
    assertThat(spreading.json().path("error").path("message").asText()).contains("spreading_api_beta");
    assertThat(get("/api/v1/memories/recall?embedding=%5B1%2C2%5D").json().path("error").path("message").asText())
        .isEqualTo("Embedding must be exactly 768 dimensions, got 2");
  }

  @Test
  void shouldSearchByTextWhenAQueryIsGiven() {
    // given
    start();
    remember("ada", "Ada Lovelace", vector(1), 0.7);

    // when
    JsonNode found = get("/api/v1/memories/search?query=lovelace").json();
    Answer missing = get("/api/v1/memories/search");

    // then
    assertThat(found.path("memories").findValuesAsText("id")).containsExactly("ada");
    assertThat(found.path("total").asInt()).isEqualTo(1);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").path("message").asText()).isEqualTo("Missing 'query' parameter");
  }

  // ------------------------------------------------------------------------------------- errors

  @Test
  void shouldAnswerInPlainTextWhenTheBodyIsNotWhatAxumExpects() {
    // given
    start();

    // when
    Answer malformed = send("POST", "/api/v1/memories/remember", "{not json", "application/json");
    Answer missing = post("/api/v1/memories/remember", JSON.createObjectNode().put("id", "x"));
    Answer nested = post("/api/v1/memories/remember", JSON.createObjectNode().set("memory",
        memory("x", "y", vector(1), 0.7)));
    Answer wrongType = post("/api/v1/memories/remember", memory("x", "y", vector(1), 0.7).put("confidence", "high"));
    Answer wrongMedia = send("POST", "/api/v1/memories/remember", memory("x", "y", vector(1), 0.7).toString(),
        "text/plain");

    // then
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).startsWith("Failed to parse the request body as JSON");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.body()).contains("missing field `content`");
    assertThat(nested.status()).isEqualTo(422);
    assertThat(wrongType.status()).isEqualTo(422);
    assertThat(wrongMedia.status()).isEqualTo(415);
    assertThat(wrongMedia.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
  }

  @Test
  void shouldAnswerWithTheApiErrorBodyAndRetryAfterWhenUnavailable() {
    // given
    start();
    engram.unavailableNext(1, Duration.ofSeconds(5));

    // when
    Answer unavailable = get("/api/v1/memories");
    Answer after = get("/api/v1/memories");

    // then
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.raw().headers().firstValue("Retry-After")).contains("5");
    JsonNode error = unavailable.json();
    assertThat(error.path("error").path("code").asText()).isEqualTo("MEMORY_CLUSTER_UNAVAILABLE");
    assertThat(error.path("error").has("educational_context")).isTrue();
    assertThat(error.path("error").has("cognitive_guidance")).isTrue();
    assertThat(error.path("documentation").path("api_guide").asText()).isEqualTo("/docs/api");
    assertThat(after.status()).isEqualTo(200);
  }

  @Test
  void shouldRequireABearerKeyOnEveryRouteWhenAuthIsOn() {
    // given
    start(EngramStandIn.builder().apiKey("engram_key_k1_s3cret", Set.of("team")));

    // when
    Answer none = get("/health");
    Answer wrong = get("/api/v1/memories", "Authorization", "Bearer engram_key_k1_wrong");
    Answer malformed = get("/api/v1/memories", "Authorization", "Bearer k1_s3cret");
    Answer ok = get("/api/v1/memories", "Authorization", "Bearer engram_key_k1_s3cret");
    Answer forbidden = get("/api/v1/memories", "Authorization", "Bearer engram_key_k1_s3cret",
        "X-Memory-Space-Id", "other");
    Answer allowed = get("/api/v1/memories", "Authorization", "Bearer engram_key_k1_s3cret",
        "X-Memory-Space-Id", "team");

    // then
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().path("error").path("message").asText()).isEqualTo("Missing Authorization header");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("error").path("message").asText()).isEqualTo("Invalid API key format or value");
    assertThat(malformed.status()).isEqualTo(401);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().path("error").path("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(allowed.status()).isEqualTo(200);
  }

  @Test
  void shouldReportHealthAndSecurityHeadersWhenAsked() {
    // given
    start();
    remember("a", "a", vector(1), 0.7);

    // when
    Answer health = get("/health");
    Answer system = get("/api/v1/system/health");
    Answer invalid = get("/api/v1/system/health?space=X");

    // then
    assertThat(health.json().path("status").asText()).isEqualTo("healthy");
    assertThat(health.raw().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(health.raw().headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(system.json().path("spaces").get(0).path("memories").asLong()).isEqualTo(1);
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(get("/health/alive").status()).isEqualTo(200);
    assertThat(get("/api/v1/nothing").status()).isEqualTo(404);
    assertThat(send("PUT", "/api/v1/memories/a", "{}", "application/json").status()).isEqualTo(405);
  }
}
