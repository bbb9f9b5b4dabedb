package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;

/** The builder's preconditions and the config it exposes; builds connect to nothing. */
class Neo4jGraphDatabaseBuilderTest {

  private static final String PASSWORD = "hunter2-very-secret";

  @Test
  void shouldExposeTheSettingsButNeverThePasswordWhenBuilt() {
    try (Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("source", "bolt://localhost:7687")
        .auth("migrator", PASSWORD).database("graph").keyLabel("Entity").batchSize(500).fetchSize(2_000)
        .tls(Neo4jTls.trustAll()).transactionTimeout(Duration.ofSeconds(5)).manageSchema(false)
        .query("q", "RETURN 1 AS id").build()) {
      Neo4jConfig config = db.config();
      assertThat(config.uri()).contains(URI.create("bolt://localhost:7687"));
      assertThat(config.username()).contains("migrator");
      assertThat(config.database()).contains("graph");
      assertThat(config.keyLabel()).contains("Entity");
      assertThat(config.batchSize()).isEqualTo(500);
      assertThat(config.ownsDriver()).isTrue();
      assertThat(config.tls()).contains(Neo4jTls.trustAll());
      assertThat(config.toString()).doesNotContain(PASSWORD);
      assertThat(db.toString()).contains("source").contains("migrator").doesNotContain(PASSWORD);
      assertThat(db.queryNames()).containsExactly("q");
    }
  }

  @Test
  void shouldRejectBadValuesWithTheValue() {
    Neo4jGraphDatabase.Builder b = Neo4jGraphDatabase.builder("db", "bolt://localhost:7687");
    assertThatThrownBy(() -> b.batchSize(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> b.fetchSize(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> b.transactionTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.keyLabel(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Neo4jGraphDatabase.builder(" ", "bolt://x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Neo4jGraphDatabase.builder("db", "not a uri")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a uri");
    assertThatThrownBy(() -> new Neo4jTls(true, Neo4jTls.Trust.TRUST_ALL, Optional.of(Path.of("ca.pem"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNameTheEarlierSettingWhenSettingsConflict() {
    Neo4jGraphDatabase.Builder b = Neo4jGraphDatabase.builder("db", "bolt://localhost:7687")
        .auth("first", PASSWORD).query("q", "RETURN 1 AS id");
    assertThatThrownBy(() -> b.auth("second", "x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("first").hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(() -> b.query("q", "RETURN 2 AS id")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RETURN 1 AS id");
    assertThatThrownBy(() -> Neo4jGraphDatabase.builder("db", "bolt://x").keyLabel("Entity")
        .nodeIdentity(Neo4jIdentity.elementId()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Entity").hasMessageContaining("elementId");
  }

  @Test
  void shouldRefuseConnectionSettingsAndLeaveTheDriverOpenWhenWrappingAnApplicationDriver() {
    Driver driver = org.neo4j.driver.GraphDatabase.driver("bolt://localhost:1", AuthTokens.none());
    try {
      Neo4jGraphDatabase.Builder b = Neo4jGraphDatabase.builder("app", driver);
      assertThatThrownBy(() -> b.auth("u", "p")).isInstanceOf(IllegalStateException.class).hasMessageContaining("driver");
      assertThatThrownBy(() -> b.tls(Neo4jTls.disabled())).isInstanceOf(IllegalStateException.class);

      // when
      Neo4jGraphDatabase db = b.build();
      db.close();

      // then: the application's driver is still usable (closing it is the application's business)
      assertThat(db.config().ownsDriver()).isFalse();
      assertThat(driver.isEncrypted()).isFalse();
    } finally {
      driver.close();
    }
  }
}
