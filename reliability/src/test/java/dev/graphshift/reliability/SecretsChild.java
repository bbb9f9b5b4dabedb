package dev.graphshift.reliability;

import dev.graphshift.Node;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.cli.Cli;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.engram.EngramGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.neptune.NeptuneCredentials;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The child JVM of scenario 8: it logs at DEBUG (slf4j-simple and java.util.logging, both to its
 * standard error, which the test keeps) and uses every adapter, coordinator and the CLI with the known
 * secrets of {@link SecretsIT}: it writes and reads with them, makes them fail (an unreachable Neo4j with
 * a password, an Engram key the server refuses, the CLI's {@code targets} check), and prints on its
 * standard output every {@code toString}, {@code config()}, {@code metrics()}, exception message and
 * stack trace it meets. The test then looks for the secrets in all of it.
 *
 * <p>Arguments: the Bolt URI, the Gremlin host and port, the Engram stand-in's URI, a working directory.
 */
final class SecretsChild {
  private SecretsChild() {}

  public static void main(String[] args) throws Exception {
    URI bolt = URI.create(args[0]);
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    URI engramUri = URI.create(args[3]);
    Path dir = Path.of(args[4]);
    Node node = Node.of("secret-test", "Thing", Map.of("v", 1L));

    // Neo4j with a password (the embedded server accepts any), and an unreachable one
    try (Neo4jGraphDatabase neo4j = Servers.neo4j("neo4j-secret", bolt).auth("neo4j", SecretsIT.NEO4J_PASSWORD).build()) {
      neo4j.upsertNodes(List.of(node));
      show("neo4j", neo4j, neo4j.config(), neo4j.metrics(), neo4j.getNode(node.id()));
    }
    try (Neo4jGraphDatabase down = Neo4jGraphDatabase.builder("neo4j-down", URI.create("bolt://127.0.0.1:" + freePort()))
        .auth("neo4j", SecretsIT.NEO4J_PASSWORD).maxRetryTime(Duration.ZERO).connectionTimeout(Duration.ofSeconds(2))
        .build()) {
      failure("neo4j unreachable", () -> down.countNodes());
      show("neo4j-down", down, down.config(), down.metrics());
    }

    // Neptune with IAM and explicit credentials (the Gremlin Server ignores the signature)
    NeptuneCredentials credentials = new NeptuneCredentials(SecretsIT.AWS_ACCESS_KEY_ID, SecretsIT.AWS_SECRET_ACCESS_KEY,
        Optional.of(SecretsIT.AWS_SESSION_TOKEN));
    try (NeptuneGraphDatabase neptune = Servers.neptune("neptune-secret", host, port).iam("us-east-1")
        .credentialsProvider(() -> credentials).build()) {
      neptune.upsertNodes(List.of(node));
      show("neptune", neptune, neptune.config(), neptune.metrics(), neptune.getNode(node.id()), credentials);
      try (DualWriteCoordinator dual = DualWriteCoordinator.builder(InMemoryGraphDatabase.named("memory"), neptune)
          .name("secret-dual").deadLetters(InMemoryDeadLetterQueue.named("secret-dlq")).build()) {
        dual.upsertNodes(List.of(node));
        show("dual", dual, dual.config(), dual.metrics());
        Backfiller backfiller = Backfiller.builder(neptune, dual.backfillTarget()).name("secret-backfill")
            .checkpoints(new InMemoryCheckpointStore()).build();
        show("backfill", backfiller, backfiller.config(), backfiller.run());
      }
    }

    // Engram with its key, and with a key it refuses
    try (EngramGraphDatabase engram = EngramGraphDatabase.builder("engram-secret", engramUri).embedder(Servers::embed)
        .apiKey(SecretsIT.ENGRAM_API_KEY).build()) {
      show("engram", engram, engram.config(), engram.upsertNodes(List.of(node)), engram.getNode(node.id()),
          engram.metrics());
    }
    try (EngramGraphDatabase refused = EngramGraphDatabase.builder("engram-refused", engramUri).embedder(Servers::embed)
        .apiKey(SecretsIT.ENGRAM_WRONG_API_KEY).retry(1, Duration.ofMillis(1), Duration.ofMillis(1)).build()) {
      failure("engram refused", () -> refused.upsertNodes(List.of(node)));
      show("engram-refused", refused, refused.config(), refused.metrics());
    }

    // the CLI, with the secrets in its environment
    Files.writeString(dir.resolve("graphshift.yaml"), """
        targets:
          source:
            database: neo4j
            uri: %s
            username: neo4j
            password: ${NEO4J_PASSWORD}
            key_label: Entity
          neptune:
            database: neptune
            mode: database
            host: %s
            port: %d
            tls: false
            iam: true
            region: us-east-1
            access_key_id: ${AWS_ACCESS_KEY_ID}
            secret_access_key: ${AWS_SECRET_ACCESS_KEY}
            session_token: ${AWS_SESSION_TOKEN}
          people:
            database: engram
            url: %s
            api_key: ${ENGRAM_API_KEY}
          refused:
            database: engram
            url: %s
            api_key: ${ENGRAM_WRONG_API_KEY}
        """.formatted(bolt, host, port, engramUri, engramUri), StandardCharsets.UTF_8);
    Map<String, String> environment = Map.of("NEO4J_PASSWORD", SecretsIT.NEO4J_PASSWORD,
        "AWS_ACCESS_KEY_ID", SecretsIT.AWS_ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", SecretsIT.AWS_SECRET_ACCESS_KEY,
        "AWS_SESSION_TOKEN", SecretsIT.AWS_SESSION_TOKEN, "ENGRAM_API_KEY", SecretsIT.ENGRAM_API_KEY,
        "ENGRAM_WRONG_API_KEY", SecretsIT.ENGRAM_WRONG_API_KEY);
    Cli cli = Cli.builder().workingDirectory(dir).environment(name -> Optional.ofNullable(environment.get(name))).build();
    for (String[] command : List.of(new String[] {"targets"}, new String[] {"targets", "--json"},
        new String[] {"copy", "--from", "source", "--to", "people", "--node", "Thing"},
        new String[] {"copy", "--from", "source", "--to", "refused", "--node", "Thing"},
        new String[] {"validate", "--source", "source", "--target", "neptune", "--full"})) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Cli.builder().workingDirectory(dir).environment(name -> Optional.ofNullable(environment.get(name)))
          .build().run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      System.out.println("CLI " + String.join(" ", command) + " exit=" + code);
      System.out.println(out.toString(StandardCharsets.UTF_8));
      System.out.println(err.toString(StandardCharsets.UTF_8));
    }
    show("cli", cli, cli.config());
    System.out.println("DONE");
    System.out.flush();
  }

  private static void show(String what, Object... objects) {
    for (Object o : objects) {
      System.out.println("SHOW " + what + ": " + o);
    }
  }

  private static void failure(String what, Runnable call) {
    try {
      call.run();
      System.out.println("NO FAILURE " + what);
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      System.out.println("FAILED " + what + ": " + e.getClass().getName());
      System.out.println("MESSAGE " + e.getMessage());
      System.out.println(trace);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
