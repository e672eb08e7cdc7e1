package org.telcocdn.metadata;

/** Computes the broker URLs of a video (docs/contracts.md: {@code {broker}/play/{id}}). */
public final class PlayLinks {
  private final String brokerUrl;

  public PlayLinks(String brokerUrl) {
    this.brokerUrl = brokerUrl;
  }

  public Video apply(Video video) {
    String play = brokerUrl + "/play/" + video.id();
    return video.withLinks(play, play + "/poster.jpg");
  }
}
