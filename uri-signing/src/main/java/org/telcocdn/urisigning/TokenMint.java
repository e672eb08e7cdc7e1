package org.telcocdn.urisigning;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code java -cp ... org.telcocdn.urisigning.TokenMint SECRETS_DIR VIDEO_ID [TTL]}: prints a token
 * for one title, signed with the key set in {@code SECRETS_DIR} (made there first if absent). For
 * benchmarks and debugging (bench/edge-vs-peers {@code --signing-ab}); players get theirs from the
 * broker. Whoever can run it can read the private keys already.
 */
public final class TokenMint {
  private TokenMint() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: TokenMint SECRETS_DIR VIDEO_ID [TTL, ISO-8601, default PT1H]");
      System.exit(2);
    }
    ViewerKeyFiles files = new ViewerKeyFiles(Path.of(args[0]), Clock.systemUTC());
    files.ensure();
    Duration ttl = args.length > 2 ? Duration.parse(args[2]) : Duration.ofHours(1);
    System.out.println(files.signer().sign(args[1], Clock.systemUTC().instant(), ttl));
  }
}
