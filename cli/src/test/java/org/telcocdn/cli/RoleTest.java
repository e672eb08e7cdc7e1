package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {
  @Test
  void everyRoleIsDeclaredAfterTheRolesItNeeds_soCdnUpCanLaunchInDeclarationOrder() {
    for (Role role : Role.values()) {
      assertThat(role.needs())
          .as(role + " needs")
          .allSatisfy(needed -> assertThat(needed.ordinal()).isLessThan(role.ordinal()))
          .doesNotContain(Role.CACHE_INDEX);
    }
  }

  @Test
  void edgesWaitForTheBrokerAndTheOrigin_analyticsForNobody() {
    assertThat(Role.EDGE.needs()).containsExactlyInAnyOrder(Role.BROKER, Role.RAW);
    assertThat(Role.ANALYTICS.needs()).isEmpty();
    assertThat(Arrays.stream(Role.values()).filter(r -> r.needs().isEmpty()))
        .containsExactly(Role.CACHE_INDEX, Role.METADATA, Role.BROKER, Role.ANALYTICS);
  }
}
