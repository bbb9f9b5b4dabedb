package dev.graphshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphshift validate}, with and without {@code --full} and {@code --repair}, on seeded differences. */
class ValidateCommandIT {
  @TempDir
  Path dir;

  private InMemoryGraphDatabase src;
  private InMemoryGraphDatabase dst;
  private Cli cli;

  @BeforeEach
  void seed() {
    CliRun.targetsFile(dir, """
        targets:
          src:
            database: memory
          dst:
            database: memory
        """);
    src = InMemoryGraphDatabase.named("src");
    dst = InMemoryGraphDatabase.named("dst");
    List<Node> people = List.of(Node.of("p1", "Person", Map.of("name", "Ada")), Node.of("p2", "Person", Map.of("name", "Bob")),
        Node.of("p3", "Person", Map.of("name", "Cy")), Node.of("p4", "Person", Map.of("name", "Dee")));
    List<Relationship> knows = List.of(Relationship.of("k1", "KNOWS", "p1", "p2", Map.of()),
        Relationship.of("k2", "KNOWS", "p3", "p4", Map.of()));
    src.upsertNodes(people);
    src.upsertRelationships(knows);
    // the target misses p4 (and so k2), has Bob under another name, and has a node the source does not
    dst.upsertNodes(List.of(people.get(0), people.get(1).withProperties(Map.of("name", "Robert")), people.get(2),
        Node.of("x9", "Person", Map.of("name", "Stray"))));
    dst.upsertRelationships(List.of(knows.get(0)));
    cli = Cli.builder().workingDirectory(dir).memoryDatabase("src", src).memoryDatabase("dst", dst).build();
  }

  @Test
  void shouldExitOneWhenTheSampledValidationFails() {
    // when
    CliRun.Result r = CliRun.run(cli, "validate", "--source", "src", "--target", "dst", "--sample", "10", "--seed", "7");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("== counts").contains("== sample").contains("FAIL");
  }

  @Test
  void shouldListEveryDifferenceAsJsonWithFull() {
    // when
    CliRun.Result r = CliRun.run(cli, "validate", "-s", "src", "-t", "dst", "--full", "--json");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    List<JsonNode> steps = r.events("validation");
    assertThat(steps).extracting(n -> n.get("step").asText()).containsExactly("counts", "full");
    JsonNode diff = steps.get(1).at("/report/diff");
    assertThat(diff.get("missing").asLong()).isEqualTo(2);   // p4 and k2
    assertThat(diff.get("extra").asLong()).isEqualTo(1);     // x9
    assertThat(diff.get("different").asLong()).isEqualTo(1); // p2
    assertThat(steps.get(1).get("passed").asBoolean()).isFalse();
  }

  @Test
  void shouldRepairTheDifferencesAndExitZeroWhenTheTargetThenMatches() {
    // when
    CliRun.Result repaired = CliRun.run(cli, "validate", "-s", "src", "-t", "dst", "--full", "--repair", "--json");
    CliRun.Result again = CliRun.run(cli, "validate", "-s", "src", "-t", "dst", "--full");

    // then
    assertThat(repaired.code()).as(repaired.toString()).isEqualTo(0);
    JsonNode repair = repaired.events("repair").get(0);
    assertThat(repair.get("differences").asLong()).isEqualTo(4);
    assertThat(repair.get("nodesUpserted").asLong() + repair.get("relationshipsUpserted").asLong()).isEqualTo(3);
    assertThat(repair.get("nodesDeleted").asLong()).isEqualTo(1);
    assertThat(repaired.events("validation")).extracting(n -> n.get("step").asText())
        .containsExactly("counts", "full", "counts-after-repair", "full-after-repair");
    assertThat(again.code()).as(again.toString()).isEqualTo(0);
    assertThat(dst.getNode("p2").orElseThrow().properties()).containsEntry("name", "Bob");
    assertThat(dst.getNode("x9")).isEmpty();
    assertThat(dst.countRelationships()).isEqualTo(2);
  }

  @Test
  void shouldRefuseRepairWithoutFull() {
    // when
    CliRun.Result r = CliRun.run(cli, "validate", "-s", "src", "-t", "dst", "--repair");

    // then
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--repair needs --full");
    assertThat(dst.getNode("x9")).isPresent();
  }
}
