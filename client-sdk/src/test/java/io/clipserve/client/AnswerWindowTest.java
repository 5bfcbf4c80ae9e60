package io.clipserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerWindowTest {

  @Test
  void orderedHoldsEarlyAnswersUntilTheOlderOnesArriveAndFreesRoomOnlyWhenHandedOver() {
    AnswerWindow<String, String> window = new AnswerWindow<>(3, true);
    long a = window.open("a");
    long b = window.open("b");
    long c = window.open("c");
    assertThat(window.hasRoom()).isFalse();

    assertThat(window.arrived(c, "C")).isEmpty();
    assertThat(window.arrived(b, "B")).isEmpty();
    assertThat(window.hasRoom()).isFalse();
    assertThat(window.arrived(a, "A")).extracting(AnswerWindow.Answer::response)
        .containsExactly("A", "B", "C");
    // Due is not handed: the listener may still be busy with "A" while "B" and "C" wait.
    assertThat(window.hasRoom()).isFalse();
    window.handed(a);
    assertThat(window.hasRoom()).isTrue();
    assertThat(window.open("d")).isEqualTo(3);
    assertThat(window.hasRoom()).isFalse();
    window.handed(b);
    window.handed(c);
    assertThat(window.hasRoom()).isTrue();
  }

  @Test
  void asTheyComeHandsEachAnswerOverAtOnceWithItsRequest() {
    AnswerWindow<String, String> window = new AnswerWindow<>(2, false);
    long a = window.open("a");
    long b = window.open("b");
    assertThat(window.arrived(b, "B")).isEqualTo(List.of(new AnswerWindow.Answer<>(b, "b", "B")));
    assertThat(window.hasRoom()).isFalse();
    window.handed(b);
    assertThat(window.hasRoom()).isTrue();
    assertThat(window.arrived(a, "A")).extracting(AnswerWindow.Answer::request)
        .containsExactly("a");
  }

  @Test
  void anAnswerToNoOpenMessageIsRefused() {
    AnswerWindow<String, String> window = new AnswerWindow<>(2, true);
    long a = window.open("a");
    window.open("b");
    assertThatThrownBy(() -> window.arrived(7, "?")).isInstanceOf(IllegalStateException.class);
    window.arrived(a, "A");
    assertThatThrownBy(() -> window.arrived(a, "again")).isInstanceOf(IllegalStateException.class);
    window.handed(a);
    assertThatThrownBy(() -> window.arrived(a, "again")).isInstanceOf(IllegalStateException.class);
  }
}
