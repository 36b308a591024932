package io.stellwerk.node.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StationIdTest {

  @Test
  void plainIdIsASingleNode() {
    assertThat(StationId.parse("root.s1")).contains(StationId.single("root.s1"));
  }

  @Test
  void idWithPeerRoleIsAPeer() {
    assertThat(StationId.parse("root[backup]")).contains(StationId.peer("root", PeerRole.BACKUP));
    assertThat(StationId.parse("root.s1[primary]"))
        .contains(StationId.peer("root.s1", PeerRole.PRIMARY));
  }

  @Test
  void surroundingBlanksAreIgnored() {
    assertThat(StationId.parse("  root[primary] "))
        .contains(StationId.peer("root", PeerRole.PRIMARY));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "1root",
        "root[standby]",
        "root[]",
        "root[PRIMARY]",
        "root[primary]x",
        "root[primary][backup]",
        "root.[primary]",
        "[primary]",
        "root s1"
      })
  void textThatNamesNoStationIsRejected(String text) {
    assertThat(StationId.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"root", "root.s1.pump3", "root[primary]", "root.s1[backup]"})
  void toStringParsesBackToTheSameStation(String text) {
    StationId id = StationId.parse(text).orElseThrow();
    assertThat(id.toString()).isEqualTo(text);
    assertThat(StationId.parse(id.toString())).contains(id);
  }

  @Test
  void otherPeerSwapsTheRole() {
    StationId primary = StationId.peer("root", PeerRole.PRIMARY);
    assertThat(primary.otherPeer()).isEqualTo(StationId.peer("root", PeerRole.BACKUP));
    assertThat(primary.otherPeer().otherPeer()).isEqualTo(primary);
  }

  @Test
  void singleNodeHasNoOtherPeer() {
    assertThat(StationId.single("root").isPeer()).isFalse();
    assertThatThrownBy(() -> StationId.single("root").otherPeer())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("root is not a pair peer");
  }

  @Test
  void parsingDoesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      // In Turkish, "primary".toUpperCase() is "PRİMARY" (dotted capital I), not an enum name.
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(StationId.parse("root[primary]"))
          .contains(StationId.peer("root", PeerRole.PRIMARY));
    } finally {
      Locale.setDefault(saved);
    }
  }
}
