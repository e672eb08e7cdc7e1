package org.telcocdn.predict.signal;

/**
 * The model's inputs for one title at one edge, in vector order. Rates are requests (or session
 * starts) a minute, from counts decayed with the window as time constant; logs keep them on one
 * scale from a title seen once an hour to the site's top title. Everything is computed at the edge
 * from its own requests; nothing of them leaves it.
 */
public enum Feature {
  BIAS("constant 1"),
  REQUESTS_10S("log(1 + requests a minute over ~10 s)"),
  REQUESTS_1M("log(1 + requests a minute over ~1 min)"),
  REQUESTS_10M("log(1 + requests a minute over ~10 min)"),
  GROWTH_SHORT("log((rate 10 s + 1) / (rate 1 min + 1))"),
  GROWTH_LONG("log((rate 1 min + 1) / (rate 10 min + 1))"),
  STARTS_10S(
      "log(1 + new sessions a minute over ~10 s); a new session is a request for position 0, or CMCD su"),
  STARTS_1M("log(1 + new sessions a minute over ~1 min)"),
  STARTS_10M("log(1 + new sessions a minute over ~10 min)"),
  STARTS_GROWTH_SHORT("log((starts 10 s + 0.5) / (starts 1 min + 0.5))"),
  STARTS_GROWTH_LONG("log((starts 1 min + 0.5) / (starts 10 min + 0.5))"),
  FIRST_SEGMENTS("share of the last minute's requests for positions 0 to 2"),
  START_SHARE("new sessions per request over the last minute"),
  AGE(
      "log(1 + minutes since the edge first saw the title) / 5: the title's age since ingest as the edge knows it"),
  YOUNG("1 while the title is less than 10 minutes old at this edge"),
  DAY_SIN("sin of the time of day"),
  DAY_COS("cos of the time of day"),
  QUARTER_SIN("sin of the position in the quarter hour (broadcasts start on it)"),
  QUARTER_COS("cos of the position in the quarter hour"),
  SURPRISE(
      "(rate 1 min - its 10-min EWMA mean) / sqrt(EWMA variance + mean + 1), the EWMA chart's z, capped at 20"),
  SHARE_OF_EDGE("log((title rate 1 min + 1) / (edge rate 1 min + 1))"),
  EDGE_GROWTH(
      "log((edge rate 1 min + 1) / (edge rate 10 min + 1)): the day's own rise, so it is not taken for a title's"),
  CMCD_LIVE("share of the last minute's requests with CMCD st=l; 0 without CMCD"),
  CMCD_STARTUP("share with CMCD su (start-up or seek); 0 without CMCD"),
  CMCD_BUFFER("mean CMCD bl (buffer) in tens of seconds; 0 without CMCD"),
  SESSIONS(
      "log(1 + distinct CMCD sid over the last minute) (linear counting over 64 bits); 0 without CMCD"),
  STARTS_SURPRISE(
      "the EWMA chart's z of the 1-minute new-session rate (as SURPRISE, on starts), capped at 20"),
  ELSEWHERE_NOW(
      "log(1 + the title's highest new-session rate a minute at another site, as the controller last relayed it); 0 without CrossSite"),
  ELSEWHERE_PEAK(
      "log(1 + the title's highest such rate at another site over about the last half hour, decayed with its age)");

  public static final int COUNT = values().length;

  private final String meaning;

  Feature(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
