package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Handler NONE = request -> Response.noContent();

  @Test
  void match_bindsParametersAndRest() {
    Router router = new Router();
    router.add(new Router.Route("GET", "/videos/{id}/{path...}", NONE, false));
    Router.Match match = router.match("GET", List.of("videos", "abc", "720p", "seg.m4s"));
    assertThat(match.found()).isTrue();
    assertThat(match.params()).containsEntry("id", "abc").containsEntry("path", "720p/seg.m4s");
  }

  @Test
  void match_reportsAllowedMethodsWhenOnlyMethodDiffers() {
    Router router = new Router();
    router.add(new Router.Route("POST", "/api/videos", NONE, false));
    Router.Match match = router.match("DELETE", List.of("api", "videos"));
    assertThat(match.found()).isFalse();
    assertThat(match.allowed()).containsExactly("POST");
  }

  @Test
  void match_headFallsBackToGet() {
    Router router = new Router();
    router.add(new Router.Route("GET", "/x", NONE, false));
    assertThat(router.match("HEAD", List.of("x")).found()).isTrue();
  }

  @Test
  void match_restNeedsAtLeastOneSegment() {
    Router router = new Router();
    router.add(new Router.Route("GET", "/play/{id}/{path...}", NONE, false));
    assertThat(router.match("GET", List.of("play", "abc")).found()).isFalse();
  }
}
