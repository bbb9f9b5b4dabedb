package dev.graphshift.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Capabilities;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.UnknownQueryException;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance kit of the {@link GraphDatabase} SPI: the behaviour every adapter, the in-memory
 * database and every coordinator must show. Extend it, return an empty database from {@link
 * #openEmptyDatabase()}, and override the hooks where the database documents a difference (a value
 * it converts by a documented rule, a record it needs extra data for).
 *
 * <p>Where a database lacks a capability ({@link Capabilities}), the tests that need it assert
 * instead that the database reports the lack by rejecting each record with {@link
 * Rules#UNSUPPORTED_CAPABILITY}: nothing is skipped silently.
 */
public abstract class GraphDatabaseContract {

  /** The database under test, opened empty before each test. */
  protected GraphDatabase db;

  /** Returns an empty database; called before each test. */
  protected abstract GraphDatabase openEmptyDatabase();

  /** Releases the database after each test; closes it by default. */
  protected void closeDatabase(GraphDatabase database) {
    database.close();
  }

  /**
   * Adds what this database needs to store a node the kit made (for example an embedding); the kit
   * compares what it reads back with the adapted node. Identity by default.
   */
  protected Node adapt(Node node) {
    return node;
  }

  /**
   * What this database gives back for a value of the closed set: the value itself by default, another
   * value where the database converts by a documented rule, or empty where it rejects the kind with a
   * reason.
   */
  protected Optional<Object> expectedRoundTrip(String kind, Object value) {
    return Optional.of(value);
  }

  /** The page size scans use in the kit: small, so that every scan spans many pages. */
  protected int scanPageSize() {
    return 7;
  }

  @BeforeEach
  void openDatabase() {
    db = openEmptyDatabase();
    assertThat(db.countNodes()).as("openEmptyDatabase() must return an empty database").isZero();
  }

  @AfterEach
  void closeDatabase() {
    if (db != null) {
      closeDatabase(db);
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  protected Node node(String id, String label, Map<String, ?> properties) {
    return adapt(Node.of(id, label, properties));
  }

  protected Node node(String id, Set<String> labels, Map<String, ?> properties) {
    return adapt(new Node(id, labels, dev.graphshift.PropertyValues.widen(properties)));
  }

  protected List<Node> people(int n) {
    List<Node> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      nodes.add(node(String.format("p%05d", i), "Person", Map.of("name", "person " + i, "rank", i)));
    }
    return nodes;
  }

  protected boolean relationships() {
    return db.capabilities().relationships();
  }

  /** Reads every node with scans of the given page size, failing on a repeated id. */
  protected List<Node> scanAllNodes(ScanRequest first) {
    List<Node> all = new ArrayList<>();
    ScanRequest request = first;
    int pages = 0;
    while (true) {
      ScanPage<Node> page = db.scanNodes(request);
      all.addAll(page.items());
      if (page.next().isEmpty()) {
        return all;
      }
      assertThat(++pages).as("a scan must end").isLessThan(1_000_000);
      request = request.after(page.next().get());
    }
  }

  protected List<Relationship> scanAllRelationships(ScanRequest first) {
    List<Relationship> all = new ArrayList<>();
    ScanRequest request = first;
    while (true) {
      ScanPage<Relationship> page = db.scanRelationships(request);
      all.addAll(page.items());
      if (page.next().isEmpty()) {
        return all;
      }
      request = request.after(page.next().get());
    }
  }

  private static List<String> ids(List<? extends dev.graphshift.GraphRecord> records) {
    return records.stream().map(dev.graphshift.GraphRecord::id).toList();
  }

  // ------------------------------------------------------------------------------------- writes

  @Test
  void shouldReadNodeBackWhenUpserted() {
    // given
    Node ada = node("ada", "Person", Map.of("name", "Ada", "born", 1815));

    // when
    WriteResult result = db.upsertNode(ada);

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(result.rejected()).isEmpty();
    assertThat(db.getNode("ada")).contains(ada);
    assertThat(db.countNodes()).isEqualTo(1);
  }

  @Test
  void shouldLeaveOneRecordWhenTheSameBatchIsUpsertedTwice() {
    // given
    List<Node> batch = people(20);

    // when
    db.upsertNodes(batch);
    WriteResult again = db.upsertNodes(batch);

    // then
    assertThat(again.written()).isEqualTo(20);
    assertThat(db.countNodes()).isEqualTo(20);
    assertThat(db.countNodes("Person")).isEqualTo(20);
    assertThat(db.getNode("p00007")).contains(batch.get(7));
  }

  @Test
  void shouldReplaceLabelsAndPropertiesWhenUpsertingAnExistingNode() {
    // given
    db.upsertNode(node("n1", Set.of("A", "B"), Map.of("keep", "old", "drop", 1, "tags", List.of("x"))));

    // when
    Node replacement = node("n1", Set.of("B", "C"), Map.of("keep", "new", "tags", List.of("y")));
    db.upsertNode(replacement);

    // then
    assertThat(db.getNode("n1")).contains(replacement);
    assertThat(db.countNodes("A")).isZero();
    assertThat(db.countNodes("B")).isEqualTo(1);
    assertThat(db.countNodes("C")).isEqualTo(1);
  }

  @Test
  void shouldSkipExistingNodesWhenInsertingIfAbsent() {
    // given
    Node newer = node("n1", "Person", Map.of("v", 2));
    db.upsertNode(newer);

    // when
    WriteResult result = db.upsertNodes(
        List.of(node("n1", "Person", Map.of("v", 1)), node("n2", "Person", Map.of("v", 1))),
        WriteMode.INSERT_IF_ABSENT);

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(result.skipped()).isEqualTo(1);
    assertThat(db.getNode("n1")).contains(newer);
    assertThat(db.getNode("n2")).isPresent();
  }

  @Test
  void shouldSucceedWhenDeletingAbsentIds() {
    // when
    WriteResult nodes = db.deleteNodes(List.of("nobody"));

    // then
    if (db.capabilities().nodeDeletes()) {
      assertThat(nodes.written()).isEqualTo(1);
      assertThat(nodes.rejected()).isEmpty();
    } else {
      assertThat(nodes.rejected()).extracting(Rejected::rule).containsExactly(Rules.UNSUPPORTED_CAPABILITY);
    }
  }

  @Test
  void shouldDeleteNodeWithItsRelationshipsWhenDeletingANode() {
    // given
    db.upsertNodes(people(3));
    WriteResult rels = db.upsertRelationships(List.of(
        Relationship.of("r1", "KNOWS", "p00000", "p00001", Map.of()),
        Relationship.of("r2", "KNOWS", "p00001", "p00002", Map.of())));

    // when
    WriteResult deleted = db.deleteNode("p00001");

    // then
    if (!db.capabilities().nodeDeletes()) {
      assertThat(deleted.rejected()).extracting(Rejected::rule).containsExactly(Rules.UNSUPPORTED_CAPABILITY);
      assertThat(db.getNode("p00001")).isPresent();
      return;
    }
    assertThat(db.getNode("p00001")).isEmpty();
    assertThat(db.countNodes()).isEqualTo(2);
    if (relationships()) {
      assertThat(rels.written()).isEqualTo(2);
      assertThat(db.countRelationships()).isZero();
      assertThat(db.getRelationship("r1")).isEmpty();
      assertThat(db.degree("p00000")).isZero();
    }
  }

  @Test
  void shouldDeleteOnlyTheGivenRelationshipWhenDeletingRelationships() {
    // given
    db.upsertNodes(people(2));
    WriteResult written = db.upsertRelationships(List.of(
        Relationship.of("r1", "KNOWS", "p00000", "p00001", Map.of()),
        Relationship.of("r2", "KNOWS", "p00000", "p00001", Map.of())));

    // when
    WriteResult deleted = db.deleteRelationships(List.of("r1", "absent"));

    // then
    if (!relationships() || !db.capabilities().relationshipDeletes()) {
      assertThat(deleted.rejected()).extracting(Rejected::rule).containsOnly(Rules.UNSUPPORTED_CAPABILITY);
      return;
    }
    assertThat(written.written()).isEqualTo(2);
    assertThat(deleted.written()).isEqualTo(2);
    assertThat(db.getRelationship("r1")).isEmpty();
    assertThat(db.getRelationship("r2")).isPresent();
    assertThat(db.countNodes()).isEqualTo(2);
  }

  @Test
  void shouldRejectEachRelationshipWhenTheDatabaseCannotStoreRelationships() {
    // given
    db.upsertNodes(people(2));
    List<Relationship> rels = List.of(
        Relationship.of("r1", "KNOWS", "p00000", "p00001", Map.of()),
        Relationship.of("r2", "LIKES", "p00001", "p00000", Map.of()));

    // when
    WriteResult result = db.upsertRelationships(rels);

    // then
    assertThat(result.total()).isEqualTo(2);
    if (relationships()) {
      assertThat(result.written()).isEqualTo(2);
    } else {
      assertThat(result.rejected()).extracting(Rejected::rule)
          .containsExactly(Rules.UNSUPPORTED_CAPABILITY, Rules.UNSUPPORTED_CAPABILITY);
      assertThat(result.rejected().get(0).message()).isNotBlank();
    }
  }

  @Test
  void shouldKeepParallelRelationshipsDistinctWhenTheyShareTypeAndEndpoints() {
    if (!relationships()) {
      return;
    }
    // given
    db.upsertNodes(people(2));

    // when
    db.upsertRelationships(List.of(
        Relationship.of("r1", "KNOWS", "p00000", "p00001", Map.of("since", 2001)),
        Relationship.of("r2", "KNOWS", "p00000", "p00001", Map.of("since", 2002)),
        Relationship.of("r3", "KNOWS", "p00000", "p00001", Map.of("since", 2003))));
    db.upsertRelationship(Relationship.of("r2", "KNOWS", "p00000", "p00001", Map.of("since", 2012)));

    // then
    assertThat(db.countRelationships("KNOWS")).isEqualTo(3);
    assertThat(db.getRelationship("r2")).contains(
        Relationship.of("r2", "KNOWS", "p00000", "p00001", Map.of("since", 2012)));
    assertThat(db.degree("p00000")).isEqualTo(3);
    assertThat(db.degree("p00001")).isEqualTo(3);
  }

  @Test
  void shouldCountASelfLoopOnceWhenComputingDegree() {
    if (!relationships()) {
      return;
    }
    // given
    db.upsertNodes(people(2));

    // when
    db.upsertRelationships(List.of(
        Relationship.of("loop", "LIKES", "p00000", "p00000", Map.of()),
        Relationship.of("out", "KNOWS", "p00000", "p00001", Map.of())));

    // then
    assertThat(db.getRelationship("loop")).contains(Relationship.of("loop", "LIKES", "p00000", "p00000", Map.of()));
    assertThat(db.degree("p00000")).isEqualTo(2);
    assertThat(db.degree("p00001")).isEqualTo(1);
    assertThat(db.degree("absent")).isZero();
    assertThat(db.degrees(List.of("p00000", "p00001"))).containsEntry("p00000", 2L).containsEntry("p00001", 1L);
  }

  @Test
  void shouldRejectRelationshipWhenAnEndpointIsMissing() {
    if (!relationships()) {
      return;
    }
    // given
    db.upsertNodes(people(1));

    // when
    WriteResult result = db.upsertRelationships(List.of(
        Relationship.of("ok", "LIKES", "p00000", "p00000", Map.of()),
        Relationship.of("dangling", "KNOWS", "p00000", "ghost", Map.of())));

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(result.rejected()).singleElement().satisfies(r -> {
      assertThat(r.recordId()).isEqualTo("dangling");
      assertThat(r.rule()).isEqualTo(Rules.DANGLING_ENDPOINT);
    });
    assertThat(db.countRelationships()).isEqualTo(1);
  }

  @Test
  void shouldSkipExistingRelationshipsWhenInsertingIfAbsent() {
    if (!relationships()) {
      return;
    }
    // given
    db.upsertNodes(people(2));
    db.upsertRelationship(Relationship.of("r1", "KNOWS", "p00000", "p00001", Map.of("v", 2)));

    // when
    WriteResult result = db.upsertRelationships(List.of(
        Relationship.of("r1", "KNOWS", "p00000", "p00001", Map.of("v", 1)),
        Relationship.of("r2", "KNOWS", "p00000", "p00001", Map.of("v", 1))), WriteMode.INSERT_IF_ABSENT);

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(result.skipped()).isEqualTo(1);
    assertThat(db.getRelationship("r1")).map(r -> r.properties().get("v")).contains(2L);
  }

  @Test
  void shouldStoreEveryLabelWhenANodeHasSeveral() {
    // given
    Node multi = node("m1", Set.of("Person", "Employee", "Admin"), Map.of("name", "Grace"));

    // when
    db.upsertNode(multi);

    // then
    assertThat(db.getNode("m1")).contains(multi);
    assertThat(db.countNodes("Employee")).isEqualTo(1);
    assertThat(db.countNodesByLabel()).containsEntry("Person", 1L).containsEntry("Admin", 1L);
  }

  @Test
  void shouldCountPerLabelAndTypeWhenTheGraphIsMixed() {
    // given
    db.upsertNodes(people(5));
    db.upsertNodes(List.of(node("d1", "Document", Map.of()), node("d2", "Document", Map.of())));
    if (relationships()) {
      db.upsertRelationships(List.of(
          Relationship.of("k1", "KNOWS", "p00000", "p00001", Map.of()),
          Relationship.of("k2", "KNOWS", "p00001", "p00002", Map.of()),
          Relationship.of("r1", "READ", "p00000", "d1", Map.of("duration", 120))));
    }

    // then
    assertThat(db.countNodes()).isEqualTo(7);
    assertThat(db.countNodes("Person")).isEqualTo(5);
    assertThat(db.countNodes("Nothing")).isZero();
    assertThat(db.countNodesByLabel()).containsEntry("Person", 5L).containsEntry("Document", 2L);
    if (relationships()) {
      assertThat(db.countRelationships()).isEqualTo(3);
      assertThat(db.countRelationships("KNOWS")).isEqualTo(2);
      assertThat(db.countRelationshipsByType()).containsEntry("KNOWS", 2L).containsEntry("READ", 1L);
    }
  }

  @Test
  void shouldReturnFoundNodesOnlyWhenGettingMany() {
    // given
    db.upsertNodes(people(5));

    // when
    Map<String, Node> found = db.getNodes(List.of("p00003", "absent", "p00001"));

    // then
    assertThat(found).containsOnlyKeys("p00003", "p00001");
    assertThat(found.get("p00003")).isEqualTo(people(5).get(3));
  }

  // ---------------------------------------------------------------------------------- bad input

  @Test
  void shouldRejectBadRecordsWithReasonsAndWriteTheRestWhenABatchIsMixed() {
    // given
    List<Node> batch = List.of(
        node("good1", "Person", Map.of("name", "ok")),
        Node.of("bad-kind", "Person", Map.of("price", new BigDecimal("1.50"))),
        Node.of("bad-nan", "Person", Map.of("score", Double.NaN)),
        Node.of("bad-vector", "Person", Map.of("embedding", new float[] {0.1f, Float.NaN})),
        Node.of("", "Person", Map.of("name", "no id")),
        Node.of("bad-map", "Person", Map.of("nested", Map.of("a", 1))),
        node("good2", "Person", Map.of("name", "ok too")),
        new Node("bad-label", Set.of(" "), Map.of()),
        Node.of("bad-list", "Person", Map.of("mixed", List.of("a", 1L))),
        Node.of("bad-string", "Person", Map.of("s", "broken \uD800 surrogate")),
        node("good1", "Person", Map.of("name", "duplicate")));

    // when
    WriteResult result = db.upsertNodes(batch);

    // then
    assertThat(result.total()).isEqualTo(batch.size());
    assertThat(result.written()).isEqualTo(2);
    Map<String, String> rules = new HashMap<>();
    for (Rejected r : result.rejected()) {
      assertThat(r.message()).isNotBlank();
      rules.put(r.recordId() + "#" + r.rule(), r.message());
    }
    assertThat(rules).containsKeys(
        "bad-kind#" + Rules.VALUE_KIND,
        "bad-nan#" + Rules.VALUE_NOT_FINITE,
        "bad-vector#" + Rules.VALUE_NOT_FINITE,
        "#" + Rules.ID_MISSING,
        "bad-map#" + Rules.VALUE_KIND,
        "bad-label#" + Rules.LABEL_INVALID,
        "bad-list#" + Rules.VALUE_KIND,
        "bad-string#" + Rules.VALUE_KIND,
        "good1#" + Rules.DUPLICATE_ID);
    assertThat(rules.get("bad-kind#" + Rules.VALUE_KIND)).contains("price").contains("BigDecimal");
    assertThat(db.countNodes()).isEqualTo(2);
    assertThat(db.getNode("good1")).map(n -> n.properties().get("name")).contains("ok");
  }

  static Stream<Arguments> valueKinds() {
    return Stream.of(
        Arguments.of("string", "héllo ✓ \uD83D\uDE00 \"quoted\" `ticked`"),
        Arguments.of("empty string", ""),
        Arguments.of("boolean", true),
        Arguments.of("long", Long.MAX_VALUE),
        Arguments.of("negative long", -42L),
        Arguments.of("double", 3.25),
        Arguments.of("float vector", new float[] {0.25f, -1.5f, 3.0e-5f}),
        Arguments.of("double vector", new double[] {0.25, -1.5, 3.0e-5}),
        Arguments.of("string list", List.of("a", "b", "a")),
        Arguments.of("long list", List.of(3L, 1L, 2L)),
        Arguments.of("double list", List.of(1.5, -2.5)),
        Arguments.of("boolean list", List.of(true, false)),
        Arguments.of("date", LocalDate.of(2024, 2, 29)),
        Arguments.of("local time", LocalTime.of(13, 45, 7, 123_000_000)),
        Arguments.of("local date time", LocalDateTime.of(2024, 2, 29, 13, 45, 7, 123_000_000)),
        Arguments.of("time", OffsetTime.of(13, 45, 7, 0, ZoneOffset.ofHours(2))),
        Arguments.of("date time", OffsetDateTime.of(2024, 2, 29, 13, 45, 7, 123_000_000, ZoneOffset.ofHours(-5))),
        Arguments.of("zoned date time", ZonedDateTime.of(2024, 2, 29, 13, 45, 7, 0, ZoneId.of("Europe/Berlin"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueKinds")
  void shouldRoundTripOrRejectWithAReasonWhenWritingEachValueKind(String kind, Object value) {
    // given
    Node node = node("v1", "Value", Map.of("value", value));
    Optional<Object> expected = expectedRoundTrip(kind, value);

    // when
    WriteResult result = db.upsertNode(node);

    // then
    assertThat(result.total()).isEqualTo(1);
    if (expected.isPresent()) {
      assertThat(result.rejected()).as("rejected: %s", result.rejected()).isEmpty();
      Object read = db.getNode("v1").orElseThrow().properties().get("value");
      assertThat(dev.graphshift.PropertyValues.valueEquals(read, expected.get()))
          .as("%s read back as %s, expected %s", kind, dev.graphshift.PropertyValues.valueToString(read),
              dev.graphshift.PropertyValues.valueToString(expected.get()))
          .isTrue();
    } else {
      assertThat(result.rejected()).singleElement().satisfies(r -> {
        assertThat(r.message()).contains("value");
        assertThat(r.rule()).isNotBlank();
      });
      assertThat(db.getNode("v1")).isEmpty();
    }
  }

  static Stream<String> hostileNames() {
    return Stream.of(
        "Per`son",
        "a'b\"c",
        "with space",
        "}) DETACH DELETE n //",
        "`) MATCH (m) DETACH DELETE m //",
        "g.V().drop().iterate()",
        "__.inject(1)",
        "ラベル ✓",
        "x\\y",
        "$param");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileNames")
  void shouldStoreHostileNamesLiterallyWhenLabelsTypesAndKeysLookLikeCode(String name) {
    // given
    Node sentinel = node("sentinel", "Sentinel", Map.of("keep", true));
    db.upsertNode(sentinel);
    Node hostile = node("h:" + name, Set.of(name, "Hostile"), Map.of(name, name, "plain", name));

    // when
    WriteResult result = db.upsertNode(hostile);

    // then
    if (!result.rejected().isEmpty()) {
      assertThat(result.rejected().get(0).message()).isNotBlank();
    } else {
      assertThat(db.getNode("h:" + name)).contains(hostile);
      assertThat(db.countNodes(name)).isEqualTo(1);
    }
    assertThat(db.getNode("sentinel")).contains(sentinel);
    assertThat(db.countNodes()).isEqualTo(result.rejected().isEmpty() ? 2 : 1);
    if (relationships() && result.rejected().isEmpty()) {
      WriteResult rel = db.upsertRelationship(Relationship.of("rel:" + name, name, "sentinel", "h:" + name, Map.of(name, name)));
      if (rel.rejected().isEmpty()) {
        assertThat(db.getRelationship("rel:" + name)).contains(
            Relationship.of("rel:" + name, name, "sentinel", "h:" + name, Map.of(name, name)));
        assertThat(db.countRelationships(name)).isEqualTo(1);
      }
      assertThat(db.getNode("sentinel")).contains(sentinel);
    }
  }

  // --------------------------------------------------------------------------------------- scans

  @Test
  void shouldReturnEveryNodeExactlyOnceWhenScanningInPages() {
    // given
    List<Node> all = people(50);
    db.upsertNodes(all);

    // when
    List<Node> scanned = scanAllNodes(ScanRequest.all(scanPageSize()));

    // then
    assertThat(ids(scanned)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(all));
    assertThat(scanned).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void shouldReturnOnlyTheLabelWhenScanningALabel() {
    // given
    db.upsertNodes(people(20));
    List<Node> docs = IntStream.range(0, 9).mapToObj(i -> node("d" + i, "Document", Map.of("i", i))).toList();
    db.upsertNodes(docs);

    // when
    List<Node> scanned = scanAllNodes(ScanRequest.of("Document", scanPageSize()));

    // then
    assertThat(scanned).containsExactlyInAnyOrderElementsOf(docs);
  }

  @Test
  void shouldContinueWithoutGapOrRepeatWhenAScanResumesFromACursor() {
    // given
    db.upsertNodes(people(40));
    ScanPage<Node> first = db.scanNodes(ScanRequest.all(5));
    ScanPage<Node> second = db.scanNodes(ScanRequest.all(5).after(first.next().orElseThrow()));
    String checkpoint = second.next().orElseThrow();

    // when: a new scan, as after a restart, resumes from the saved cursor
    List<Node> rest = scanAllNodes(ScanRequest.all(6).after(checkpoint));

    // then
    List<String> seen = new ArrayList<>(ids(first.items()));
    seen.addAll(ids(second.items()));
    seen.addAll(ids(rest));
    assertThat(seen).doesNotHaveDuplicates().hasSize(40);
  }

  @Test
  void shouldCoverTheScanWithDisjointRangesWhenSplit() {
    // given
    db.upsertNodes(people(100));

    // when
    List<ScanRequest> parts = db.splitNodeScan(ScanRequest.all(scanPageSize()), 4);

    // then
    List<String> seen = new ArrayList<>();
    for (ScanRequest part : parts) {
      seen.addAll(ids(scanAllNodes(part)));
    }
    assertThat(parts).isNotEmpty();
    assertThat(seen).doesNotHaveDuplicates().hasSize(100);
  }

  @Test
  void shouldReturnEveryStableNodeExactlyOnceWhenScanningWhileWritesHappen() throws Exception {
    // given
    int stable = 300;
    db.upsertNodes(people(stable));
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<Integer> writes = writer.submit(() -> {
      int n = 0;
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (running.get()) {
        String churn = "c" + random.nextInt(200);
        if (random.nextBoolean()) {
          db.upsertNode(node(churn, "Person", Map.of("name", "churn")));
        } else if (db.capabilities().nodeDeletes()) {
          db.deleteNode(churn);
        }
        int i = random.nextInt(stable);
        db.upsertNode(node(String.format("p%05d", i), "Person", Map.of("name", "updated " + n, "rank", i)));
        n++;
      }
      return n;
    });

    // when
    List<Node> scanned;
    try {
      scanned = scanAllNodes(ScanRequest.all(scanPageSize()));
    } finally {
      running.set(false);
      writes.get(30, TimeUnit.SECONDS);
      writer.shutdown();
    }

    // then
    List<String> scannedIds = ids(scanned);
    assertThat(scannedIds).doesNotHaveDuplicates();
    assertThat(scannedIds.stream().filter(id -> id.startsWith("p")).toList()).hasSize(stable);
  }

  @Test
  void shouldReturnEveryRelationshipExactlyOnceWhenScanningRelationships() {
    if (!relationships()) {
      return;
    }
    // given
    db.upsertNodes(people(10));
    List<Relationship> rels = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rels.add(Relationship.of("r" + i, i % 3 == 0 ? "LIKES" : "KNOWS",
          String.format("p%05d", i % 10), String.format("p%05d", (i * 7) % 10), Map.of("i", i)));
    }
    db.upsertRelationships(rels);

    // when
    List<Relationship> scanned = scanAllRelationships(ScanRequest.all(scanPageSize()));
    List<Relationship> likes = scanAllRelationships(ScanRequest.of("LIKES", scanPageSize()));
    List<ScanRequest> parts = db.splitRelationshipScan(ScanRequest.all(scanPageSize()), 3);

    // then
    assertThat(scanned).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rels);
    assertThat(likes).hasSize(10).allSatisfy(r -> assertThat(r.type()).isEqualTo("LIKES"));
    Set<String> fromParts = new HashSet<>();
    int count = 0;
    for (ScanRequest part : parts) {
      for (Relationship r : scanAllRelationships(part)) {
        fromParts.add(r.id());
        count++;
      }
    }
    assertThat(count).isEqualTo(30);
    assertThat(fromParts).hasSize(30);
  }

  @Test
  void shouldReturnTheSameSampleWhenTheSeedIsTheSame() {
    // given
    db.upsertNodes(people(200));

    // when
    List<Node> a = db.sampleNodes(25, 42L);
    List<Node> b = db.sampleNodes(25, 42L);
    List<Node> all = db.sampleNodes(1000, 7L);

    // then
    assertThat(a).hasSizeBetween(20, 25).doesNotHaveDuplicates().isEqualTo(b);
    assertThat(all).hasSize(200);
    Map<String, Node> stored = new LinkedHashMap<>();
    people(200).forEach(n -> stored.put(n.id(), n));
    assertThat(a).allSatisfy(n -> assertThat(n).isEqualTo(stored.get(n.id())));
  }

  @Test
  void shouldThrowUnknownQueryWhenAReadIsNotRegistered() {
    assertThatThrownBy(() -> db.query("no-such-read-" + System.nanoTime(), Map.of()))
        .isInstanceOf(UnknownQueryException.class)
        .hasMessageContaining("no-such-read");
  }

  @Test
  void shouldNameItselfAndDeclareCapabilities() {
    assertThat(db.name()).isNotBlank();
    Capabilities caps = db.capabilities();
    assertThat(caps.missing()).doesNotContainNull();
    Function<Capabilities, Boolean> coherent = c -> !c.relationshipDeletes() || c.relationships();
    assertThat(coherent.apply(caps)).as("relationship deletes imply relationships").isTrue();
  }
}
