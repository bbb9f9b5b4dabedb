package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.AuthenticationException;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.Relationship;
import dev.graphshift.Retryable;
import dev.graphshift.testing.EmbeddedNeo4j;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named queries, and how failures of the database reach the caller. */
class Neo4jQueryAndErrorsIT extends Neo4jTestSupport {

  private static final String SECRET = "s3cr3t-Pa55word";

  @Test
  void shouldAnswerANamedReadInTheNormalizedShape() {
    try (Neo4jGraphDatabase db = adapter()
        .query("friendsOf", "MATCH (:Entity {id: $id})-[k:KNOWS]-(f:Entity) "
            + "RETURN f.id AS id, k.weight AS score, {name: f.name, tags: f.tags} AS properties ORDER BY score DESC")
        .query("idsOnly", "MATCH (n:Entity) RETURN n.id AS id ORDER BY id")
        .build()) {
      // given
      db.upsertNodes(List.of(Node.of("a", "P", Map.of("name", "Ada")), Node.of("b", "P", Map.of("name", "Bob", "tags", List.of("x"))),
          Node.of("c", "P", Map.of("name", "Cy"))));
      db.upsertRelationships(List.of(Relationship.of("ab", "KNOWS", "a", "b", Map.of("weight", 0.9)),
          Relationship.of("ca", "KNOWS", "c", "a", Map.of("weight", 0.4))));

      // when
      QueryResult friends = db.query("friendsOf", Map.of("id", "a"));
      QueryResult ids = db.query("idsOnly", Map.of());

      // then
      assertThat(friends.hits()).containsExactly(
          new QueryResult.Hit("b", 0.9, Map.of("name", "Bob", "tags", List.of("x"))),
          new QueryResult.Hit("c", 0.4, Map.of("name", "Cy")));
      assertThat(ids.ids()).containsExactly("a", "b", "c");
      assertThat(ids.hits()).allSatisfy(h -> assertThat(h.score()).isEqualTo(1.0));
      assertThat(db.queryNames()).containsExactlyInAnyOrder("friendsOf", "idsOnly");
    }
  }

  @Test
  void shouldFailWithTheQueryNameWhenARowHasNoId() {
    try (Neo4jGraphDatabase db = adapter().query("broken", "RETURN 1 AS notId").build()) {
      assertThatThrownBy(() -> db.query("broken", Map.of()))
          .isInstanceOf(DatabaseException.class).hasMessageContaining("broken").hasMessageContaining("'id'");
    }
  }

  @Test
  void shouldTranslateAClientErrorIntoADatabaseExceptionWithTheCause() {
    try (Neo4jGraphDatabase db = adapter().query("syntax", "MATCH (n RETURN n.id AS id").build()) {
      assertThatThrownBy(() -> db.query("syntax", Map.of()))
          .isInstanceOf(DatabaseException.class)
          .isNotInstanceOf(Retryable.class)
          .hasMessageContaining("neo4j-it")
          .hasCauseInstanceOf(org.neo4j.driver.exceptions.ClientException.class);
    }
  }

  @Test
  void shouldThrowDatabaseUnavailableWhenNothingListensOnThePort() throws Exception {
    // given: a port that was free a moment ago
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("down", "bolt://127.0.0.1:" + port)
        .auth("neo4j", SECRET).maxRetryTime(Duration.ZERO).connectionTimeout(Duration.ofSeconds(2)).build()) {

      // when / then
      assertThatThrownBy(db::countNodes)
          .isInstanceOf(DatabaseUnavailableException.class)
          .isInstanceOf(Retryable.class)
          .hasMessageContaining("down")
          .hasMessageNotContaining(SECRET)
          .hasCauseInstanceOf(org.neo4j.driver.exceptions.ServiceUnavailableException.class);
      assertThat(db.metrics().failures()).isEqualTo(1);
    }
  }

  @Test
  void shouldThrowAuthenticationExceptionWithoutThePasswordWhenCredentialsAreRefused() {
    // given: a second server that asks for credentials
    try (EmbeddedNeo4j secured = EmbeddedNeo4j.builder().authEnabled(true).start();
         Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("secured", secured.boltUri())
             .auth("neo4j", SECRET).maxRetryTime(Duration.ZERO).build()) {

      // when / then
      assertThatThrownBy(db::countNodes)
          .isInstanceOf(AuthenticationException.class)
          .isNotInstanceOf(Retryable.class)
          .hasMessageContaining("secured")
          .hasMessageNotContaining(SECRET)
          .hasCauseInstanceOf(org.neo4j.driver.exceptions.AuthenticationException.class);
      assertThat(db.toString()).contains("neo4j").doesNotContain(SECRET);
      assertThat(db.config().toString()).contains("username=Optional[neo4j]").doesNotContain(SECRET);
    }
  }
}
