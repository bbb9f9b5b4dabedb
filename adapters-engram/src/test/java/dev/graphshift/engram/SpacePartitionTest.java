package dev.graphshift.engram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpacePartitionTest {

  @Test
  void shouldNameSpacesAsDocumentedWhenPartitioningPerLabel() {
    SpacePartition p = SpacePartition.perLabel("neo4j");
    assertThat(p.spaceFor(Set.of("person"))).isEqualTo("neo4j_person");
    assertThat(p.spaceFor(Set.of("Person"))).matches("neo4j_person-[0-9a-f]{8}");
    assertThat(p.spaceFor(Set.of("Person", "Admin"))).isEqualTo(p.spaceFor(Set.of("Admin")));
    assertThat(p.spaceFor(Set.of())).isEqualTo("neo4j__unlabeled");
    assertThat(p.spaceFor(Set.of("ラベル ✓"))).matches("neo4j_x-[0-9a-f]{8}");
    assertThat(p.spaceFor(Set.of("A very long label name indeed, longer than twenty-two")))
        .matches("neo4j_a-very-long-label-name-[0-9a-f]{8}");
    assertThat(p.owns("neo4j_person")).isTrue();
    assertThat(p.owns("neo4jx_person")).isFalse();
    assertThat(p.owns("default")).isFalse();
  }

  @Test
  void shouldYieldValidDistinctSpacesWhenLabelsAreArbitrary() {
    // given
    SpacePartition p = SpacePartition.perLabel("p".repeat(SpacePartition.MAX_PREFIX_LENGTH));
    Random random = new Random(99);
    Map<String, String> labelOf = new HashMap<>();

    for (int i = 0; i < 5_000; i++) {
      StringBuilder label = new StringBuilder();
      for (int k = 1 + random.nextInt(80); k > 0; k--) {
        label.appendCodePoint(random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x3000) : 'a' + random.nextInt(26));
      }

      // when
      String space = p.spaceFor(Set.of(label.toString()));

      // then
      assertThat(SpacePartition.isValidSpaceId(space)).as("valid: %s", space).isTrue();
      assertThat(p.owns(space)).isTrue();
      String before = labelOf.putIfAbsent(space, label.toString());
      assertThat(before == null || before.contentEquals(label)).as("distinct: %s", space).isTrue();
    }
  }

  @Test
  void shouldRejectIdsOutsideEngramsRule() {
    assertThatThrownBy(() -> SpacePartition.fixed("ab")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpacePartition.fixed("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpacePartition.fixed("Upper")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpacePartition.perLabel("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpacePartition.perLabel("a".repeat(33))).isInstanceOf(IllegalArgumentException.class);
    assertThat(SpacePartition.fixed("tenant-42_a").spaceFor(Set.of("Anything"))).isEqualTo("tenant-42_a");
    assertThat(SpacePartition.fixed("abc")).isEqualTo(SpacePartition.fixed("abc")).isNotEqualTo(SpacePartition.perLabel("abc"));
  }
}
