package dev.graphshift.engram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.UnknownQueryException;
import dev.graphshift.WriteResult;
import dev.graphshift.testing.engram.EngramStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the adapter reads from the stand-in: spaces per label, named reads as recalls, offset scans. */
class EngramReadsIT extends AgainstStandIn {

  private EngramGraphDatabase.Builder adapter() {
    engram = EngramStandIn.builder().build().start();
    return EngramGraphDatabase.builder("engram-reads", engram.baseUri()).embedder(new HashEmbedder())
        .verification(Verification.full());
  }

  @Test
  void shouldSpreadMemoriesOverOneSpacePerLabelAndReadAcrossThem() {
    // given
    db = adapter().partition(SpacePartition.perLabel("neo4j")).build();
    List<Node> nodes = List.of(
        Node.of("p1", "person", Map.of("name", "Ada")),
        Node.of("p2", "person", Map.of("name", "Grace")),
        new Node("d1", Set.of("Document", "Archived"), Map.of("title", "Notes")),
        new Node("u1", Set.of(), Map.of("x", 1L)));

    // when
    WriteResult result = db.upsertNodes(nodes);

    // then
    assertThat(result.written()).isEqualTo(4);
    String archived = SpacePartition.perLabel("neo4j").spaceFor(Set.of("Archived"));
    assertThat(engram.spaceIds()).contains("neo4j_person", archived, "neo4j__unlabeled");
    assertThat(archived).startsWith("neo4j_archived-").hasSize("neo4j_archived-".length() + 8);
    assertThat(engram.memoryCount("neo4j_person")).contains(2L);
    assertThat(db.getNode("d1")).contains(nodes.get(2));
    assertThat(db.getNodes(List.of("p2", "u1", "nobody"))).containsOnlyKeys("p2", "u1");
    assertThat(db.countNodes()).isEqualTo(4);
    assertThat(db.countNodesByLabel()).containsEntry("person", 2L).containsEntry("Document", 1L)
        .containsEntry("Archived", 1L);
    List<Node> scanned = new ArrayList<>();
    ScanRequest request = ScanRequest.all(1);
    for (ScanPage<Node> page = db.scanNodes(request); ; page = db.scanNodes(request.after(page.next().get()))) {
      scanned.addAll(page.items());
      if (!page.hasNext()) {
        break;
      }
    }
    assertThat(scanned).containsExactlyInAnyOrderElementsOf(nodes);
  }

  @Test
  void shouldAnswerTheLatestWriteWhenALabelChangeLeftAMemoryInTheOldSpace() {
    // given: Engram cannot move or delete the old memory
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    db = adapter().partition(SpacePartition.perLabel("neo4j")).clock(clock).build();
    db.upsertNode(Node.of("n1", "draft", Map.of("v", 1L)));
    clock.advance(Duration.ofSeconds(1));

    // when
    Node published = Node.of("n1", "published", Map.of("v", 2L));
    db.upsertNode(published);

    // then
    assertThat(db.getNode("n1")).contains(published);
    assertThat(db.countNodes()).isEqualTo(2);
  }

  @Test
  void shouldAnswerNamedReadsWithRecallHitsBestFirst() {
    // given
    float[] ada = HashEmbedder.vector(42);
    db = adapter()
        .read("mentions", EngramRead.text("q"))
        .read("similar", EngramRead.embedding("vector").threshold(0.9).maxResults(5))
        .build();
    db.upsertNodes(List.of(
        new Node("ada", Set.of("Person"), Map.of("name", "Ada Lovelace", "embedding", ada)),
        Node.of("grace", "Person", Map.of("name", "Grace Hopper")),
        Node.of("note", "Note", Map.of("text", "Lovelace and Babbage"))));

    // when
    QueryResult mentions = db.query("mentions", Map.of("q", "lovelace"));
    QueryResult similar = db.query("similar", Map.of("vector", HashEmbedder.near(ada, 7)));
    QueryResult limited = db.query("mentions", Map.of("q", "lovelace", "maxResults", 1));

    // then
    assertThat(mentions.idSet()).containsExactlyInAnyOrder("ada", "note");
    assertThat(mentions.hits()).allSatisfy(h -> assertThat(h.score()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-6)));
    assertThat(mentions.hits()).filteredOn(h -> h.id().equals("ada")).singleElement()
        .satisfies(h -> assertThat(h.properties()).containsEntry("name", "Ada Lovelace").doesNotContainKey("embedding"));
    assertThat(similar.ids()).containsExactly("ada");
    assertThat(similar.hits().get(0).score()).isGreaterThan(0.95);
    assertThat(limited.size()).isEqualTo(1);
    assertThat(db.queryNames()).containsExactlyInAnyOrder("mentions", "similar");
    assertThatThrownBy(() -> db.query("nope", Map.of())).isInstanceOf(UnknownQueryException.class);
    assertThatThrownBy(() -> db.query("mentions", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'q'");
    assertThatThrownBy(() -> db.query("similar", Map.of("vector", new float[3])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("768");
  }

  @Test
  void shouldCountAnUnstablePageWhenTheSpaceIsWrittenDuringAScan() {
    // given
    db = adapter().build();
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      nodes.add(Node.of("n" + i, "Doc", Map.of("i", (long) i)));
    }
    db.upsertNodes(nodes);
    ScanPage<Node> first = db.scanNodes(ScanRequest.all(3));

    // when
    db.upsertNode(Node.of("late", "Doc", Map.of()));
    ScanPage<Node> second = db.scanNodes(ScanRequest.all(3).after(first.next().orElseThrow()));
    ScanPage<Node> third = db.scanNodes(ScanRequest.all(3).after(second.next().orElseThrow()));

    // then
    assertThat(db.metrics().unstableScanPages()).isEqualTo(1);
    List<Node> firstTwo = new ArrayList<>(first.items());
    firstTwo.addAll(second.items());
    assertThat(first.items()).hasSize(3);
    assertThat(firstTwo).containsExactlyInAnyOrderElementsOf(nodes);
    assertThat(third.items()).extracting(Node::id).containsExactly("late");
    assertThat(third.hasNext()).isFalse();
    assertThatThrownBy(() -> db.scanNodes(ScanRequest.all(3).after("not-a-cursor")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReadForeignMemoriesAsRawContentWhenAnotherClientWroteThem() throws Exception {
    // given: a memory written straight to Engram, not by the adapter
    db = adapter().build();
    StringBuilder body = new StringBuilder("{\"id\":\"mem_1a2b3c4d\",\"content\":\"Ada met Babbage\",\"embedding\":[");
    float[] v = HashEmbedder.vector(5);
    for (int i = 0; i < v.length; i++) {
      body.append(i == 0 ? "" : ",").append(v[i]);
    }
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(engram.baseUri() + "/api/v1/memories/remember"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);

    // when
    List<Node> all = db.sampleNodes(10, 1);

    // then
    assertThat(all).containsExactly(new Node("mem_1a2b3c4d", Set.of(), Map.of("content", "Ada met Babbage")));
    assertThat(db.countNodesByLabel()).isEmpty();
  }
}
