package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of a status resource's {@code errors} (RFC 8007 section 5.2.6): the code, what it
 * concerns ({@code content.ccid}, {@code content.urls} or a site) and why. {@code description} is
 * the RFC's field; {@code message} carries the same text, as every error of this project does.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TriggerError(
    TriggerErrorCode error,
    @JsonProperty("content.ccid") List<String> ccids,
    @JsonProperty("content.urls") List<String> urls,
    List<String> sites,
    String description) {

  @JsonCreator
  public TriggerError(
      @JsonProperty("error") TriggerErrorCode error,
      @JsonProperty("content.ccid") List<String> ccids,
      @JsonProperty("content.urls") List<String> urls,
      @JsonProperty("sites") List<String> sites,
      @JsonProperty("description") String description,
      @JsonProperty("message") String message) {
    this(error, ccids, urls, sites, description != null ? description : message);
  }

  public TriggerError {
    ccids = ccids == null ? List.of() : List.copyOf(ccids);
    urls = urls == null ? List.of() : List.copyOf(urls);
    sites = sites == null ? List.of() : List.copyOf(sites);
  }

  static TriggerError content(List<String> ccids, String why) {
    return new TriggerError(TriggerErrorCode.ECONTENT, ccids, List.of(), List.of(), why);
  }

  static TriggerError urls(TriggerErrorCode code, List<String> urls, String why) {
    return new TriggerError(code, List.of(), urls, List.of(), why);
  }

  static TriggerError site(TriggerErrorCode code, String site, String why) {
    return new TriggerError(code, List.of(), List.of(), List.of(site), why);
  }

  static TriggerError of(TriggerErrorCode code, String why) {
    return new TriggerError(code, List.of(), List.of(), List.of(), why);
  }

  @JsonProperty("message")
  public String message() {
    return description;
  }
}
