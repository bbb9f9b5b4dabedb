package dev.graphshift.testing.engram;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for Engram's HTTP API (orchard9/engram, HEAD {@code 5d54816}), a real HTTP server on a
 * loopback port that reproduces what the real server does on the wire, quirks included, so that the
 * Engram adapter can be tested without the real server (which cannot be built offline).
 *
 * <pre>{@code
 * try (EngramStandIn engram = EngramStandIn.builder().capacity(1_000).build().start()) {
 *   URI base = engram.baseUri();   // http://127.0.0.1:<port>
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Reproduced</b> (each from the source, see {@code shared/reference/engram-api.md}):
 *
 * <ul>
 *   <li>Routes and methods: {@code POST /api/v1/memories/remember} (the flat body: {@code id},
 *       {@code content}, {@code embedding}, {@code confidence}, {@code timestamp}, ...; 201), {@code POST
 *       /api/v1/memories} (only {@code content} and {@code confidence}; the default embedding), {@code GET
 *       /api/v1/memories/{id}}, {@code GET /api/v1/memories} (listing), {@code DELETE
 *       /api/v1/memories/{id}} (a no-op answering 200 {@code "status":"not_supported"}), {@code GET
 *       /api/v1/memories/recall} (text or embedding cue), {@code GET /api/v1/memories/search}, {@code GET}
 *       and {@code POST /api/v1/spaces}, {@code GET /health}, {@code /health/alive} and {@code
 *       /api/v1/system/health}. Other paths answer 404, other methods 405, both with empty bodies.
 *   <li>Space resolution: header {@code X-Memory-Space} &gt; {@code ?space=} &gt; body {@code
 *       memory_space_id} &gt; {@code default}, with each endpoint's own subset (remember reads no query
 *       parameter; the simple create ignores the body field; DELETE reads none). Space ids are trimmed, 3
 *       to 64 characters of {@code [a-z0-9_-]}; an invalid one is a 400 {@code INVALID_MEMORY_INPUT}.
 *       Any endpoint that reaches a space creates it.
 *   <li>Remember: content blank or over 100 000 bytes, or an embedding not of 768 values, is a 400; an
 *       omitted embedding is {@code [0.5]*768}; confidence defaults to 0.7 and is clamped to [0, 1];
 *       the response reports the activation {@code confidence x (1 - 0.5 x count/capacity)} as {@code
 *       storage_confidence.value}; {@code tags} and {@code memory_type} are accepted and dropped.
 *   <li>Deduplication: every write is compared (cosine, f32) with every hot memory; at 0.95 or more,
 *       the same id above 0.999 is skipped, otherwise the higher confidence wins ({@code
 *       KeepHighestConfidence}): the new memory replaces the other (which leaves the hot map, and so
 *       GET, but stays in the listing) or is skipped. Either way the answer is 201 with the id sent. The
 *       deduplicator's similarity cache is reproduced too: the similarity of a (new id, existing id) pair
 *       is computed once and reused, for the first 1 000 pairs.
 *   <li>The counter: a write that finds no duplicate increments {@code memory_count}, also when it
 *       overwrites the same id (count drift on re-store); {@code tier_counts.hot} reports it.
 *   <li>Capacity: when the counter has reached the capacity (100 000 by default, configurable for
 *       tests), a write first evicts the lowest-activation memory from the hot map and the listing, and
 *       decrements the counter; GET of an evicted id is a 404.
 *   <li>GET 404 body with the doubled wording {@code Memory 'Memory with ID 'x' not found' not found in
 *       the cognitive graph}; listing with {@code offset}, {@code limit} (default 100, clamped to 1000),
 *       {@code include_embeddings}, {@code tier} ({@code warm}, {@code cold}, {@code all} answer 501, as
 *       on a server without persistence) and {@code tier_counts}.
 *   <li>Recall: a text cue matches an id exactly (score 1), a case-insensitive substring (1), the reverse
 *       substring (0.7) or word overlap (0.5 x ratio); an embedding cue scores {@code max(0, cosine)};
 *       both keep scores at or above {@code threshold} (default 0.5), best first, at most 75 (text) or
 *       100 (embedding) before {@code max_results} (default 10); scores above 0.7 are {@code vivid}, the
 *       rest {@code associated}. {@code mode=spreading|hybrid} is a 400, as on a stock server.
 *   <li>Errors: the {@code ApiError} JSON body ({@code error.code}, {@code message}, {@code
 *       educational_context}, {@code cognitive_guidance}, {@code documentation}); axum's plain-text
 *       rejections for bodies (415 wrong content type, 400 malformed JSON, 422 missing field or wrong
 *       type, 413 over 2 MB) and query strings (400).
 *   <li>Bearer authentication when keys are configured: every route, health included, needs {@code
 *       Authorization: Bearer engram_key_<id>_<secret>} (401 otherwise); an {@code X-Memory-Space-Id}
 *       header naming a space outside the key's allowed spaces is a 403.
 *   <li>The security headers on every response; HTTPS when given an {@link SSLContext}.
 * </ul>
 *
 * <p><b>Not reproduced</b>: the silent port fallback (the stand-in binds the port it is given or
 * fails); persistence, the WAL and the warm and cold tiers; the HNSW index and the tiered recall path
 * (recall here is the exact similarity scan, so the ranking of near-equal scores may differ); spreading
 * activation; the query language ({@code POST /api/v1/query}), episodes, consolidation, streaming,
 * metrics and cluster routes; gRPC; CORS. The listing iterates in insertion order, with an overwrite
 * keeping its place and an eviction closing the gap, where the real server iterates a hash map whose
 * order is arbitrary and may change as it grows. The wording of axum's rejection texts is approximate;
 * their statuses are exact.
 *
 * <p><b>Test hooks</b>: {@link #unavailableNext(int, Duration)}, {@link #failNext(int, int)}, {@link
 * #failNextRemembers(int, int)} and {@link #latency(Duration)} inject the faults a client must survive.
 *
 * <p><b>Design.</b> A JDK {@link HttpServer} (with {@code TCP_NODELAY} on: loading this class sets the
 * system property {@code sun.net.httpserver.nodelay=true} unless it is set already) dispatches exchanges to a bounded pool ({@link
 * Builder#threads(int)} threads and a queue of {@link #QUEUE_CAPACITY}; when both are full the accepting
 * thread runs the exchange itself, which pushes back on clients). Spaces live in a concurrent map; each
 * space serializes its own operations (see {@code StandInSpace}), so spaces proceed independently.
 * Injected faults are consumed in arrival order, one request each.
 *
 * <p>Thread-safe.
 */
public final class EngramStandIn implements AutoCloseable {

  /** Engram's HTTP port, for reference; the stand-in binds an ephemeral port unless told otherwise. */
  public static final int ENGRAM_HTTP_PORT = 7432;
  /** The default hot-tier capacity per space, as hard-coded in Engram. */
  public static final int DEFAULT_CAPACITY = 100_000;
  /** The default number of request threads. */
  public static final int DEFAULT_THREADS = 8;
  /** The default memory space. */
  public static final String DEFAULT_SPACE = "default";
  /** The JDK server's switch for {@code TCP_NODELAY}, turned on by the stand-in unless already set. */
  static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
  /** Exchanges waiting for a thread, at most. */
  static final int QUEUE_CAPACITY = 1024;

  static {
    // The JDK server writes a response's headers and its body as separate TCP segments and leaves Nagle's
    // algorithm on by default, so the body waits for the client's delayed ACK: about 40 ms per request,
    // which no real server adds. The switch is a JVM-wide system property read once; set it unless the
    // application decided otherwise.
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  private final Builder settings;
  private final ConcurrentHashMap<String, StandInSpace> spaces = new ConcurrentHashMap<>();
  private final Map<String, ApiKey> apiKeys;
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private volatile Duration latency = Duration.ZERO;
  private final Counters counters = new Counters();
  private @Nullable HttpServer server;
  private @Nullable ThreadPoolExecutor executor;

  private EngramStandIn(Builder builder) {
    this.settings = builder.copy();
    this.apiKeys = Map.copyOf(builder.apiKeys);
    space(settings.defaultSpace);
  }

  /** A builder; defaults: an ephemeral loopback port, capacity 100 000, no authentication, plain HTTP. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server.
   *
   * @return this stand-in
   * @throws IllegalStateException if it was started already
   * @throws UncheckedIOException if the port cannot be bound
   */
  public synchronized EngramStandIn start() {
    if (server != null) {
      throw new IllegalStateException("the Engram stand-in is started already on port " + port());
    }
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port);
    try {
      if (settings.sslContext != null) {
        HttpsServer https = HttpsServer.create(address, 128);
        https.setHttpsConfigurator(new HttpsConfigurator(settings.sslContext));
        server = https;
      } else {
        server = HttpServer.create(address, 128);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the Engram stand-in to " + address, e);
    }
    AtomicInteger threadNumber = new AtomicInteger();
    executor = new ThreadPoolExecutor(settings.threads, settings.threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
          Thread t = new Thread(r, "engram-stand-in-" + threadNumber.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(executor);
    server.createContext("/", new StandInHandler(this));
    server.start();
    return this;
  }

  /** The bound port. */
  public int port() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("the Engram stand-in is not started");
    }
    return s.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>} (or {@code https://localhost:<port>} with TLS). */
  public URI baseUri() {
    return settings.sslContext != null
        ? URI.create("https://localhost:" + port())
        : URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port());
  }

  /**
   * The next {@code requests} requests answer 503 {@code MEMORY_CLUSTER_UNAVAILABLE} with a {@code
   * Retry-After} header, as Engram does when a cluster is partitioned.
   *
   * @throws IllegalArgumentException if requests is negative or retryAfter is negative
   */
  public void unavailableNext(int requests, Duration retryAfter) {
    requireNonNull(retryAfter, "retryAfter");
    if (requests < 0 || retryAfter.isNegative()) {
      throw new IllegalArgumentException("requests and retryAfter must not be negative: " + requests + ", "
          + retryAfter);
    }
    for (int i = 0; i < requests; i++) {
      faults.add(new Fault(StandInProtocol.ApiError.unavailable(
          "Cluster is partitioned from the majority (injected by the stand-in).", (int) retryAfter.toSeconds()),
          false));
    }
  }

  /**
   * The next {@code requests} requests fail with this status and the error code Engram uses for it
   * (for example 500 {@code MEMORY_SYSTEM_ERROR}, 400 {@code INVALID_MEMORY_INPUT}).
   *
   * @throws IllegalArgumentException if requests is negative or status is not 400 to 599
   */
  public void failNext(int requests, int status) {
    injectFailures(requests, status, false);
  }

  /**
   * The next {@code requests} remember requests ({@code POST /api/v1/memories/remember}) fail with this
   * status and Engram's error code for it; other requests pass.
   *
   * @throws IllegalArgumentException if requests is negative or status is not 400 to 599
   */
  public void failNextRemembers(int requests, int status) {
    injectFailures(requests, status, true);
  }

  private void injectFailures(int requests, int status, boolean remembersOnly) {
    if (requests < 0 || status < 400 || status > 599) {
      throw new IllegalArgumentException("requests must not be negative and status must be 400..599: "
          + requests + ", " + status);
    }
    for (int i = 0; i < requests; i++) {
      faults.add(new Fault(StandInProtocol.ApiError.forStatus(status, "failure injected by the stand-in"),
          remembersOnly));
    }
  }

  /**
   * Every request waits this long before it is handled (a network round trip, or a slow server).
   *
   * @throws IllegalArgumentException if latency is negative
   */
  public void latency(Duration latency) {
    requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    this.latency = latency;
  }

  /** The counter ({@code tier_counts.hot}) of a space, or empty if the space does not exist. */
  public Optional<Long> memoryCount(String space) {
    StandInSpace s = spaces.get(space);
    return s == null ? Optional.empty() : Optional.of(s.count());
  }

  /** The ids of the spaces that exist, sorted. */
  public List<String> spaceIds() {
    return List.copyOf(new TreeMap<>(spaces).keySet());
  }

  /** What the stand-in has done so far. */
  public Stats stats() {
    return counters.snapshot();
  }

  /** Stops the server at once; idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "EngramStandIn[" + (server == null ? "not started" : baseUri()) + ", capacity " + settings.capacity
        + ", " + spaces.size() + " spaces]";
  }

  // ------------------------------------------------------------------------------- for the handler

  StandInSpace space(String id) {
    return spaces.computeIfAbsent(id, k -> new StandInSpace(k, settings.clock.instant(), settings.capacity));
  }

  Optional<StandInSpace> existingSpace(String id) {
    return Optional.ofNullable(spaces.get(id));
  }

  Map<String, StandInSpace> spaces() {
    return new TreeMap<>(spaces);
  }

  String defaultSpace() {
    return settings.defaultSpace;
  }

  Clock clock() {
    return settings.clock;
  }

  Map<String, ApiKey> apiKeys() {
    return apiKeys;
  }

  /** Takes the first injected fault that applies to this request, if any. */
  Optional<StandInProtocol.ApiError> nextFault(String method, String path) {
    boolean remember = method.equals("POST") && path.equals("/api/v1/memories/remember");
    for (Fault fault : faults) {
      if ((!fault.remembersOnly() || remember) && faults.remove(fault)) {
        return Optional.of(fault.error());
      }
    }
    return Optional.empty();
  }

  /** An injected failure, for any request or for remember requests only. */
  private record Fault(StandInProtocol.ApiError error, boolean remembersOnly) {}

  Duration currentLatency() {
    return latency;
  }

  Counters counters() {
    return counters;
  }

  /** A configured API key: its secret and the spaces it may name in {@code X-Memory-Space-Id}. */
  record ApiKey(String secret, Set<String> allowedSpaces, boolean allSpaces) {}

  /** The counters behind {@link Stats}. */
  static final class Counters {
    final LongAdder requests = new LongAdder();
    final LongAdder remembers = new LongAdder();
    final LongAdder stored = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder replaced = new LongAdder();
    final LongAdder evicted = new LongAdder();
    final AtomicInteger active = new AtomicInteger();
    final AtomicInteger maxActive = new AtomicInteger();

    void enter() {
      maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
    }

    void exit() {
      active.decrementAndGet();
    }

    Stats snapshot() {
      return new Stats(requests.sum(), remembers.sum(), stored.sum(), skipped.sum(), replaced.sum(),
          evicted.sum(), maxActive.get());
    }
  }

  /**
   * What the stand-in has done.
   *
   * <p>Immutable.
   *
   * @param requests HTTP requests received
   * @param remembers remember requests that reached the store
   * @param stored writes stored without a duplicate
   * @param skipped writes skipped by deduplication (answered 201 all the same)
   * @param replaced writes that replaced a duplicate
   * @param evicted memories evicted at the capacity
   * @param maxConcurrentRequests the most requests handled at the same time
   */
  public record Stats(long requests, long remembers, long stored, long skipped, long replaced, long evicted,
      int maxConcurrentRequests) {}

  /**
   * Builds an {@link EngramStandIn}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private int port;
    private int capacity = DEFAULT_CAPACITY;
    private int threads = DEFAULT_THREADS;
    private String defaultSpace = DEFAULT_SPACE;
    private Clock clock = Clock.systemUTC();
    private @Nullable SSLContext sslContext;
    private final Map<String, ApiKey> apiKeys = new HashMap<>();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.port = port;
      b.capacity = capacity;
      b.threads = threads;
      b.defaultSpace = defaultSpace;
      b.clock = clock;
      b.sslContext = sslContext;
      b.apiKeys.putAll(apiKeys);
      return b;
    }

    /**
     * The port to bind; 0 (the default) picks a free one.
     *
     * @throws IllegalArgumentException if the port is outside 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The hot-tier capacity of each space; default {@value #DEFAULT_CAPACITY} as in Engram. Tests lower it
     * to reach eviction quickly.
     *
     * @throws IllegalArgumentException if capacity is less than 1
     */
    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * The number of request threads; default {@value #DEFAULT_THREADS}.
     *
     * @throws IllegalArgumentException if threads is less than 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * The server's default space; default {@value #DEFAULT_SPACE}.
     *
     * @throws IllegalArgumentException if the id breaks Engram's space-id rule
     */
    public Builder defaultSpace(String space) {
      requireNonNull(space, "space");
      this.defaultSpace = StandInProtocol.validateSpaceId(space);
      return this;
    }

    /** The clock for stored times and default timestamps; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Serves HTTPS with this context instead of plain HTTP. */
    public Builder tls(SSLContext sslContext) {
      this.sslContext = requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Turns authentication on (as {@code auth_mode = "api_key"}) and accepts this key, in Engram's
     * format {@code engram_key_<id>_<secret>}, for every space.
     *
     * @throws IllegalArgumentException if the key is not in that format
     * @throws IllegalStateException if a key with the same id was added already
     */
    public Builder apiKey(String key) {
      return addKey(key, Set.of(), true);
    }

    /**
     * Turns authentication on and accepts this key; an {@code X-Memory-Space-Id} header naming a space
     * outside {@code allowedSpaces} is answered 403.
     *
     * @throws IllegalArgumentException if the key is not in Engram's format
     * @throws IllegalStateException if a key with the same id was added already
     */
    public Builder apiKey(String key, Set<String> allowedSpaces) {
      return addKey(key, Set.copyOf(allowedSpaces), false);
    }

    private Builder addKey(String key, Set<String> allowed, boolean all) {
      requireNonNull(key, "key");
      String[] parts = key.startsWith("engram_key_") ? key.substring("engram_key_".length()).split("_", -1)
          : new String[0];
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new IllegalArgumentException("an API key must look like engram_key_<id>_<secret>");
      }
      if (apiKeys.putIfAbsent(parts[0], new ApiKey(parts[1], allowed, all)) != null) {
        throw new IllegalStateException("a key with id '" + parts[0] + "' was added already");
      }
      return this;
    }

    /** Builds the stand-in, not yet started. */
    public EngramStandIn build() {
      return new EngramStandIn(this);
    }
  }
}
