package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Checked;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.WriteResult;
import dev.graphshift.engram.EngramGraphDatabase;
import dev.graphshift.engram.EngramModel;
import dev.graphshift.mapping.Conversion;
import dev.graphshift.mapping.EmbeddingRule;
import dev.graphshift.mapping.MissingEmbedding;
import dev.graphshift.mapping.NodeRule;
import dev.graphshift.mapping.SchemaMapper;
import dev.graphshift.mapping.SchemaMapping;
import dev.graphshift.mapping.ValuePolicies;
import dev.graphshift.mapping.ValuePolicy;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.neptune.NeptuneValuePolicy;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import dev.graphshift.testing.engram.EngramStandIn;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6, a corpus of bad input: each case is a batch of good records with bad ones among them,
 * written to a real adapter (the in-memory reference, the embedded Neo4j, the Neptune adapter on the
 * Gremlin Server, the Engram adapter on the stand-in) or mapped by a {@link SchemaMapper}. The record
 * rules every adapter runs first are exercised on every adapter that can hold the record; the adapters'
 * and the mapper's own rules on theirs.
 *
 * <p>Asserted for every case: written + skipped + rejected = input; exactly the bad records are rejected,
 * each with the expected rule from {@link Rules}, a message, and a description ({@link Rejected#toString()})
 * naming the record and the rule; the good records of the batch are written (or mapped) and readable; a
 * rejected record is not on the target. No case throws.
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class BadInputIT {

  /** Where a case goes. */
  enum Target { MEMORY, NEO4J, NEPTUNE, ENGRAM, MAPPER }

  /**
   * One case of the corpus.
   *
   * @param name what is wrong
   * @param target where the batch goes
   * @param batch good and bad records, all nodes or all relationships
   * @param bad the index in the batch of each bad record, with the rule it must be rejected by
   * @param mapper the mapper of a {@link Target#MAPPER} case
   */
  record Case(String name, Target target, List<? extends GraphRecord> batch, Map<Integer, String> bad,
      SchemaMapper mapper) {}

  private static final SchemaMapper NO_MAPPER = SchemaMapper.builder(SchemaMapping.builder("none").build()).build();
  private static final float[] FIXED = Servers.embed(List.of("a fixed embedding")).get(0);

  @Test
  void shouldRejectEveryBadRecordWithItsRuleAndWriteTheRest(EmbeddedNeo4j neo4j, EmbeddedGremlinServer gremlin) {
    neo4j.clear();
    gremlin.clear();
    try (EngramStandIn standIn = EngramStandIn.builder().build().start();
        GraphDatabase memory = InMemoryGraphDatabase.named("memory");
        GraphDatabase neo = Servers.neo4j("neo4j", neo4j.boltUri()).build();
        GraphDatabase neptune = Servers.neptune("neptune", gremlin).build();
        GraphDatabase neptuneNoVectors = Servers.neptune("neptune-no-vectors", gremlin)
            .valuePolicy(NeptuneValuePolicy.defaults().withVectors(NeptuneValuePolicy.VectorPolicy.REJECT)).build();
        GraphDatabase engram = Servers.engram("engram", standIn).build()) {
      Map<Target, GraphDatabase> dbs = Map.of(Target.MEMORY, memory, Target.NEO4J, neo, Target.NEPTUNE, neptune,
          Target.ENGRAM, engram);
      List<Case> corpus = new ArrayList<>();
      for (Target t : List.of(Target.MEMORY, Target.NEO4J, Target.NEPTUNE, Target.ENGRAM)) {
        corpus.addAll(nodeCases(t));
        if (t != Target.ENGRAM) {
          corpus.addAll(relationshipCases(t));
        }
      }
      corpus.addAll(adapterCases());
      corpus.addAll(mapperCases());
      // endpoints for the relationship cases
      for (Target t : List.of(Target.MEMORY, Target.NEO4J, Target.NEPTUNE)) {
        assertThat(dbs.get(t).upsertNodes(List.of(Node.of("a", "Thing", Map.of()), Node.of("b", "Thing", Map.of())))
            .isClean()).isTrue();
      }

      Map<String, Long> byRule = new TreeMap<>();
      long input = 0;
      long written = 0;
      long rejected = 0;
      List<String> names = new ArrayList<>();
      for (Case c : corpus) {
        GraphDatabase db = c.name().startsWith("neptune vector") ? neptuneNoVectors : dbs.get(c.target());
        Outcome outcome = run(c, db);
        assertCase(c, outcome, db);
        input += c.batch().size();
        written += outcome.written();
        rejected += outcome.rejected().size();
        outcome.rejected().forEach(r -> byRule.merge(r.rule(), 1L, Long::sum));
        names.add(c.target() + ": " + c.name());
      }

      // then: the corpus is what the issue asks for, and the counts reconcile over all of it
      assertThat(corpus.stream().map(Case::name).distinct().count()).as("distinct cases").isGreaterThanOrEqualTo(30);
      assertThat(written + rejected).isEqualTo(input);
      new Figures("bad-input")
          .put("cases", corpus.size())
          .put("distinctCases", corpus.stream().map(Case::name).distinct().count())
          .put("records", input)
          .put("written", written)
          .put("rejected", rejected)
          .put("rejectedByRule", byRule)
          .put("lost", input - written - rejected)
          .put("corpus", names)
          .write();
    }
  }

  /** What a case gave: records written (or mapped) and rejected. */
  record Outcome(int written, int skipped, List<Rejected> rejected) {}

  @SuppressWarnings("unchecked")
  private static Outcome run(Case c, GraphDatabase db) {
    boolean nodes = c.batch().get(0) instanceof Node;
    if (c.target() == Target.MAPPER) {
      Checked<?> out = nodes ? c.mapper().mapNodes((List<Node>) c.batch())
          : c.mapper().mapRelationships((List<Relationship>) c.batch());
      return new Outcome(out.accepted().size(), 0, out.rejected());
    }
    WriteResult result = nodes ? db.upsertNodes((List<Node>) c.batch())
        : db.upsertRelationships((List<Relationship>) c.batch());
    return new Outcome(result.written(), result.skipped(), result.rejected());
  }

  private static void assertCase(Case c, Outcome outcome, GraphDatabase db) {
    String what = c.target() + ": " + c.name();
    assertThat(outcome.written() + outcome.skipped() + outcome.rejected().size()).as("%s: written + rejected", what)
        .isEqualTo(c.batch().size());
    assertThat(outcome.skipped()).as("%s: skipped", what).isZero();
    assertThat(outcome.rejected()).as("%s: rejected", what).hasSameSizeAs(c.bad().keySet());
    for (Map.Entry<Integer, String> bad : c.bad().entrySet()) {
      GraphRecord record = c.batch().get(bad.getKey());
      Rejected r = outcome.rejected().stream().filter(x -> x.record() == record).findFirst().orElse(null);
      assertThat(r).as("%s: the rejection of %s among %s", what, record, outcome.rejected()).isNotNull();
      assertThat(r.rule()).as("%s: the rule of %s", what, r).isEqualTo(bad.getValue());
      assertThat(r.message()).as(what).isNotBlank();
      assertThat(r.toString()).as(what).contains("'" + bad.getValue() + "'");
      if (!record.id().isBlank()) {
        assertThat(r.toString()).as("%s: names the record", what).contains(record.id());
      }
    }
    if (c.target() == Target.MAPPER) {
      return;
    }
    for (int i = 0; i < c.batch().size(); i++) {
      GraphRecord record = c.batch().get(i);
      boolean isBad = c.bad().containsKey(i);
      boolean firstOfDuplicates = isBad && c.bad().get(i).equals(Rules.DUPLICATE_ID);
      if (record.id().isBlank() || firstOfDuplicates) {
        continue;
      }
      boolean present = record instanceof Node ? db.getNode(record.id()).isPresent()
          : db.getRelationship(record.id()).isPresent();
      boolean writtenElsewhere = c.batch().stream().anyMatch(o -> o != record && o.id().equals(record.id()));
      if (isBad && !writtenElsewhere) {
        assertThat(present).as("%s: rejected %s is not on the target", what, record.id()).isFalse();
      } else if (!isBad) {
        assertThat(present).as("%s: good %s is on the target", what, record.id()).isTrue();
      }
    }
  }

  private static int counter;

  /** A fresh id, so that the cases do not see each other's records. */
  private static String id(String prefix) {
    return prefix + (++counter);
  }

  private static Node good(String text) {
    return Node.of(id("good-"), "Thing", Map.of("text", text + " " + counter));
  }

  private static Case nodes(String name, Target target, Node bad, String rule) {
    return new Case(name, target, List.of(good(name), bad, good(name + " after")), Map.of(1, rule), NO_MAPPER);
  }

  private static Relationship goodRel() {
    return Relationship.of(id("rgood-"), "LINKS", "a", "b", Map.of());
  }

  private static Case rels(String name, Target target, Relationship bad, String rule) {
    return new Case(name, target, List.of(goodRel(), bad, goodRel()), Map.of(1, rule), NO_MAPPER);
  }

  /** The record rules on nodes, on every adapter. */
  private static List<Case> nodeCases(Target t) {
    Map<String, Object> nested = new HashMap<>();
    nested.put("nested", Map.of("a", 1L));
    Map<String, Object> uuid = new HashMap<>();
    uuid.put("uuid", UUID.fromString("00000000-0000-0000-0000-000000000001"));
    Node first = Node.of(id("dup-"), "Thing", Map.of("v", 1L));
    return List.of(
        nodes("missing id", t, Node.of("", "Thing", Map.of("v", 1L)), Rules.ID_MISSING),
        nodes("blank id", t, Node.of("   ", "Thing", Map.of("v", 1L)), Rules.ID_MISSING),
        nodes("empty label", t, new Node(id("n-"), Set.of(""), Map.of()), Rules.LABEL_INVALID),
        nodes("blank label", t, new Node(id("n-"), Set.of("Thing", "  "), Map.of()), Rules.LABEL_INVALID),
        nodes("label with an unpaired surrogate", t, new Node(id("n-"), Set.of("Bad\uD800"), Map.of()),
            Rules.LABEL_INVALID),
        nodes("empty property key", t, Node.of(id("n-"), "Thing", Map.of("", 1L)), Rules.PROPERTY_KEY_INVALID),
        nodes("property key with an unpaired surrogate", t, Node.of(id("n-"), "Thing", Map.of("k\uDC00", 1L)),
            Rules.PROPERTY_KEY_INVALID),
        nodes("string with invalid UTF-16", t, Node.of(id("n-"), "Thing", Map.of("s", "x\uD83Dy")), Rules.VALUE_KIND),
        nodes("NaN", t, Node.of(id("n-"), "Thing", Map.of("d", Double.NaN)), Rules.VALUE_NOT_FINITE),
        nodes("infinity", t, Node.of(id("n-"), "Thing", Map.of("d", Double.NEGATIVE_INFINITY)), Rules.VALUE_NOT_FINITE),
        nodes("vector with NaN", t, Node.of(id("n-"), "Thing", Map.of("v", new float[] {1, Float.NaN})),
            Rules.VALUE_NOT_FINITE),
        nodes("unsupported type (UUID)", t, Node.of(id("n-"), "Thing", uuid), Rules.VALUE_KIND),
        nodes("unsupported type (nested map)", t, Node.of(id("n-"), "Thing", nested), Rules.VALUE_KIND),
        nodes("list of mixed kinds", t, Node.of(id("n-"), "Thing", Map.of("l", List.of("a", 1L))), Rules.VALUE_KIND),
        new Case("duplicate ids in one batch", t, List.of(first, good("dup"), Node.of(first.id(), "Thing",
            Map.of("v", 2L))), Map.of(2, Rules.DUPLICATE_ID), NO_MAPPER));
  }

  /** The record rules on relationships, on every adapter that stores relationships. */
  private static List<Case> relationshipCases(Target t) {
    Relationship first = Relationship.of(id("rdup-"), "LINKS", "a", "b", Map.of("v", 1L));
    return List.of(
        rels("relationship without id", t, Relationship.of("", "LINKS", "a", "b", Map.of()), Rules.ID_MISSING),
        rels("blank type", t, Relationship.of(id("r-"), " ", "a", "b", Map.of()), Rules.TYPE_INVALID),
        rels("type with an unpaired surrogate", t, Relationship.of(id("r-"), "L\uDBFF", "a", "b", Map.of()),
            Rules.TYPE_INVALID),
        rels("blank endpoint", t, Relationship.of(id("r-"), "LINKS", "", "b", Map.of()), Rules.ID_MISSING),
        rels("dangling endpoint", t, Relationship.of(id("r-"), "LINKS", "a", "no-such-node", Map.of()),
            Rules.DANGLING_ENDPOINT),
        rels("NaN on a relationship", t, Relationship.of(id("r-"), "LINKS", "a", "b", Map.of("w", Double.NaN)),
            Rules.VALUE_NOT_FINITE),
        new Case("duplicate relationship ids in one batch", t, List.of(first, goodRel(),
            Relationship.of(first.id(), "LINKS", "b", "a", Map.of())), Map.of(2, Rules.DUPLICATE_ID), NO_MAPPER));
  }

  /** Each adapter's own rules. */
  private static List<Case> adapterCases() {
    Map<String, Object> huge = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      huge.put("p" + i, "value " + i);
    }
    float[] constant = new float[EngramModel.DIMENSIONS];
    Arrays.fill(constant, 0.5f);
    return List.of(
        nodes("neo4j identity property", Target.NEO4J, Node.of(id("n-"), "Thing", Map.of("id", "x")),
            Rules.NEO4J_IDENTITY_CONFLICT),
        nodes("neo4j key label", Target.NEO4J, new Node(id("n-"), Set.of("Thing", Servers.KEY_LABEL), Map.of()),
            Rules.NEO4J_IDENTITY_CONFLICT),
        nodes("neo4j NUL in a label", Target.NEO4J, new Node(id("n-"), Set.of("nul\0label"), Map.of()),
            Rules.NEO4J_NAME_INVALID),
        nodes("neo4j NUL in a property key", Target.NEO4J, Node.of(id("n-"), "Thing", Map.of("k\0", 1L)),
            Rules.NEO4J_NAME_INVALID),
        rels("neo4j NUL in a relationship type", Target.NEO4J, Relationship.of(id("r-"), "T\0", "a", "b", Map.of()),
            Rules.NEO4J_NAME_INVALID),
        nodes("neptune label separator", Target.NEPTUNE, new Node(id("n-"), Set.of("a::b"), Map.of()),
            Rules.NEPTUNE_LABEL),
        nodes("neptune reserved label", Target.NEPTUNE, new Node(id("n-"), Set.of("vertex"), Map.of()),
            Rules.NEPTUNE_LABEL),
        nodes("neptune vector under the REJECT policy", Target.NEPTUNE, Node.of(id("n-"), "Thing",
            Map.of("v", new float[] {1, 2})), Rules.NEPTUNE_VALUE_POLICY),
        nodes("neptune time of day", Target.NEPTUNE, Node.of(id("n-"), "Thing", Map.of("t", LocalTime.NOON)),
            Rules.NEPTUNE_VALUE_POLICY),
        nodes("engram oversized content", Target.ENGRAM, Node.of(id("n-"), "Thing", Map.of("text", "x".repeat(150_000))),
            Rules.ENGRAM_CONTENT_TOO_LARGE),
        nodes("engram huge property map", Target.ENGRAM, Node.of(id("n-"), "Thing", huge),
            Rules.ENGRAM_CONTENT_TOO_LARGE),
        nodes("engram wrong embedding size", Target.ENGRAM, Node.of(id("n-"), "Thing",
            Map.of(EngramModel.EMBEDDING_PROPERTY, new float[10])), Rules.ENGRAM_EMBEDDING),
        nodes("engram constant embedding", Target.ENGRAM, Node.of(id("n-"), "Thing",
            Map.of(EngramModel.EMBEDDING_PROPERTY, constant)), Rules.ENGRAM_EMBEDDING),
        new Case("engram near-duplicate embeddings", Target.ENGRAM, List.of(
            Node.of(id("n-"), "Thing", Map.of(EngramModel.EMBEDDING_PROPERTY, FIXED, "text", "one")),
            good("near"),
            Node.of(id("n-"), "Thing", Map.of(EngramModel.EMBEDDING_PROPERTY, FIXED.clone(), "text", "two"))),
            Map.of(2, Rules.ENGRAM_NEAR_DUPLICATE), NO_MAPPER),
        new Case("engram relationships", Target.ENGRAM, List.of(Relationship.of(id("r-"), "LINKS", "a", "b", Map.of())),
            Map.of(0, Rules.UNSUPPORTED_CAPABILITY), NO_MAPPER));
  }

  /** The mapper's rules. */
  private static List<Case> mapperCases() {
    Function<SchemaMapping, SchemaMapper> m = mapping -> SchemaMapper.builder(mapping).build();
    SchemaMapper required = m.apply(SchemaMapping.builder("m").node(NodeRule.builder("Person").require("name").build())
        .build());
    SchemaMapper convert = m.apply(SchemaMapping.builder("m").node(NodeRule.builder("Person").convert("age",
        Conversion.LONG).build()).build());
    SchemaMapper embedding = m.apply(SchemaMapping.builder("m")
        .embedding(new EmbeddingRule("embedding", "embedding", 4, MissingEmbedding.REJECT)).build());
    SchemaMapper noVectors = m.apply(SchemaMapping.builder("m")
        .values(new ValuePolicies(ValuePolicy.REJECT, ValuePolicy.KEEP, ValuePolicy.KEEP)).build());
    SchemaMapper rename = m.apply(SchemaMapping.builder("m").node(NodeRule.builder("Person").rename("name",
        "full_name").build()).build());
    Node ok = Node.of(id("m-"), "Person", Map.of("name", "Ada", "age", "36", "embedding", new float[] {1, 2, 3, 4}));
    return List.of(
        mapped("mapping: required property absent", required, ok, Node.of(id("m-"), "Person", Map.of("age", 3L)),
            Rules.REQUIRED_PROPERTY),
        mapped("mapping: value not convertible", convert, ok, Node.of(id("m-"), "Person", Map.of("age", "abc")),
            Rules.CONVERSION),
        mapped("mapping: embedding of the wrong dimension", embedding, ok, Node.of(id("m-"), "Person",
            Map.of("embedding", new float[3])), Rules.EMBEDDING_DIMENSION),
        mapped("mapping: embedding with NaN", embedding, ok, Node.of(id("m-"), "Person",
            Map.of("embedding", new float[] {0, Float.NaN, 0, 0})), Rules.VALUE_NOT_FINITE),
        mapped("mapping: forbidden vector", noVectors, Node.of(id("m-"), "Person", Map.of("name", "Ada")),
            Node.of(id("m-"), "Person", Map.of("v", new float[] {1, 2})), Rules.VALUE_FORBIDDEN),
        mapped("mapping: rename onto an existing property", rename, ok, Node.of(id("m-"), "Person",
            Map.of("name", "Ada", "full_name", "Ada L.")), Rules.PROPERTY_CONFLICT));
  }

  private static Case mapped(String name, SchemaMapper mapper, Node ok, Node bad, String rule) {
    return new Case(name, Target.MAPPER, List.of(ok, bad), Map.of(1, rule), mapper);
  }
}
