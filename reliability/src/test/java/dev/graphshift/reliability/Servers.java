package dev.graphshift.reliability;

import dev.graphshift.engram.EngramGraphDatabase;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.engram.EngramStandIn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How the scenarios reach the real servers: the Neo4j adapter with a key label (the primary, or the
 * source), the Neptune adapter over the in-process Gremlin Server (the secondary, or the target), and the
 * Engram adapter over the stand-in. The same settings serve the test JVM and the child JVMs, which get
 * the addresses as arguments.
 *
 * <p>Immutable.
 */
final class Servers {
  private Servers() {}

  /** The key label of the Neo4j adapter: every node written carries it, lookups seek its index. */
  static final String KEY_LABEL = "Entity";

  /** The Neo4j adapter at this Bolt address. */
  static Neo4jGraphDatabase.Builder neo4j(String name, URI bolt) {
    return Neo4jGraphDatabase.builder(name, bolt).keyLabel(KEY_LABEL).batchSize(500);
  }

  /**
   * The Neptune adapter at the in-process Gremlin Server: plain {@code ws}, four lanes, a short request
   * timeout and few, short retries, so that a stopped server is reported in about a second and the
   * dual-write coordinator's own backoff (not the adapter's) decides when to try again.
   */
  static NeptuneGraphDatabase.Builder neptune(String name, String host, int port) {
    return NeptuneGraphDatabase.builder(host)
        .name(name)
        .port(port)
        .tls(false)
        .lanes(4)
        .requestTimeout(Duration.ofSeconds(10))
        .retryAttempts(3)
        .retryInitialBackoff(Duration.ofMillis(20))
        .retryMaxBackoff(Duration.ofMillis(200));
  }

  static NeptuneGraphDatabase.Builder neptune(String name, EmbeddedGremlinServer server) {
    return neptune(name, server.host(), server.port());
  }

  /** The Engram adapter at the stand-in, with a deterministic embedder and full read-after-write checks. */
  static EngramGraphDatabase.Builder engram(String name, EngramStandIn standIn) {
    return EngramGraphDatabase.builder(name, standIn.baseUri())
        .embedder(Servers::embed)
        .retry(2, Duration.ofMillis(5), Duration.ofMillis(50));
  }

  /**
   * A stand-in for a text embedding model: each text gets a pseudo-random 768-dimension vector seeded by
   * a hash of its UTF-8 bytes, so different texts get nearly orthogonal vectors (Engram's deduplication
   * keeps them apart) and the same text the same vector.
   */
  static List<float[]> embed(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (String text : texts) {
      long h = 0xcbf29ce484222325L;
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      SplittableRandom random = new SplittableRandom(h);
      float[] v = new float[768];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (random.nextDouble() * 2 - 1);
      }
      vectors.add(v);
    }
    return vectors;
  }
}
