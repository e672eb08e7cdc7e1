package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Handler NONE = request -> Response.noContent();

  @Test
  void match_bindsParametersAndRest() {
    Router router = new Router();
    router.add(new Router.Route("GET", "/videos/{id}/{path...}", Access.viewer(), NONE));
    Router.Match match =
        router.match(Listener.VIEWER, "GET", List.of("videos", "abc", "720p", "seg.m4s"));
    assertThat(match.found()).isTrue();
    assertThat(match.params()).containsEntry("id", "abc").containsEntry("path", "720p/seg.m4s");
  }

  @Test
  void match_reportsAllowedMethodsWhenOnlyMethodDiffers() {
    Router router = new Router();
    router.add(new Router.Route("POST", "/api/videos", Access.viewer(), NONE));
    Router.Match match = router.match(Listener.VIEWER, "DELETE", List.of("api", "videos"));
    assertThat(match.found()).isFalse();
    assertThat(match.allowed()).containsExactly("POST");
  }

  @Test
  void match_headFallsBackToGet() {
    Router router = new Router();
    router.add(new Router.Route("GET", "/x", Access.viewer(), NONE));
    assertThat(router.match(Listener.VIEWER, "HEAD", List.of("x")).found()).isTrue();
  }

  @Test
  void match_seesOnlyTheRoutesOfItsListener() {
    Router router = new Router();
    router.add(new Router.Route("POST", "/api/edges", Access.control(null, "vid-cache"), NONE));
    assertThat(router.match(Listener.CONTROL, "POST", List.of("api", "edges")).found()).isTrue();
    Router.Match onViewer = router.match(Listener.VIEWER, "POST", List.of("api", "edges"));
    assertThat(onViewer.found()).isFalse();
    assertThat(onViewer.allowed()).as("not even a 405: the route does not exist there").isEmpty();
  }

  @Test
  void match_restNeedsAtLeastOneSegment() {
    Router router = new Router();
    router.add(new Router.Route("GET", "/play/{id}/{path...}", Access.viewer(), NONE));
    assertThat(router.match(Listener.VIEWER, "GET", List.of("play", "abc")).found()).isFalse();
  }
}
