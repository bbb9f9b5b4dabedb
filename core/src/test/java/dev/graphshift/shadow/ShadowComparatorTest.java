package dev.graphshift.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowComparatorTest {

  static QueryResult ids(String... ids) {
    return QueryResult.ofIds(List.of(ids));
  }

  static QueryResult scored(Object... idScorePairs) {
    List<QueryResult.Hit> hits = new ArrayList<>();
    for (int i = 0; i < idScorePairs.length; i += 2) {
      hits.add(new QueryResult.Hit((String) idScorePairs[i], (Double) idScorePairs[i + 1], Map.of()));
    }
    return new QueryResult(hits);
  }

  @Test
  void shouldScoreOneOnlyWhenAnswersAreEqualWhenExact() {
    ShadowComparator<Object> exact = ShadowComparator.exact();
    assertThat(exact.compare(ids("a", "b"), ids("a", "b"))).isEqualTo(Similarity.SAME);
    assertThat(exact.compare(ids("a", "b"), ids("b", "a"))).isEqualTo(Similarity.NONE);
    Node n = Node.of("p1", "Person", Map.of("v", new float[] {1f, 2f}));
    assertThat(exact.compare(n, Node.of("p1", "Person", Map.of("v", new float[] {1f, 2f})))).isEqualTo(Similarity.SAME);
  }

  @Test
  void shouldDivideCommonIdsByAllIdsWhenJaccard() {
    // given: {a,b,c,d} vs {b,c,d,e}: 3 common of 5
    ShadowComparator<QueryResult> j = ShadowComparator.jaccard(0.6);

    // then
    assertThat(j.compare(ids("a", "b", "c", "d"), ids("e", "d", "c", "b"))).isEqualTo(new Similarity(0.6, true));
    assertThat(ShadowComparator.jaccard(0.61).compare(ids("a", "b", "c", "d"), ids("b", "c", "d", "e")).matched()).isFalse();
    assertThat(j.compare(ids(), ids())).isEqualTo(Similarity.SAME);
    assertThat(j.compare(ids("a"), ids()).score()).isZero();
  }

  @Test
  void shouldWeighTheTopRanksWhenRankBiasedOverlap() {
    ShadowComparator<QueryResult> rbo = ShadowComparator.rankBiasedOverlap(0.9, 0.95);

    // identical rankings: 1; disjoint: 0
    assertThat(rbo.compare(ids("a", "b", "c", "d"), ids("a", "b", "c", "d")).score()).isCloseTo(1.0, within(1e-12));
    assertThat(rbo.compare(ids("a", "b"), ids("c", "d")).score()).isZero();
    // swapping the top two of otherwise identical rankings scores exactly p
    Similarity swapped = rbo.compare(ids("a", "b", "c", "d"), ids("b", "a", "c", "d"));
    assertThat(swapped.score()).isCloseTo(0.9, within(1e-12));
    assertThat(swapped.matched()).isFalse();
    // swapping the last two costs less than swapping the top two
    assertThat(rbo.compare(ids("a", "b", "c", "d"), ids("a", "b", "d", "c")).score()).isGreaterThan(0.9);
    // uneven lengths, by hand from eq. 32 with p = 0.5: X1 = 0, X2 = 1, s = 1, l = 2 -> 0.125 + 0.125
    assertThat(ShadowComparator.rankBiasedOverlap(0.5, 0).compare(ids("b"), ids("a", "b")).score())
        .isCloseTo(0.25, within(1e-12));
    // empty lists
    assertThat(rbo.compare(ids(), ids())).isEqualTo(Similarity.SAME);
    assertThat(rbo.compare(ids("a"), ids()).score()).isZero();
    // duplicates count at their first rank
    assertThat(rbo.compare(ids("a", "a", "b"), ids("a", "b")).score()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void shouldCountIdsWhoseScoresAgreeWithinTheToleranceWhenActivation() {
    // given: a agrees (0.05 apart), b disagrees (0.3 apart), c and d on one side only: 1 of 4
    ShadowComparator<QueryResult> act = ShadowComparator.activation(0.1, 0.25);

    // when
    Similarity s = act.compare(scored("a", 0.9, "b", 0.5, "c", 0.2), scored("a", 0.85, "b", 0.8, "d", 0.1));

    // then
    assertThat(s.score()).isCloseTo(0.25, within(1e-12));
    assertThat(s.matched()).isTrue();
    assertThat(act.compare(scored("a", 0.9), scored("a", 0.9))).isEqualTo(Similarity.SAME);
    assertThat(act.compare(scored(), scored())).isEqualTo(Similarity.SAME);
  }

  @Test
  void shouldRejectParametersOutOfRange() {
    assertThatThrownBy(() -> ShadowComparator.rankBiasedOverlap(1.0, 0.9))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0");
    assertThatThrownBy(() -> ShadowComparator.jaccard(1.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShadowComparator.activation(-0.1, 0.9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Similarity(Double.NaN, true)).isInstanceOf(IllegalArgumentException.class);
  }
}
