package dev.graphshift.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TombstoneStore} must do; extended once per implementation. */
abstract class TombstoneStoreContract {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected TombstoneStore store;

  protected abstract TombstoneStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void shouldAnswerWhichIdsWereDeletedKeepingNodesAndRelationshipsApart() {
    // when
    store.recordNodeDeletes(List.of("a", "b", "a"), T0);
    store.recordRelationshipDeletes(List.of("r1"), T0);

    // then
    assertThat(store.deletedNodes(List.of("a", "c", "r1"))).containsExactly("a");
    assertThat(store.deletedRelationships(List.of("a", "r1"))).containsExactly("r1");
    assertThat(store.deletedNodes(List.of())).isEmpty();
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void shouldForgetEveryTombstoneWhenCleared() {
    // given
    store.recordNodeDeletes(List.of("a", "b"), T0);
    store.recordRelationshipDeletes(List.of("r1"), T0);

    // when
    store.clear();

    // then
    assertThat(store.size()).isZero();
    assertThat(store.deletedNodes(List.of("a", "b"))).isEmpty();
  }

  @Test
  void shouldShowAClaimUntilItIsReleasedOrExpires() {
    // given
    BackfillClaim kept = store.claim("A", List.of("a", "b"), List.of("r1"), T0.plusSeconds(60));
    BackfillClaim released = store.claim("B", List.of("c"), List.of(), T0.plusSeconds(60));
    store.claim("C", List.of("d"), List.of(), T0.plusSeconds(5));

    // when
    store.release(released);
    store.release(released);
    List<BackfillClaim> active = store.activeClaims(T0.plusSeconds(10));

    // then
    assertThat(active).singleElement().satisfies(c -> {
      assertThat(c.token()).isEqualTo(kept.token());
      assertThat(c.owner()).isEqualTo("A");
      assertThat(c.nodeIds()).isEqualTo(Set.of("a", "b"));
      assertThat(c.relationshipIds()).isEqualTo(Set.of("r1"));
      assertThat(c.until()).isEqualTo(T0.plusSeconds(60));
      assertThat(c.overlaps(Set.of("b"), Set.of())).isTrue();
      assertThat(c.overlaps(Set.of("r1"), Set.of())).isFalse();
      assertThat(c.overlaps(Set.of(), Set.of("r1"))).isTrue();
    });
    assertThat(store.activeClaims(T0.plusSeconds(61))).isEmpty();
  }
}
