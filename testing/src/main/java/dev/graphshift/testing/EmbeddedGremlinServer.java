package dev.graphshift.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.AbstractTraversalStrategy;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.util.ServerGremlinExecutor;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process TinkerPop Gremlin Server over a TinkerGraph, standing in for Amazon Neptune's Gremlin
 * endpoint in tests and demos. It is set up in code (no YAML, no Groovy): the {@code gremlin-lang}
 * script engine only, GraphBinary, a large content limit, user-supplied ids of any type (the Neptune
 * adapter writes String ids), set cardinality as the default for vertex properties (as on Neptune, so
 * a write that forgets single cardinality adds a value, visibly), a traversal source bound as {@code g},
 * plain {@code ws://} on loopback.
 *
 * <pre>{@code
 * try (EmbeddedGremlinServer server = EmbeddedGremlinServer.builder().start()) {
 *   NeptuneGraphDatabase neptune = NeptuneGraphDatabase.builder(server.host())
 *       .port(server.port()).tls(false).build();
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #stop()} takes the server down (clients see refused connections) and
 * {@link #restart()} brings it up again on the same port with the same graph, so the data survives,
 * as it does when a Neptune instance restarts. {@link #close()} stops it for good. {@link #clear()}
 * empties the graph between tests.
 *
 * <p><b>Faults.</b> {@link #failNextTraversals(int, String)} makes the server answer the next traversals
 * with a server error carrying a given message, before any step runs (nothing is written, as when
 * Neptune rolls a transaction back). Tests use it to send Neptune's {@code ConcurrentModificationException}
 * over the real wire to a real client.
 *
 * <p><b>Concurrency.</b> TinkerGraph is not safe for concurrent writers, so by default the server runs
 * traversals on one worker thread ({@link #DEFAULT_WORKER_THREADS}); requests from many connections
 * queue there. Lifecycle methods are synchronized.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedGremlinServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedGremlinServer.class);

  /** The host the server binds: loopback. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Threads that run traversals: 1, because TinkerGraph is not safe for concurrent writers. */
  public static final int DEFAULT_WORKER_THREADS = 1;
  /** The largest request or response frame, in bytes: 64 MiB. */
  public static final int DEFAULT_MAX_CONTENT_LENGTH = 64 * 1024 * 1024;
  /** The message of Neptune's write-conflict error, as its Gremlin endpoint sends it. */
  public static final String NEPTUNE_CONCURRENT_MODIFICATION_MESSAGE =
      "{\"code\":\"ConcurrentModificationException\",\"requestId\":\"injected\","
          + "\"detailedMessage\":\"Failed to complete operation due to conflicting concurrent operations. "
          + "Please retry. 0 transactions are currently rolling back.\"}";

  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final EmbeddedGremlinServerConfig config;
  private final TinkerGraph graph;
  private final AtomicInteger failuresToInject = new AtomicInteger();
  private final AtomicReference<String> failureMessage = new AtomicReference<>("injected failure");
  private final AtomicInteger failuresInjected = new AtomicInteger();
  private @Nullable GremlinServer server;
  private boolean closed;

  private EmbeddedGremlinServer(EmbeddedGremlinServerConfig config) {
    this.config = config;
    BaseConfiguration conf = new BaseConfiguration();
    conf.setProperty(TinkerGraph.GREMLIN_TINKERGRAPH_VERTEX_ID_MANAGER, "ANY");
    conf.setProperty(TinkerGraph.GREMLIN_TINKERGRAPH_EDGE_ID_MANAGER, "ANY");
    conf.setProperty(TinkerGraph.GREMLIN_TINKERGRAPH_VERTEX_PROPERTY_ID_MANAGER, "LONG");
    // Neptune's default: setting a property without a cardinality adds a value
    conf.setProperty(TinkerGraph.GREMLIN_TINKERGRAPH_DEFAULT_VERTEX_PROPERTY_CARDINALITY, "set");
    this.graph = TinkerGraph.open(conf);
  }

  /** A builder with the defaults: a free port on loopback, one worker thread. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server with the defaults. */
  public static EmbeddedGremlinServer start() {
    return builder().start();
  }

  /** The settings this server runs with; the port is the one it bound. */
  public EmbeddedGremlinServerConfig config() {
    return config;
  }

  /** The host clients connect to. */
  public String host() {
    return config.host();
  }

  /** The port clients connect to; the same across {@link #restart()}. */
  public int port() {
    return config.port();
  }

  /** The graph behind the server, for tests that inspect what was stored with an embedded traversal. */
  public TinkerGraph graph() {
    return graph;
  }

  /** Whether the server is accepting connections. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Removes every vertex and edge and resets the fault counters. Call it when no request is in flight. */
  public void clear() {
    graph.clear();
    failuresToInject.set(0);
    failuresInjected.set(0);
  }

  /**
   * Makes the server fail the next {@code count} traversals with a server error whose message is {@code
   * message}, before any of their steps runs. Replaces an earlier setting.
   *
   * @throws IllegalArgumentException if count is negative
   */
  public void failNextTraversals(int count, String message) {
    requireNonNull(message, "message");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    failureMessage.set(message);
    failuresToInject.set(count);
  }

  /** How many traversals the server has failed on purpose since it was built or last cleared. */
  public int failuresInjected() {
    return failuresInjected.get();
  }

  /**
   * Stops the server; the graph and the port are kept for {@link #restart()}. Does nothing if it is
   * stopped already.
   */
  public synchronized void stop() {
    GremlinServer running = server;
    if (running == null) {
      return;
    }
    server = null;
    try {
      running.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the Gremlin Server on port " + port(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the Gremlin Server on port " + port() + " did not stop cleanly", e);
    }
  }

  /**
   * Starts the server again on the same port with the same graph. Does nothing if it is running.
   *
   * @throws IllegalStateException if the server was closed, or cannot bind its port
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("the Gremlin Server on port " + port() + " is closed");
    }
    if (server != null) {
      return;
    }
    Settings settings = new Settings();
    settings.host = config.host();
    settings.port = config.port();
    settings.graphs = Map.of();
    settings.scriptEngines = Map.of("gremlin-lang", new Settings.ScriptEngineSettings());
    Settings.SerializerSettings graphBinary = new Settings.SerializerSettings();
    graphBinary.className = GraphBinaryMessageSerializerV1.class.getName();
    settings.serializers = List.of(graphBinary);
    settings.maxContentLength = config.maxContentLength();
    settings.gremlinPool = config.workerThreads();
    settings.threadPoolWorker = 1;
    GremlinServer starting = new GremlinServer(settings);
    try {
      ServerGremlinExecutor executor = starting.start().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      executor.getGraphManager().putGraph("graph", graph);
      executor.getGraphManager().putTraversalSource("g", graph.traversal().withStrategies(new FaultStrategy(this)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Gremlin Server on port " + port(), e);
    } catch (Exception e) {
      starting.stop();
      throw new IllegalStateException("the Gremlin Server could not start on port " + port(), e);
    }
    server = starting;
    log.debug("graphshift.testing.gremlin_started port={}", port());
  }

  /** Stops the server for good; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    stop();
  }

  @Override
  public String toString() {
    return "EmbeddedGremlinServer[" + host() + ":" + port() + (isRunning() ? ", running" : ", stopped") + "]";
  }

  /** Called on the server for every root traversal: fails it while failures are pending. */
  void beforeTraversal() {
    int left = failuresToInject.getAndUpdate(n -> n > 0 ? n - 1 : 0);
    if (left > 0) {
      failuresInjected.incrementAndGet();
      throw new InjectedFailureException(failureMessage.get());
    }
  }

  /** What an injected failure throws on the server; clients see its message in a server error. */
  private static final class InjectedFailureException extends RuntimeException {
    InjectedFailureException(String message) {
      super(message, null, false, false);
    }
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  /**
   * The decoration the server's {@code g} carries: before a root traversal runs, it lets the server
   * fail it on purpose. Applied on the server only; clients never see it.
   */
  private static final class FaultStrategy
      extends AbstractTraversalStrategy<TraversalStrategy.DecorationStrategy>
      implements TraversalStrategy.DecorationStrategy {
    private final transient EmbeddedGremlinServer owner;

    FaultStrategy(EmbeddedGremlinServer owner) {
      this.owner = owner;
    }

    @Override
    public void apply(Traversal.Admin<?, ?> traversal) {
      if (traversal.isRoot()) {
        owner.beforeTraversal();
      }
    }
  }

  /**
   * Builds and starts an {@link EmbeddedGremlinServer}. Defaults: {@link #DEFAULT_HOST}, a free port,
   * {@link #DEFAULT_WORKER_THREADS}, {@link #DEFAULT_MAX_CONTENT_LENGTH}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private int maxContentLength = DEFAULT_MAX_CONTENT_LENGTH;

    private Builder() {}

    /** The host to bind; loopback by default. */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host");
      return this;
    }

    /**
     * The port to bind; 0 (the default) picks a free one.
     *
     * @throws IllegalArgumentException if port is outside [0, 65535]
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Threads that run traversals; 1 by default. More than one is safe only for read-mostly use,
     * because TinkerGraph is not safe for concurrent writers.
     *
     * @throws IllegalArgumentException if workerThreads is less than 1
     */
    public Builder workerThreads(int workerThreads) {
      if (workerThreads < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1: " + workerThreads);
      }
      this.workerThreads = workerThreads;
      return this;
    }

    /**
     * The largest frame in bytes; 64 MiB by default.
     *
     * @throws IllegalArgumentException if maxContentLength is less than 1024
     */
    public Builder maxContentLength(int maxContentLength) {
      if (maxContentLength < 1024) {
        throw new IllegalArgumentException("maxContentLength must be at least 1024: " + maxContentLength);
      }
      this.maxContentLength = maxContentLength;
      return this;
    }

    /** Starts the server and returns it, running. */
    public EmbeddedGremlinServer start() {
      int bound = port == 0 ? freePort(host) : port;
      EmbeddedGremlinServer server =
          new EmbeddedGremlinServer(new EmbeddedGremlinServerConfig(host, bound, workerThreads, maxContentLength));
      server.restart();
      return server;
    }
  }
}
