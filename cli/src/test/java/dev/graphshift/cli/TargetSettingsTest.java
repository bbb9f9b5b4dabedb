package dev.graphshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every documented key of every kind of target is accepted and typed ({@code targets --no-check} builds
 * the adapters without connecting), and wrong settings are configuration errors naming the key.
 */
class TargetSettingsTest {
  private static final Map<String, String> ENV = Map.of("NEO4J_PASSWORD", "n3o-secret-value", "AWS_SECRET", "aws-secret-value",
      "ENGRAM_API_KEY", "engram_key_ops_engramSecretValue");

  @TempDir
  Path dir;

  private CliRun.Result targets(String yaml) {
    CliRun.targetsFile(dir, yaml);
    Cli cli = Cli.builder().workingDirectory(dir).environment(name -> Optional.ofNullable(ENV.get(name))).build();
    return CliRun.run(cli, "targets", "--no-check", "--json");
  }

  @Test
  void shouldAcceptEveryDocumentedKey() {
    // when
    CliRun.Result r = targets("""
        targets:
          source:
            database: neo4j
            uri: neo4j://user:pw-in-uri@db.example.com:7687
            username: neo4j
            password: ${NEO4J_PASSWORD}
            database_name: graph
            key_label: Entity
            node_identity: uid
            relationship_identity: elementId()
            trust_all_certificates: true
            batch_size: 500
            fetch_size: 2000
            transaction_timeout: 2m
            max_retry_time: 0s
            connection_timeout: 5s
            manage_schema: false
            vector_properties: [embedding, vec]
          neptune:
            database: neptune
            mode: database
            host: localhost
            port: 8182
            tls: true
            iam: true
            region: us-east-1
            access_key_id: AKIAEXAMPLE
            secret_access_key: ${AWS_SECRET}
            session_token: ${AWS_TOKEN:-token-from-default}
            max_connections: 4
            max_in_flight_per_connection: 2
            request_timeout: 20s
            lanes: 3
            max_records_per_request: 150
            max_steps_per_request: 1000
            retry_attempts: 5
            retry_initial_backoff: 10ms
            retry_max_backoff: 1s
            lists: json
            vectors: reject
            temporals: iso_string
          engram:
            database: engram
            url: https://engram.example.com:7432
            space_per_label: neo4j
            api_key: ${ENGRAM_API_KEY}
            connect_timeout: 1s
            request_timeout: PT10S
            in_flight: 8
            confidence: 0.5
            verification: full
            near_duplicate_window: 100
            space_capacity: 90000
            retry_attempts: 2
            retry_initial_backoff: 5ms
            retry_max_backoff: 50ms
          scratch:
            database: memory
        embedder: hashing
        """);

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    List<JsonNode> lines = r.events("target");
    assertThat(lines).extracting(n -> n.get("address").asText()).containsExactly("neo4j://db.example.com:7687",
        "wss://localhost:8182", "https://engram.example.com:7432", "in memory");
    assertThat(r.all()).doesNotContain("n3o-secret-value").doesNotContain("aws-secret-value")
        .doesNotContain("engramSecretValue").doesNotContain("pw-in-uri");
  }

  @Test
  void shouldNameTheKeyOfEachWrongSetting() {
    assertThat(targets("targets:\n  t:\n    database: neo4j\n    uri: localhost:7687\n").err())
        .contains("targets.t.uri: 'localhost:7687' is not a Bolt URI");
    assertThat(targets("targets:\n  t:\n    database: neo4j\n    uri: neo4j://h\n    password: ${NEO4J_PASSWORD}\n").err())
        .contains("targets.t.username: is required with password");
    assertThat(targets("targets:\n  t:\n    database: neo4j\n    uri: neo4j://h\n    tls: false\n    trust_all_certificates: true\n")
        .err()).contains("targets.t.tls: is false, but trust_all_certificates is set");
    assertThat(targets("targets:\n  t:\n    database: neo4j\n    uri: neo4j+s://h\n    tls: true\n").err())
        .contains("targets.t.tls: cannot be set with the scheme neo4j+s");
    assertThat(targets("targets:\n  t:\n    database: neptune\n    mode: database\n    host: h\n    iam: true\n").err())
        .contains("targets.t.region: is required when iam is true");
    assertThat(targets("targets:\n  t:\n    database: neptune\n    mode: database\n    host: h\n    region: eu-west-1\n").err())
        .contains("targets.t.region: is set, but iam is not true");
    assertThat(targets("targets:\n  t:\n    database: neptune\n    mode: analytics\n    host: h\n").err())
        .contains("targets.t.mode: Neptune Analytics is not supported");
    assertThat(targets("targets:\n  t:\n    database: neptune\n    mode: database\n    host: h\n    lists: bag\n").err())
        .contains("targets.t.lists: unknown value 'bag' (allowed here: set, json)");
    assertThat(targets("targets:\n  t:\n    database: neptune\n    mode: database\n    host: h\n    request_timeout: 30\n")
        .err()).contains("targets.t.request_timeout: expected a duration with its unit");
    assertThat(targets("targets:\n  t:\n    database: engram\n    url: http://h:7432\n    space: a_b\n    space_per_label: x\n")
        .err()).contains("targets.t.space_per_label: conflicts with space");
    assertThat(targets("targets:\n  t:\n    database: engram\n    url: http://h:7432\n    verification: 2\n").err())
        .contains("targets.t.verification: the share of writes read back must be in (0, 1]");
    assertThat(targets("targets:\n  t:\n    database: memory\nembedder: openai\n").err())
        .contains("embedder: unknown embedder 'openai'");
    assertThat(targets("targets:\n  t:\n    database: neo4j\n    uri: neo4j://h\n    batch_size: 0\n").code()).isEqualTo(3);
  }
}
