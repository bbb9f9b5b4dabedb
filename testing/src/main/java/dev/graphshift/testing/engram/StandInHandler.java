package dev.graphshift.testing.engram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.graphshift.testing.engram.StandInProtocol.ApiError;
import dev.graphshift.testing.engram.StandInProtocol.PlainRejection;
import dev.graphshift.testing.engram.StandInSpace.Episode;
import dev.graphshift.testing.engram.StandInSpace.Outcome;
import dev.graphshift.testing.engram.StandInSpace.Scored;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes and answers the stand-in's HTTP requests, handler by handler as in {@code
 * engram-cli/src/api.rs}: authentication first, then axum's extractors (whose rejections are plain
 * text), then the handler (whose errors are {@code ApiError} bodies).
 *
 * <p>Thread-safe.
 */
final class StandInHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(StandInHandler.class);

  /** axum's default body limit for JSON extractors. */
  static final int BODY_LIMIT = 2 * 1024 * 1024;
  static final int MAX_CONTENT_BYTES = 100_000;
  static final float DEFAULT_EMBEDDING_VALUE = 0.5f;
  static final float DEFAULT_CONFIDENCE = 0.7f;
  static final float DEFAULT_THRESHOLD = 0.5f;
  static final int LIST_DEFAULT_LIMIT = 100;
  static final int LIST_MAX_LIMIT = 1000;
  static final int SEMANTIC_CUE_LIMIT = 75;
  static final int EMBEDDING_CUE_LIMIT = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MEMORIES = "/api/v1/memories";
  /** Whether the exchange this thread handles is still counted as active (an exchange runs on one thread). */
  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final EngramStandIn standIn;

  StandInHandler(EngramStandIn standIn) {
    this.standIn = standIn;
  }

  /** A request: its exchange and parsed query string. */
  private record Call(HttpExchange exchange, Map<String, String> query) {
    Headers headers() {
      return exchange.getRequestHeaders();
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    standIn.counters().enter();
    ACTIVE.set(Boolean.TRUE);
    try {
      standIn.counters().requests.increment();
      Duration latency = standIn.currentLatency();
      if (!latency.isZero()) {
        LockSupport.parkNanos(latency.toNanos());
      }
      Headers out = exchange.getResponseHeaders();
      out.set("X-Content-Type-Options", "nosniff");
      out.set("X-Frame-Options", "DENY");
      out.set("X-XSS-Protection", "1; mode=block");
      try {
        Optional<ApiError> fault = standIn.nextFault(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        if (fault.isPresent()) {
          throw fault.get();
        }
        authenticate(exchange.getRequestHeaders());
        route(exchange);
      } catch (ApiError e) {
        e.retryAfterSeconds.ifPresent(s -> out.set("Retry-After", Integer.toString(s)));
        sendJson(exchange, e.status, e.body());
      } catch (PlainRejection e) {
        byte[] text = e.getMessage().getBytes(StandardCharsets.UTF_8);
        send(exchange, e.status, text.length == 0 ? null : "text/plain; charset=utf-8", text);
      } catch (RuntimeException e) {
        log.warn("graphshift.engram_stand_in.handler_failed path={}", exchange.getRequestURI(), e);
        ApiError error = ApiError.systemError("stand-in failure: " + e);
        sendJson(exchange, error.status, error.body());
      }
    } finally {
      leave();
      exchange.close();
    }
  }

  /**
   * Counts the exchange as no longer active; called just before the response is written (a client may
   * send its next request as soon as it has the answer) and again, without effect, at the end.
   */
  private void leave() {
    if (ACTIVE.get()) {
      ACTIVE.set(Boolean.FALSE);
      standIn.counters().exit();
    }
  }

  private void route(HttpExchange exchange) throws ApiError, PlainRejection, IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    Call call = new Call(exchange, parseQuery(exchange.getRequestURI().getRawQuery()));
    switch (path) {
      case MEMORIES + "/remember" -> {
        allow(exchange, method, "POST");
        remember(call, objectBody(exchange), false);
      }
      case MEMORIES + "/recall" -> {
        allow(exchange, method, "GET");
        recall(call);
      }
      case MEMORIES + "/search" -> {
        allow(exchange, method, "GET");
        search(call);
      }
      case MEMORIES -> {
        allow(exchange, method, "GET", "POST");
        if (method.equals("GET")) {
          list(call);
        } else {
          createSimple(call, jsonBody(exchange));
        }
      }
      case "/api/v1/spaces" -> {
        allow(exchange, method, "GET", "POST");
        if (method.equals("GET")) {
          listSpaces(exchange);
        } else {
          createSpace(exchange, objectBody(exchange));
        }
      }
      case "/health" -> {
        allow(exchange, method, "GET");
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "healthy");
        body.put("service", "engram");
        body.put("version", "0.1.0");
        body.put("timestamp", StandInProtocol.rfc3339Offset(standIn.clock().instant()));
        sendJson(exchange, 200, body);
      }
      case "/health/alive" -> {
        allow(exchange, method, "GET");
        send(exchange, 200, null, new byte[0]);
      }
      case "/api/v1/system/health" -> {
        allow(exchange, method, "GET");
        systemHealth(call);
      }
      default -> {
        String rest = path.startsWith(MEMORIES + "/") ? path.substring(MEMORIES.length() + 1) : null;
        if (rest == null || rest.isEmpty() || rest.contains("/")) {
          throw new PlainRejection(404, "");
        }
        allow(exchange, method, "GET", "DELETE");
        String id = URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (method.equals("GET")) {
          getById(call, id);
        } else {
          deleteById(exchange, id);
        }
      }
    }
  }

  private static void allow(HttpExchange exchange, String method, String... allowed) throws PlainRejection {
    if (!Arrays.asList(allowed).contains(method)) {
      exchange.getResponseHeaders().set("Allow", String.join(",", allowed));
      throw new PlainRejection(405, "");
    }
  }

  // ------------------------------------------------------------------------------- authentication

  private void authenticate(Headers headers) throws ApiError {
    Map<String, EngramStandIn.ApiKey> keys = standIn.apiKeys();
    if (keys.isEmpty()) {
      return;
    }
    String header = headers.getFirst("Authorization");
    if (header == null) {
      throw ApiError.unauthorized("Missing Authorization header");
    }
    EngramStandIn.ApiKey key = null;
    if (header.startsWith("Bearer engram_key_")) {
      String[] parts = header.substring("Bearer engram_key_".length()).split("_", -1);
      if (parts.length == 2) {
        EngramStandIn.ApiKey candidate = keys.get(parts[0]);
        if (candidate != null && MessageDigest.isEqual(candidate.secret().getBytes(StandardCharsets.UTF_8),
            parts[1].getBytes(StandardCharsets.UTF_8))) {
          key = candidate;
        }
      }
    }
    if (key == null) {
      throw ApiError.unauthorized("Invalid API key format or value");
    }
    String spaceHeader = headers.getFirst("X-Memory-Space-Id");
    if (spaceHeader != null) {
      String space;
      try {
        space = StandInProtocol.validateSpaceId(spaceHeader);
      } catch (IllegalArgumentException e) {
        throw ApiError.invalidInput("Invalid space ID: " + e.getMessage());
      }
      if (!key.allSpaces() && !key.allowedSpaces().contains(space)) {
        throw ApiError.forbidden("Access denied to memory space: " + space);
      }
    }
  }

  // ------------------------------------------------------------------------------------ memories

  /** The flat {@code RememberMemoryRequest}, after serde's type checks. */
  private record RememberRequest(Optional<String> id, String content, Optional<float[]> embedding,
      Optional<Float> confidence, Optional<String> reasoning, Optional<Instant> timestamp, boolean autoLink,
      float linkThreshold, Optional<String> memorySpaceId) {}

  private void remember(Call call, ObjectNode body, boolean simple) throws ApiError, PlainRejection, IOException {
    RememberRequest request = parseRemember(body);
    store(call, request, simple);
  }

  private void store(Call call, RememberRequest request, boolean simple) throws ApiError, IOException {
    if (StandInProtocol.isBlank(request.content())) {
      throw ApiError.invalidInput(StandInProtocol.CONTENT_EMPTY);
    }
    if (request.content().getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
      throw ApiError.invalidInput(StandInProtocol.CONTENT_TOO_LARGE);
    }
    String memoryId = request.id().orElseGet(() -> "mem_" + UUID.randomUUID().toString().substring(0, 8));
    float[] embedding = request.embedding().orElseGet(() -> {
      float[] v = new float[StandInSpace.DIMENSIONS];
      Arrays.fill(v, DEFAULT_EMBEDDING_VALUE);
      return v;
    });
    if (embedding.length != StandInSpace.DIMENSIONS) {
      throw ApiError.invalidInput("Embedding must be exactly 768 dimensions, got " + embedding.length);
    }
    float confidence = request.confidence().orElse(DEFAULT_CONFIDENCE);
    String reasoning = request.reasoning().orElse(StandInProtocol.DEFAULT_REASONING);
    Instant observedAt = request.timestamp().orElseGet(() -> standIn.clock().instant());
    String space = resolveSpace(call.headers(), Optional.empty(), simple ? Optional.empty() : request.memorySpaceId());

    standIn.counters().remembers.increment();
    Outcome outcome = standIn.space(space).store(new Episode(memoryId, observedAt, request.content(), embedding,
        confidence));
    EngramStandIn.Counters counters = standIn.counters();
    switch (outcome.action()) {
      case STORED -> counters.stored.increment();
      case SKIPPED -> counters.skipped.increment();
      case REPLACED -> counters.replaced.increment();
      default -> throw new IllegalStateException("unknown action " + outcome.action());
    }
    counters.evicted.add(outcome.evicted());

    float activation = outcome.activation();
    ObjectNode response = JSON.createObjectNode();
    response.put("memory_id", memoryId);
    ObjectNode storage = response.putObject("storage_confidence");
    storage.put("value", activation);
    storage.put("category", StandInProtocol.confidenceCategory(activation));
    storage.put("reasoning", reasoning);
    response.put("consolidation_state", "Recent");
    response.put("observed_at", StandInProtocol.rfc3339Z(observedAt));
    response.put("stored_at", StandInProtocol.rfc3339Z(standIn.clock().instant()));
    response.putObject("links").put("consolidation", "/api/v1/consolidations");
    ArrayNode autoLinks = response.putArray("auto_links");
    if (request.autoLink()) {
      ObjectNode link = autoLinks.addObject();
      link.put("target_memory_id", "example_linked_memory");
      link.put("similarity_score", request.linkThreshold() + 0.1f);
      link.put("link_reason", "Semantic similarity detected in content patterns");
    }
    response.put("system_message", String.format(Locale.ROOT, "Memory '%s' successfully encoded with %.2f "
        + "activation. %s", memoryId, activation, request.autoLink()
        ? "Automatic linking enabled - similar memories will be connected during consolidation."
        : "Consider enabling auto-linking to discover related memories."));
    sendJson(call.exchange(), 201, response);
  }

  private void createSimple(Call call, JsonNode payload) throws ApiError, IOException {
    JsonNode content = payload.get("content");
    if (content == null || !content.isTextual()) {
      throw ApiError.invalidInput("Missing 'content' field");
    }
    JsonNode confidence = payload.get("confidence");
    Optional<Float> conf = confidence != null && confidence.isNumber()
        ? Optional.of((float) confidence.doubleValue()) : Optional.empty();
    store(call, new RememberRequest(Optional.empty(), content.textValue(), Optional.empty(), conf, Optional.empty(),
        Optional.empty(), false, 0.7f, Optional.empty()), true);
  }

  private void getById(Call call, String id) throws ApiError, IOException {
    String space = resolveSpace(call.headers(), Optional.ofNullable(call.query().get("space")), Optional.empty());
    Episode episode = standIn.space(space).getById(id);
    if (episode == null) {
      throw ApiError.notFound("Memory with ID '" + id + "' not found");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("id", episode.id());
    body.put("content", episode.what());
    body.put("confidence", episode.confidence());
    body.put("timestamp", StandInProtocol.rfc3339Offset(episode.when()));
    body.put("memory_type", "episodic");
    sendJson(call.exchange(), 200, body);
  }

  private void deleteById(HttpExchange exchange, String id) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", "not_supported");
    body.put("message", "Memory deletion is not supported in Engram due to cognitive design principles");
    body.put("memory_id", id);
    body.put("rationale", "Human memory systems don't support instant deletion - memories naturally decay over "
        + "time or can be suppressed, but instant removal would break spreading activation paths and "
        + "consolidation processes");
    ArrayNode alternatives = body.putArray("alternatives");
    alternatives.add("Allow natural decay (memories not recalled lose activation over time)");
    alternatives.add("Adjust recall thresholds to reduce retrieval likelihood");
    alternatives.add("Future: Use suppression mechanisms to gradually reduce activation");
    body.put("documentation", "See https://github.com/anthropics/engram for cognitive architecture details");
    sendJson(exchange, 200, body);
  }

  private void list(Call call) throws ApiError, PlainRejection, IOException {
    Map<String, String> q = call.query();
    String tier = q.getOrDefault("tier", "hot");
    long offset = queryUnsigned(q, "offset", 0);
    long limit = queryUnsigned(q, "limit", LIST_DEFAULT_LIMIT);
    boolean includeEmbeddings = queryBoolean(q, "include_embeddings", false);
    String spaceId = resolveSpace(call.headers(), Optional.ofNullable(q.get("space")), Optional.empty());
    StandInSpace space = standIn.space(spaceId);
    long clamped = Math.min(limit, LIST_MAX_LIMIT);
    String lower = tier.toLowerCase(Locale.ROOT);
    if (!List.of("hot", "warm", "cold", "all").contains(lower)) {
      throw ApiError.badRequest("Invalid tier value: '" + tier + "'",
          "Use one of: 'hot' (in-memory), 'warm' (persistent), 'cold' (archived), 'all'",
          "GET /api/v1/memories?tier=hot&limit=100");
    }
    long hot = space.count();
    if (!lower.equals("hot")) {
      String what = switch (lower) {
        case "warm" -> "warm tier not yet available";
        case "cold" -> "Cold tier not yet available";
        default -> "Tier iteration across all tiers not yet available";
      };
      throw ApiError.notImplemented(what, "Enable memory_mapped_persistence feature and configure persistence",
          "See docs/operations/production-deployment.md");
    }
    List<Episode> page = space.list(offset, clamped);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode memories = body.putArray("memories");
    for (Episode e : page) {
      ObjectNode m = memories.addObject();
      m.put("id", e.id());
      m.put("content", e.what());
      if (includeEmbeddings) {
        ArrayNode v = m.putArray("embedding");
        for (float f : e.embedding()) {
          v.add(f);
        }
      }
      m.put("confidence", e.confidence());
      m.put("timestamp", StandInProtocol.rfc3339Offset(e.when()));
    }
    body.put("count", page.size());
    ObjectNode pagination = body.putObject("pagination");
    pagination.put("offset", offset);
    pagination.put("limit", clamped);
    pagination.put("returned", page.size());
    ObjectNode tiers = body.putObject("tier_counts");
    tiers.put("hot", hot);
    tiers.put("warm", 0);
    tiers.put("cold", 0);
    tiers.put("total", hot);
    sendJson(call.exchange(), 200, body);
  }

  private void recall(Call call) throws ApiError, PlainRejection, IOException {
    Map<String, String> q = call.query();
    Optional<Float> threshold = queryFloat(q, "threshold");
    long maxResults = queryUnsigned(q, "max_results", 10);
    boolean includeMetadata = queryBoolean(q, "include_metadata", false);
    queryBoolean(q, "trace_activation", false);
    for (String time : List.of("from_time", "to_time")) {
      if (q.containsKey(time)) {
        parseTimestamp(q.get(time), time, true);
      }
    }
    String spaceId = resolveSpace(call.headers(), Optional.ofNullable(q.get("space")), Optional.empty());
    StandInSpace space = standIn.space(spaceId);
    float t = threshold.orElse(DEFAULT_THRESHOLD);
    List<Scored> results;
    String mode = q.get("mode");
    if (q.containsKey("query")) {
      checkMode(mode);
      results = space.recallText(q.get("query"), t, SEMANTIC_CUE_LIMIT);
    } else if (q.containsKey("embedding")) {
      float[] vector;
      try {
        JsonNode array = JSON.readTree(q.get("embedding"));
        vector = floats(array).orElseThrow(() -> ApiError.invalidInput(StandInProtocol.INVALID_EMBEDDING_FORMAT));
      } catch (JsonProcessingException e) {
        throw ApiError.invalidInput(StandInProtocol.INVALID_EMBEDDING_FORMAT);
      }
      if (vector.length != StandInSpace.DIMENSIONS) {
        throw ApiError.invalidInput("Embedding must be exactly 768 dimensions, got " + vector.length);
      }
      checkMode(mode);
      results = space.recallEmbedding(vector, t, EMBEDDING_CUE_LIMIT);
    } else {
      throw ApiError.invalidInput(StandInProtocol.RECALL_NEEDS_CUE);
    }
    ObjectNode body = JSON.createObjectNode();
    ObjectNode memories = body.putObject("memories");
    ArrayNode vivid = memories.putArray("vivid");
    ArrayNode associated = memories.putArray("associated");
    memories.putArray("reconstructed");
    int taken = 0;
    for (Scored s : results) {
      if (taken++ >= maxResults) {
        break;
      }
      Episode e = s.episode();
      ObjectNode r = (s.score() > 0.7f ? vivid : associated).addObject();
      r.put("id", e.id());
      r.put("content", e.what());
      ObjectNode conf = r.putObject("confidence");
      conf.put("value", s.score());
      conf.put("category", StandInProtocol.confidenceCategory(s.score()));
      conf.put("reasoning", "Recalled from memory store with confidence score");
      r.put("activation_level", s.score());
      r.put("similarity_score", s.score());
      r.put("retrieval_path", "Memory store recall");
      r.put("observed_at", StandInProtocol.rfc3339Z(e.when()));
      r.put("last_access", StandInProtocol.rfc3339Z(e.when()));
      r.putArray("tags");
      r.put("memory_type", "Episodic");
      r.put("relevance_explanation", String.format(Locale.ROOT, "Retrieved with %.2f confidence", s.score()));
    }
    ObjectNode recallConfidence = body.putObject("recall_confidence");
    recallConfidence.put("value", 0.8f);
    recallConfidence.put("category", "High");
    recallConfidence.put("reasoning", "Similarity recall emphasised lexical and embedding cues");
    ObjectNode analysis = body.putObject("query_analysis");
    analysis.put("understood_intent", q.containsKey("query") ? "Searching for memories related to: "
        + q.get("query") : "Searching by embedding similarity");
    analysis.put("search_strategy", "Similarity recall");
    analysis.put("cognitive_load", "Low");
    analysis.putArray("suggestions");
    if (includeMetadata) {
      ObjectNode metadata = body.putObject("metadata");
      metadata.put("total_memories_searched", space.count());
      metadata.put("activation_spread_hops", 2);
      metadata.put("processing_time_ms", 0);
      metadata.put("memory_system_load", "Normal");
    } else {
      body.putNull("metadata");
    }
    body.put("system_message", "Recall completed in 0ms. Found memories through direct matching and spreading "
        + "activation.");
    sendJson(call.exchange(), 200, body);
  }

  private static void checkMode(String mode) throws ApiError {
    if (mode == null) {
      return;
    }
    String m = mode.strip().toLowerCase(Locale.ROOT);
    switch (m) {
      case "similarity" -> {
      }
      case "spreading", "hybrid" -> throw ApiError.invalidInput(StandInProtocol.SPREADING_DISABLED);
      default -> throw ApiError.invalidInput("Unsupported recall mode '" + m
          + "'. Use one of: similarity, spreading, hybrid.");
    }
  }

  private void search(Call call) throws ApiError, IOException {
    Map<String, String> q = call.query();
    String query = q.get("query");
    if (query == null) {
      throw ApiError.invalidInput("Missing 'query' parameter");
    }
    int limit = 10;
    try {
      if (q.containsKey("limit")) {
        limit = Integer.parseInt(q.get("limit"));
      }
    } catch (NumberFormatException e) {
      limit = 10;
    }
    String spaceId = resolveSpace(call.headers(), Optional.ofNullable(q.get("space")), Optional.empty());
    List<Scored> results = standIn.space(spaceId).recallText(query, 0.7f, SEMANTIC_CUE_LIMIT);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode memories = body.putArray("memories");
    for (Scored s : results.subList(0, Math.min(Math.max(limit, 0), results.size()))) {
      ObjectNode m = memories.addObject();
      m.put("id", s.episode().id());
      m.put("content", s.episode().what());
      m.put("confidence", s.score());
      m.put("memory_type", "episodic");
      m.put("timestamp", StandInProtocol.rfc3339Offset(s.episode().when()));
    }
    body.put("total", memories.size());
    sendJson(call.exchange(), 200, body);
  }

  // -------------------------------------------------------------------------------------- spaces

  private void listSpaces(HttpExchange exchange) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode spaces = body.putArray("spaces");
    for (StandInSpace space : standIn.spaces().values()) {
      spaces.add(descriptor(space));
    }
    sendJson(exchange, 200, body);
  }

  private void createSpace(HttpExchange exchange, ObjectNode body) throws ApiError, PlainRejection, IOException {
    JsonNode id = body.get("id");
    if (id == null) {
      throw dataError("missing field `id`");
    }
    if (!id.isTextual()) {
      throw dataError("id: invalid type: " + describe(id) + ", expected a string");
    }
    String space;
    try {
      space = StandInProtocol.validateSpaceId(id.textValue());
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidInput(e.getMessage());
    }
    sendJson(exchange, 201, descriptor(standIn.space(space)));
  }

  private static ObjectNode descriptor(StandInSpace space) {
    ObjectNode d = JSON.createObjectNode();
    d.put("id", space.id());
    d.put("persistence_root", "/stand-in/engram-data/" + space.id());
    d.put("created_at", StandInProtocol.rfc3339Z(space.createdAt()));
    return d;
  }

  private void systemHealth(Call call) throws ApiError, IOException {
    String filter = call.query().get("space");
    Map<String, StandInSpace> spaces = standIn.spaces();
    if (filter != null) {
      String space;
      try {
        space = StandInProtocol.validateSpaceId(filter);
      } catch (IllegalArgumentException e) {
        throw ApiError.validation("Invalid space filter '" + filter + "': " + e.getMessage()
            + ". Must be 4-64 lowercase alphanumeric characters.");
      }
      spaces = standIn.existingSpace(space).map(s -> Map.of(s.id(), s)).orElse(Map.of());
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("status", "healthy");
    body.put("timestamp", StandInProtocol.rfc3339Offset(standIn.clock().instant()));
    body.putArray("checks");
    ArrayNode metrics = body.putArray("spaces");
    for (StandInSpace s : spaces.values()) {
      ObjectNode m = metrics.addObject();
      m.put("space", s.id());
      m.put("memories", s.count());
      m.put("pressure", 0.0);
      m.put("wal_lag_ms", 0.0);
      m.put("consolidation_rate", 0.0);
    }
    body.putNull("cluster");
    sendJson(call.exchange(), 200, body);
  }

  // ------------------------------------------------------------------------------ space routing

  /** {@code extract_memory_space_id}: header &gt; query parameter &gt; body field &gt; default. */
  private String resolveSpace(Headers headers, Optional<String> query, Optional<String> body) throws ApiError {
    String header = headers.getFirst("X-Memory-Space");
    try {
      if (header != null) {
        return StandInProtocol.validateSpaceId(header);
      }
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidInput("Invalid memory space ID in X-Memory-Space header: " + e.getMessage());
    }
    try {
      if (query.isPresent()) {
        return StandInProtocol.validateSpaceId(query.get());
      }
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidInput("Invalid memory space ID in query parameter: " + e.getMessage());
    }
    try {
      if (body.isPresent()) {
        return StandInProtocol.validateSpaceId(body.get());
      }
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidInput("Invalid memory space ID in request body: " + e.getMessage());
    }
    return standIn.defaultSpace();
  }

  // ------------------------------------------------------------------------ axum's extractors

  private static JsonNode jsonBody(HttpExchange exchange) throws PlainRejection, IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String mime = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!(mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json")))) {
      throw new PlainRejection(415, "Expected request with `Content-Type: application/json`");
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(BODY_LIMIT + 1);
    }
    if (bytes.length > BODY_LIMIT) {
      throw new PlainRejection(413, "Failed to buffer the request body: length limit exceeded");
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new PlainRejection(400, "Failed to parse the request body as JSON: EOF while parsing a value at "
            + "line 1 column 0");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new PlainRejection(400, "Failed to parse the request body as JSON: " + e.getOriginalMessage());
    }
  }

  private static ObjectNode objectBody(HttpExchange exchange) throws PlainRejection, IOException {
    JsonNode node = jsonBody(exchange);
    if (!node.isObject()) {
      throw dataError("invalid type: " + describe(node) + ", expected a map");
    }
    return (ObjectNode) node;
  }

  private static PlainRejection dataError(String detail) {
    return new PlainRejection(422, "Failed to deserialize the JSON body into the target type: " + detail);
  }

  private static RememberRequest parseRemember(ObjectNode body) throws PlainRejection {
    JsonNode content = body.get("content");
    if (content == null) {
      throw dataError("missing field `content`");
    }
    JsonNode tags = body.get("tags");
    if (tags != null && !tags.isNull()) {
      if (!tags.isArray()) {
        throw dataError("tags: invalid type: " + describe(tags) + ", expected a sequence");
      }
      for (JsonNode tag : tags) {
        requireString(tag, "tags");
      }
    }
    optionalString(body, "memory_type");
    return new RememberRequest(
        optionalString(body, "id"),
        requireString(content, "content"),
        optionalFloats(body, "embedding"),
        optionalFloat(body, "confidence"),
        optionalString(body, "confidence_reasoning"),
        optionalTimestamp(body, "timestamp"),
        optionalBoolean(body, "auto_link").orElse(false),
        optionalFloat(body, "link_threshold").orElse(0.7f),
        optionalString(body, "memory_space_id"));
  }

  private static String requireString(JsonNode node, String field) throws PlainRejection {
    if (!node.isTextual()) {
      throw dataError(field + ": invalid type: " + describe(node) + ", expected a string");
    }
    return node.textValue();
  }

  private static Optional<String> optionalString(ObjectNode body, String field) throws PlainRejection {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(requireString(node, field));
  }

  private static Optional<Float> optionalFloat(ObjectNode body, String field) throws PlainRejection {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isNumber()) {
      throw dataError(field + ": invalid type: " + describe(node) + ", expected f32");
    }
    return Optional.of((float) node.doubleValue());
  }

  private static Optional<Boolean> optionalBoolean(ObjectNode body, String field) throws PlainRejection {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw dataError(field + ": invalid type: " + describe(node) + ", expected a boolean");
    }
    return Optional.of(node.booleanValue());
  }

  private static Optional<float[]> optionalFloats(ObjectNode body, String field) throws PlainRejection {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    Optional<float[]> floats = floats(node);
    if (floats.isEmpty()) {
      throw dataError(field + ": invalid type: " + describe(node) + ", expected a sequence of f32");
    }
    return floats;
  }

  private static Optional<float[]> floats(JsonNode node) {
    if (!node.isArray()) {
      return Optional.empty();
    }
    float[] v = new float[node.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode e = node.get(i);
      if (!e.isNumber()) {
        return Optional.empty();
      }
      v[i] = (float) e.doubleValue();
    }
    return Optional.of(v);
  }

  private static Optional<Instant> optionalTimestamp(ObjectNode body, String field) throws PlainRejection {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    return Optional.of(parseTimestamp(requireString(node, field), field, false));
  }

  private static Instant parseTimestamp(String text, String field, boolean query) throws PlainRejection {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw query ? new PlainRejection(400, "Failed to deserialize query string: " + field + ": input contains "
          + "invalid characters") : dataError(field + ": input contains invalid characters");
    }
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "string \"" + node.textValue() + "\"";
    } else if (node.isIntegralNumber()) {
      return "integer `" + node.asText() + "`";
    } else if (node.isNumber()) {
      return "floating point `" + node.asText() + "`";
    } else if (node.isBoolean()) {
      return "boolean `" + node.asText() + "`";
    } else if (node.isArray()) {
      return "sequence";
    } else if (node.isObject()) {
      return "map";
    }
    return "null";
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(key, value);
    }
    return params;
  }

  private static long queryUnsigned(Map<String, String> q, String key, long fallback) throws PlainRejection {
    String value = q.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 0 || value.startsWith("+")) {
        throw new NumberFormatException(value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new PlainRejection(400, "Failed to deserialize query string: " + key + ": invalid digit found in "
          + "string");
    }
  }

  private static Optional<Float> queryFloat(Map<String, String> q, String key) throws PlainRejection {
    String value = q.get(key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Float.parseFloat(value));
    } catch (NumberFormatException e) {
      throw new PlainRejection(400, "Failed to deserialize query string: " + key + ": invalid float literal");
    }
  }

  private static boolean queryBoolean(Map<String, String> q, String key, boolean fallback) throws PlainRejection {
    String value = q.get(key);
    if (value == null) {
      return fallback;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new PlainRejection(400, "Failed to deserialize query string: " + key + ": provided string was not "
        + "`true` or `false`");
  }

  // ------------------------------------------------------------------------------------- output

  private void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private void send(HttpExchange exchange, int status, @Nullable String contentType, byte[] body) throws IOException {
    leave();
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
