package org.telcocdn.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenResourcesTest {
  private final List<String> closed = new ArrayList<>();

  @Test
  void closesInReverseOrder_once_andPastAResourceThatFails() {
    OpenResources opened = new OpenResources();
    opened.add("disk", closed::add);
    opened.add(
        "group",
        name -> {
          closed.add(name);
          throw new IllegalStateException("stuck");
        });
    AutoCloseable listener = () -> closed.add("listener");
    assertThat(opened.add(listener)).isSameAs(listener);

    opened.close();
    opened.close();

    assertThat(closed).containsExactly("listener", "group", "disk");
  }

  @Test
  void closesAndRefusesWhatIsAddedAfterClosing() {
    OpenResources opened = new OpenResources();
    opened.close();

    assertThatThrownBy(() -> opened.add("late", closed::add))
        .isInstanceOf(IllegalStateException.class);
    assertThat(closed).containsExactly("late");
  }
}
