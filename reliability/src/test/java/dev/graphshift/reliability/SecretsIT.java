package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import dev.graphshift.testing.engram.EngramStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 8, secrets: a child JVM ({@link SecretsChild}) logging at DEBUG uses the Neo4j adapter with a
 * password, the Neptune adapter with IAM and explicit AWS credentials (a session token included), the
 * Engram adapter with an API key the stand-in accepts and one it refuses, a dual-write coordinator, a
 * backfiller, and the CLI with every secret in its environment; it makes them fail where it can (an
 * unreachable Neo4j, a refused key) and prints every {@code toString}, {@code config()}, {@code
 * metrics()}, exception message and stack trace.
 *
 * <p>Asserted: the child ran to its end and met the failures it meant to (so the check covers failure
 * paths); none of the known secrets, nor their Base64 forms (as in basic authentication headers), appears
 * anywhere in its standard output or in any log line of its standard error.
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class SecretsIT {

  static final String NEO4J_PASSWORD = "neo4j-Pa55w0rd-reliability-31337";
  static final String AWS_ACCESS_KEY_ID = "AKIARELIABILITY31337";
  static final String AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYreliability31337";
  static final String AWS_SESSION_TOKEN = "FwoGZXIvYXdzEReliabilitySessionToken31337";
  static final String ENGRAM_API_KEY = "engram_key_reliability_s3cretEngramKey31337";
  static final String ENGRAM_WRONG_API_KEY = "engram_key_intruder_wr0ngEngramKey31337";

  @TempDir
  Path dir;

  @Test
  void shouldNeverShowAKnownSecretInALogLineAMessageOrAToString(EmbeddedNeo4j neo4j, EmbeddedGremlinServer gremlin)
      throws Exception {
    // given: a stand-in that accepts one key
    gremlin.clear();
    Path logging = dir.resolve("logging.properties");
    Files.writeString(logging, """
        handlers=java.util.logging.ConsoleHandler
        .level=FINE
        java.util.logging.ConsoleHandler.level=ALL
        """, StandardCharsets.UTF_8);
    List<String> out;
    String err;
    try (EngramStandIn standIn = EngramStandIn.builder().apiKey(ENGRAM_API_KEY).build().start();
        ChildJvm child = ChildJvm.start(SecretsChild.class, List.of(
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
            "-Djava.util.logging.config.file=" + logging),
            List.of(neo4j.boltUri().toString(), gremlin.host(), String.valueOf(gremlin.port()),
                standIn.baseUri().toString(), dir.toString()), dir.resolve("child.err"))) {
      // when
      child.awaitLine("DONE"::equals);
      assertThat(child.awaitExit()).as("the child's exit code").isZero();
      out = new ArrayList<>(child.lines());
      err = child.stderr();
    }

    // then: the child went through the paths it meant to
    String all = String.join("\n", out);
    assertThat(all).contains("FAILED neo4j unreachable", "FAILED engram refused")
        .contains("SHOW neo4j:", "SHOW neptune:", "SHOW engram:", "SHOW dual:", "SHOW backfill:", "SHOW cli:")
        .contains("CLI targets exit=", "CLI copy --from source --to refused");
    assertThat(err).as("the child logged at DEBUG").contains("DEBUG");

    // and: no secret anywhere
    Map<String, Object> found = new LinkedHashMap<>();
    List<String> errLines = err.lines().toList();
    Map<String, String> secrets = Map.of("neo4jPassword", NEO4J_PASSWORD, "awsSecretAccessKey", AWS_SECRET_ACCESS_KEY,
        "awsSessionToken", AWS_SESSION_TOKEN, "engramApiKey", ENGRAM_API_KEY, "engramRefusedApiKey", ENGRAM_WRONG_API_KEY);
    for (Map.Entry<String, String> named : new java.util.TreeMap<>(secrets).entrySet()) {
      String secret = named.getValue();
      for (String form : List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
          Base64.getEncoder().encodeToString(("neo4j:" + secret).getBytes(StandardCharsets.UTF_8)))) {
        List<String> inOut = out.stream().filter(l -> l.contains(form)).limit(3).toList();
        List<String> inErr = errLines.stream().filter(l -> l.contains(form)).limit(3).toList();
        assertThat(inOut).as("output lines holding a secret").isEmpty();
        assertThat(inErr).as("log lines holding a secret").isEmpty();
      }
      found.put(named.getKey(), 0);
    }

    new Figures("secrets")
        .put("secrets", found.size())
        .put("outputLines", out.size())
        .put("logLines", errLines.size())
        .put("logBytes", err.length())
        .put("debugLogLines", errLines.stream().filter(l -> l.contains("DEBUG") || l.contains("FINE")).count())
        .put("linesHoldingASecret", found)
        .put("failuresMet", out.stream().filter(l -> l.startsWith("FAILED ") || l.startsWith("MESSAGE ")
            || l.startsWith("CLI ")).toList())
        .write();
  }
}
