package dev.graphshift.neptune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.neptune.NeptuneValuePolicy.ListPolicy;
import dev.graphshift.neptune.NeptuneValuePolicy.TemporalPolicy;
import dev.graphshift.neptune.NeptuneValuePolicy.VectorPolicy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeptuneValuePolicyTest {
  private final NeptuneValuePolicy defaults = NeptuneValuePolicy.defaults();

  @Test
  void shouldKeepScalarsWhenReadBack() {
    assertThat(defaults.readBack("s", false)).contains("s");
    assertThat(defaults.readBack(42L, false)).contains(42L);
    assertThat(defaults.readBack(2.5, true)).contains(2.5);
    assertThat(defaults.readBack(true, false)).contains(true);
  }

  @Test
  void shouldLoseOrderAndDuplicatesWhenListsAreSets() {
    assertThat(defaults.readBack(List.of("b", "a", "b"), false)).contains(List.of("a", "b"));
    assertThat(defaults.readBack(List.of(3L, 1L, 2L), false)).contains(List.of(1L, 2L, 3L));
    assertThat(defaults.readBack(List.of("only"), false)).contains("only");
    assertThat(defaults.readBack(List.of(), false)).isEmpty();
  }

  @Test
  void shouldWriteJsonWhenListsAreOnEdgesOrThePolicyIsJson() {
    assertThat(defaults.readBack(List.of("a\"b", "c"), true)).contains("[\"a\\\"b\",\"c\"]");
    assertThat(defaults.withLists(ListPolicy.JSON).readBack(List.of(1.5, -2.5), false)).contains("[1.5,-2.5]");
    assertThat(defaults.withLists(ListPolicy.JSON).readBack(List.of(true, false), false)).contains("[true,false]");
  }

  @Test
  void shouldWriteVectorsAsJsonOrRejectThem() {
    assertThat(defaults.readBack(new float[] {0.25f, -1.5f}, false)).contains("[0.25,-1.5]");
    assertThat(defaults.readBack(new double[] {3.0e-5}, false)).contains("[3.0E-5]");
    assertThat(defaults.withVectors(VectorPolicy.REJECT).readBack(new float[] {1f}, false)).isEmpty();
  }

  @Test
  void shouldReadDateTimesBackAtUtcWithMillisecondsWhenStoredAsDates() {
    OffsetDateTime minus5 = OffsetDateTime.of(2024, 2, 29, 13, 45, 7, 123_456_789, ZoneOffset.ofHours(-5));
    assertThat(defaults.readBack(minus5, false))
        .contains(OffsetDateTime.of(2024, 2, 29, 18, 45, 7, 123_000_000, ZoneOffset.UTC));
    ZonedDateTime berlin = ZonedDateTime.of(2024, 2, 29, 13, 45, 7, 0, ZoneId.of("Europe/Berlin"));
    assertThat(defaults.readBack(berlin, false))
        .contains(OffsetDateTime.of(2024, 2, 29, 12, 45, 7, 0, ZoneOffset.UTC));
    assertThat(defaults.readBack(LocalDateTime.of(2024, 2, 29, 13, 45, 7), false))
        .contains(OffsetDateTime.of(2024, 2, 29, 13, 45, 7, 0, ZoneOffset.UTC));
    assertThat(defaults.readBack(LocalDate.of(2024, 2, 29), false))
        .contains(OffsetDateTime.of(2024, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC));
  }

  @Test
  void shouldRejectTimesOfDayWhenTemporalsAreDates() {
    assertThat(defaults.readBack(LocalTime.of(13, 45), false)).isEmpty();
    assertThat(defaults.readBack(OffsetTime.of(13, 45, 0, 0, ZoneOffset.UTC), false)).isEmpty();
  }

  @Test
  void shouldWriteIsoStringsWhenTemporalsAreStrings() {
    NeptuneValuePolicy iso = defaults.withTemporals(TemporalPolicy.ISO_STRING);
    assertThat(iso.readBack(LocalTime.of(13, 45, 7), false)).contains("13:45:07");
    assertThat(iso.readBack(LocalDate.of(2024, 2, 29), false)).contains("2024-02-29");
  }
}
