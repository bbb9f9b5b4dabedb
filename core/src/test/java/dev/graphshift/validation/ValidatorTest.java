package dev.graphshift.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Capabilities;
import dev.graphshift.Checked;
import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.backfill.Graphs;
import dev.graphshift.internal.Json;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.migration.SchemaStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ValidatorTest {
  private static final int NODES = 2000;

  private final InMemoryGraphDatabase source = Graphs.sourceGraph("source", NODES);
  private final InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");

  ValidatorTest() {
    Graphs.copy(source, target);
  }

  /** A validator whose sample is every node, so rates are exact. */
  private Validator.Builder validator() {
    return Validator.builder(source, target).sampleSize(NODES);
  }

  private Validator validator(ValidationThresholds thresholds) {
    return validator().thresholds(thresholds).build();
  }

  private static CheckResult check(ValidationReport report, Check check) {
    return report.check(check).orElseThrow();
  }

  private void changeTargetNode(String id, Map<String, Object> changes) {
    Node n = target.getNode(id).orElseThrow();
    Map<String, Object> props = new HashMap<>(n.properties());
    props.putAll(changes);
    target.upsertNode(n.withProperties(props));
  }

  @Test
  void shouldPassEveryCheckWhenTheTargetEqualsTheSource() {
    // given
    Validator validator = validator().build();

    // when
    ValidationReport counts = validator.counts();
    ValidationReport sample = validator.sample();
    ValidationReport full = validator.full();

    // then
    assertThat(counts.passed()).isTrue();
    assertThat(counts.counts()).extracting(CountComparison::target)
        .contains("Person", "Company", "Customer", "KNOWS", "WORKS_AT", "LIKES");
    assertThat(sample.passed()).isTrue();
    assertThat(sample.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
    assertThat(check(sample, Check.MISSING).checked()).isEqualTo(NODES);
    assertThat(check(sample, Check.EMBEDDINGS).checked()).isEqualTo(NODES);
    assertThat(full.passed()).isTrue();
    assertThat(full.diff()).hasValueSatisfying(d -> assertThat(d.isEmpty()).isTrue());
    assertThat(check(full, Check.MISSING).checked()).isEqualTo(NODES + source.countRelationships());
    assertThat(validator.metrics().validations()).isEqualTo(3);
  }

  @Test
  void shouldFailTheCountCheckWhenATargetLabelIsShortAndPassWithinItsThreshold() {
    // given
    target.deleteNodes(List.of(Graphs.nodeId(1), Graphs.nodeId(2)));

    // when
    ValidationReport strict = validator(ValidationThresholds.defaults()).counts();
    ValidationReport tolerant = validator(ValidationThresholds.defaults().withCountDifference(0.05)).counts();

    // then
    assertThat(strict.passed()).isFalse();
    assertThat(check(strict, Check.COUNTS).examples()).anySatisfy(e -> assertThat(e)
        .isEqualTo("label 'Person': expected " + source.countNodes("Person") + ", found "
            + (source.countNodes("Person") - 2)));
    assertThat(strict.counts()).filteredOn(c -> c.target().equals("Person")).singleElement()
        .satisfies(c -> assertThat(c.difference()).isEqualTo(-2));
    assertThat(tolerant.passed()).isTrue();
  }

  @Test
  void shouldFailTheMissingCheckForOneMissingNodeAndPassWithinItsThreshold() {
    // given
    target.deleteNode(Graphs.nodeId(1234));

    // when
    ValidationReport strict = validator(ValidationThresholds.defaults()).sample();
    ValidationReport tolerant = validator(ValidationThresholds.defaults().withMissing(0.001)
        .withEdgeCountMismatches(0.01)).sample();

    // then
    CheckResult missing = check(strict, Check.MISSING);
    assertThat(missing.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(missing.failures()).isEqualTo(1);
    assertThat(missing.rate()).isEqualTo(1.0 / NODES);
    assertThat(missing.examples()).containsExactly("node 'n01234' is missing from the target");
    assertThat(check(tolerant, Check.MISSING).status()).isEqualTo(CheckStatus.PASS);
    assertThat(tolerant.passed()).isTrue();
  }

  @Test
  void shouldFailThePropertyCheckForOneChangedPropertyAndPassWithinItsThreshold() {
    // given
    changeTargetNode(Graphs.nodeId(10), Map.of("age", 99L));

    // when
    ValidationReport strict = validator(ValidationThresholds.defaults()).sample();
    ValidationReport tolerant = validator(ValidationThresholds.defaults().withPropertyMismatches(0.001)).sample();

    // then
    assertThat(check(strict, Check.PROPERTIES).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(strict, Check.PROPERTIES).examples())
        .containsExactly("node 'n00010': property 'age': expected 10, found 99");
    assertThat(check(strict, Check.EMBEDDINGS).status()).isEqualTo(CheckStatus.PASS);
    assertThat(tolerant.passed()).isTrue();
  }

  @Test
  void shouldCompareEmbeddingsByCosineSimilarityAgainstTheirThreshold() {
    // given: one vector turned away (cosine well below 0.99), one nudged (cosine above 0.99)
    float[] original = (float[]) target.getNode(Graphs.nodeId(20)).orElseThrow().properties().get("embedding");
    changeTargetNode(Graphs.nodeId(20), Map.of("embedding",
        new float[] {original[1], -original[0], original[3], -original[2]}));
    float[] other = (float[]) target.getNode(Graphs.nodeId(21)).orElseThrow().properties().get("embedding");
    changeTargetNode(Graphs.nodeId(21), Map.of("embedding",
        new float[] {other[0] * 1.001f, other[1], other[2] + 0.001f, other[3]}));

    // when
    ValidationReport strict = validator(ValidationThresholds.defaults()).sample();
    ValidationReport tolerant = validator(ValidationThresholds.defaults().withEmbeddingMismatches(0.001)).sample();

    // then: one mismatch in 2 000 is 0.05%, above 0.01% and within 0.1%
    CheckResult embeddings = check(strict, Check.EMBEDDINGS);
    assertThat(embeddings.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(embeddings.failures()).isEqualTo(1);
    assertThat(embeddings.examples()).singleElement().asString()
        .startsWith("node 'n00020': vector 'embedding': cosine similarity").endsWith("below 0.9900");
    assertThat(check(strict, Check.PROPERTIES).status()).isEqualTo(CheckStatus.PASS);
    assertThat(check(tolerant, Check.EMBEDDINGS).status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void shouldFailTheEdgeCountCheckForDroppedEdgesAndPassUnderItsThreshold() {
    // given: a dropped self-loop changes one node's count, 0.05% of 2 000: within the 0.1% default
    List<Relationship> loops = Graphs.relationships(source).values().stream()
        .filter(r -> r.type().equals("LIKES")).toList();
    target.deleteRelationship(loops.get(0).id());
    ValidationReport oneDrop = validator(ValidationThresholds.defaults()).sample();

    // when: five more KNOWS dropped
    List<String> knows = Graphs.relationships(source).values().stream().filter(r -> r.type().equals("KNOWS"))
        .limit(5).map(Relationship::id).toList();
    target.deleteRelationships(knows);
    ValidationReport sixDrops = validator(ValidationThresholds.defaults()).sample();

    // then
    assertThat(check(oneDrop, Check.EDGE_COUNTS).status()).isEqualTo(CheckStatus.PASS);
    assertThat(check(oneDrop, Check.EDGE_COUNTS).failures()).isEqualTo(1);
    assertThat(oneDrop.passed()).isTrue();
    CheckResult edges = check(sixDrops, Check.EDGE_COUNTS);
    assertThat(edges.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(edges.failures()).isGreaterThan(5);
    assertThat(edges.examples()).allSatisfy(e -> assertThat(e).matches("node 'n\\d+': expected \\d+ relationships, found \\d+"));
  }

  @Test
  void shouldReportEdgeChecksNotApplicableWhenTheTargetHasNoRelationships() {
    // given: an Engram-like target
    GraphDatabase engram = new ForwardingGraphDatabase(target) {
      @Override
      public Capabilities capabilities() {
        return Capabilities.builder().nodeDeletes(true).nativeVectors(true).build();
      }
    };
    Validator validator = Validator.builder(source, engram).sampleSize(100).build();

    // when
    ValidationReport sample = validator.sample();
    ValidationReport counts = validator.counts();
    ValidationReport full = validator.full();

    // then
    assertThat(check(sample, Check.EDGE_COUNTS).status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    assertThat(check(sample, Check.EDGE_COUNTS).note()).isEqualTo("'target' has no relationships");
    assertThat(sample.passed()).isTrue();
    assertThat(counts.counts()).allSatisfy(c -> assertThat(c.kind()).isEqualTo(CountComparison.Kind.LABEL));
    assertThat(counts.notes()).contains("relationship counts not compared: 'target' has no relationships");
    assertThat(full.passed()).isTrue();
    assertThat(sample.toText()).contains("N/A  edge-counts  'target' has no relationships");
  }

  @Test
  void shouldSampleTheSameNodesForTheSameSeed() {
    // given: a target missing every tenth node
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < NODES; i += 10) {
      gone.add(Graphs.nodeId(i));
    }
    target.deleteNodes(gone);
    Validator validator = Validator.builder(source, target).sampleSize(100).maxExamples(100).build();

    // when
    ValidationReport first = validator.sample(1);
    ValidationReport again = validator.sample(1);
    ValidationReport other = validator.sample(2);

    // then
    assertThat(check(again, Check.MISSING).examples()).isEqualTo(check(first, Check.MISSING).examples());
    assertThat(check(first, Check.MISSING).failures()).isPositive();
    assertThat(check(other, Check.MISSING).examples()).isNotEqualTo(check(first, Check.MISSING).examples());
    assertThat(first.seed()).hasValue(1);
    assertThat(Validator.builder(source, target).build().sample().seed()).hasValue(Validator.DEFAULT_SEED);
  }

  /** Person becomes Individual, 'name' becomes 'fullName', ids get a prefix. */
  private static final class Renaming implements RecordMapper {
    @Override
    public Checked<Node> mapNodes(List<Node> nodes) {
      List<Node> out = new ArrayList<>();
      for (Node n : nodes) {
        Map<String, Object> props = new HashMap<>(n.properties());
        Object name = props.remove("name");
        if (name != null) {
          props.put("fullName", name);
        }
        Set<String> labels = n.labels().stream().map(l -> label(l).orElseThrow()).collect(Collectors.toSet());
        out.add(new Node(nodeId(n.id()), labels, props));
      }
      return Checked.allAccepted(out);
    }

    @Override
    public Checked<Relationship> mapRelationships(List<Relationship> relationships) {
      return Checked.allAccepted(relationships.stream()
          .map(r -> r.withIds(relationshipId(r.id()), nodeId(r.startId()), nodeId(r.endId()))).toList());
    }

    @Override
    public String nodeId(String sourceId) {
      return "t:" + sourceId;
    }

    @Override
    public String relationshipId(String sourceId) {
      return "t:" + sourceId;
    }

    @Override
    public Optional<String> label(String sourceLabel) {
      return Optional.of(sourceLabel.equals("Person") ? "Individual" : sourceLabel);
    }
  }

  @Test
  void shouldCompareThroughTheMappingAndRequireTheInverseOfItsIds() {
    // given: a target written through the mapping
    InMemoryGraphDatabase mapped = InMemoryGraphDatabase.named("mapped");
    Renaming mapper = new Renaming();
    mapped.upsertNodes(mapper.mapNodes(List.copyOf(Graphs.nodes(source).values())).accepted());
    mapped.upsertRelationships(mapper.mapRelationships(List.copyOf(Graphs.relationships(source).values())).accepted());
    Validator validator = Validator.builder(source, mapped).mapper(mapper).sampleSize(300)
        .sourceNodeIds(id -> id.substring(2)).sourceRelationshipIds(id -> id.substring(2)).build();

    // when
    ValidationReport counts = validator.counts();
    ValidationReport sample = validator.sample();
    ValidationReport full = validator.full();

    // then
    assertThat(counts.passed()).isTrue();
    assertThat(counts.counts()).filteredOn(c -> c.target().equals("Individual")).singleElement()
        .satisfies(c -> assertThat(c.sources()).containsExactly("Person"));
    assertThat(sample.passed()).isTrue();
    assertThat(full.passed()).isTrue();
    assertThatThrownBy(() -> Validator.builder(source, mapped).mapper(mapper).build().full())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("sourceNodeIds")
        .hasMessageContaining("'t:n00000'");
  }

  /** Seeds a known set of differences into the target; answers the ids of each kind. */
  private Map<String, Set<String>> corrupt() {
    Map<String, Set<String>> expected = new HashMap<>();
    // two missing nodes (and the relationships attached to them)
    List<String> missingNodes = List.of(Graphs.nodeId(100), Graphs.nodeId(200));
    Set<String> missingRels = Graphs.relationships(source).values().stream()
        .filter(r -> missingNodes.contains(r.startId()) || missingNodes.contains(r.endId()))
        .map(Relationship::id).collect(Collectors.toSet());
    target.deleteNodes(missingNodes);
    // one more missing relationship, an extra node with an extra relationship
    Relationship dropped = Graphs.relationships(target).values().iterator().next();
    target.deleteRelationship(dropped.id());
    missingRels.add(dropped.id());
    target.upsertNode(Node.of("stowaway", "Person", Map.of("name", "not in the source")));
    target.upsertRelationship(Relationship.of("stowaway-knows", "KNOWS", "stowaway", Graphs.nodeId(1), Map.of()));
    // a changed property, a perturbed embedding, a changed relationship
    changeTargetNode(Graphs.nodeId(300), Map.of("name", "changed"));
    changeTargetNode(Graphs.nodeId(301), Map.of("embedding", new float[] {1, 0, 0, 0}));
    Relationship changed = Graphs.relationships(target).values().stream()
        .filter(r -> r.type().equals("KNOWS") && !r.startId().equals("stowaway")).skip(10).findFirst().orElseThrow();
    target.upsertRelationship(changed.withProperties(Map.of("since", 1800L)));
    // a bookkeeping node of the schema migrations, which validation ignores
    target.upsertNode(Node.of("migration-1", SchemaStore.MIGRATION_LABEL, Map.of("name", "unique:node:Person(id)")));
    expected.put("missingNodes", new HashSet<>(missingNodes));
    expected.put("missingRelationships", missingRels);
    expected.put("extraNodes", Set.of("stowaway"));
    expected.put("extraRelationships", Set.of("stowaway-knows"));
    expected.put("differentNodes", Set.of(Graphs.nodeId(300), Graphs.nodeId(301)));
    expected.put("differentRelationships", Set.of(changed.id()));
    return expected;
  }

  private static Set<String> ids(ValidationDiff diff, Difference.Kind kind, Difference.Type type) {
    return diff.differences().stream().filter(d -> d.kind() == kind && d.type() == type)
        .map(Difference::targetId).collect(Collectors.toSet());
  }

  @Test
  void shouldListEveryMissingExtraAndDifferentRecordInAFullValidation() {
    // given
    Map<String, Set<String>> expected = corrupt();

    // when
    ValidationReport full = validator().build().full();

    // then
    ValidationDiff diff = full.diff().orElseThrow();
    assertThat(ids(diff, Difference.Kind.NODE, Difference.Type.MISSING)).isEqualTo(expected.get("missingNodes"));
    assertThat(ids(diff, Difference.Kind.RELATIONSHIP, Difference.Type.MISSING))
        .isEqualTo(expected.get("missingRelationships"));
    assertThat(ids(diff, Difference.Kind.NODE, Difference.Type.EXTRA)).isEqualTo(expected.get("extraNodes"));
    assertThat(ids(diff, Difference.Kind.RELATIONSHIP, Difference.Type.EXTRA))
        .isEqualTo(expected.get("extraRelationships"));
    assertThat(ids(diff, Difference.Kind.NODE, Difference.Type.DIFFERENT)).isEqualTo(expected.get("differentNodes"));
    assertThat(ids(diff, Difference.Kind.RELATIONSHIP, Difference.Type.DIFFERENT))
        .isEqualTo(expected.get("differentRelationships"));
    assertThat(diff.truncated()).isFalse();
    assertThat(full.failures()).extracting(CheckResult::check)
        .contains(Check.MISSING, Check.PROPERTIES, Check.EMBEDDINGS, Check.EXTRA);
    assertThat(diff.differences()).filteredOn(d -> d.targetId().equals(Graphs.nodeId(300))).singleElement()
        .satisfies(d -> assertThat(d.detail()).isEqualTo("property 'name': expected 'node 300', found 'changed'"));
  }

  @Test
  void shouldRepairExactlyTheDifferencesAndThenPass() {
    // given
    Map<String, Set<String>> expected = corrupt();
    List<String> upserted = Collections.synchronizedList(new ArrayList<>());
    List<String> deleted = Collections.synchronizedList(new ArrayList<>());
    GraphDatabase recording = new ForwardingGraphDatabase(target) {
      @Override
      public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
        assertThat(mode).isEqualTo(WriteMode.UPSERT);
        nodes.forEach(n -> upserted.add(n.id()));
        return super.upsertNodes(nodes, mode);
      }

      @Override
      public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
        assertThat(mode).isEqualTo(WriteMode.UPSERT);
        relationships.forEach(r -> upserted.add(r.id()));
        return super.upsertRelationships(relationships, mode);
      }

      @Override
      public WriteResult deleteNodes(Collection<String> ids) {
        deleted.addAll(ids);
        return super.deleteNodes(ids);
      }

      @Override
      public WriteResult deleteRelationships(Collection<String> ids) {
        deleted.addAll(ids);
        return super.deleteRelationships(ids);
      }
    };
    List<RepairCompletedEvent> heard = new ArrayList<>();
    Validator validator = Validator.builder(source, recording).batchSize(3).listener(new ValidationListener() {
      @Override
      public void onRepaired(RepairCompletedEvent event) {
        heard.add(event);
      }
    }).build();
    ValidationDiff diff = validator.full().diff().orElseThrow();

    // when
    RepairReport repair = validator.repair(diff);

    // then
    Set<String> copies = new HashSet<>();
    for (String kind : List.of("missingNodes", "missingRelationships", "differentNodes", "differentRelationships")) {
      copies.addAll(expected.get(kind));
    }
    assertThat(upserted).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(copies);
    assertThat(deleted).containsExactlyInAnyOrder("stowaway", "stowaway-knows");
    assertThat(repair.reconciles()).isTrue();
    assertThat(repair.nodesUpserted()).isEqualTo(4);
    assertThat(repair.nodesDeleted()).isEqualTo(1);
    assertThat(repair.relationshipsDeleted()).isEqualTo(1);
    assertThat(repair.rejected()).isZero();
    assertThat(heard).singleElement().satisfies(e -> assertThat(e.report()).isEqualTo(repair));
    ValidationReport after = validator.full();
    assertThat(after.passed()).as(after.toText()).isTrue();
    assertThat(target.getNode("migration-1")).isPresent();
  }

  @Test
  void shouldRepairByTheSourceAsItIsNowWhenItChangedSinceTheDiff() {
    // given: a diff, after which the source loses a node that differed and gains the extra one
    corrupt();
    Validator validator = validator().build();
    ValidationDiff diff = validator.full().diff().orElseThrow();
    source.deleteNode(Graphs.nodeId(300));
    source.upsertNode(Node.of("stowaway", "Person", Map.of("name", "now in the source")));

    // when
    RepairReport repair = validator.repair(diff);

    // then
    assertThat(repair.reconciles()).isTrue();
    assertThat(target.getNode(Graphs.nodeId(300))).isEmpty();
    assertThat(target.getNode("stowaway").orElseThrow().properties()).containsEntry("name", "now in the source");
  }

  @Test
  void shouldWriteTheReportAsJsonAndAsText() {
    // given
    target.deleteNode(Graphs.nodeId(5));
    ValidationReport report = validator().name("nightly \"check\"").build().full();

    // when
    Map<String, Object> json = Json.parseObject(report.toJson());
    String text = report.toText();

    // then
    assertThat(json).containsEntry("name", "nightly \"check\"").containsEntry("mode", "FULL")
        .containsEntry("passed", false);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks = (List<Map<String, Object>>) json.get("checks");
    assertThat(checks).extracting(c -> c.get("check"))
        .containsExactly("missing", "properties", "embeddings", "edge-counts", "extra");
    assertThat(checks.get(0)).containsEntry("status", "FAIL").containsEntry("threshold", 0.0);
    @SuppressWarnings("unchecked")
    Map<String, Object> diff = (Map<String, Object>) json.get("diff");
    assertThat(diff.get("missing")).isEqualTo(1L + source.degree(Graphs.nodeId(5)));
    assertThat(text).startsWith("validation 'nightly \"check\"' (full) source -> target: FAIL")
        .contains("FAIL missing")
        .contains("e.g. node 'n00005' is missing from the target")
        .contains("PASS extra");
  }
}
