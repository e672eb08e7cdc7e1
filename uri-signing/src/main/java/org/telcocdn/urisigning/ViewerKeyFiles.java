package org.telcocdn.urisigning;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * The viewer-signing key files in a secrets directory ({@code dataDir/secrets/}): {@value
 * #SIGNING_FILE} (the broker's private keys, mode 0600) and {@value #PUBLIC_FILE} (their public
 * halves, for the edges). {@code cdn up} calls {@link #ensure} on every start (a first key on the
 * first run), {@code cdn keys rotate} {@link #rotate}, {@code cdn keys retire} {@link #retire}; the
 * broker and the edges reload the file they read when it changes. Both files are always written
 * from one key list, private file first, so the edges never lack a key the broker signs with.
 */
public final class ViewerKeyFiles {
  public static final String SIGNING_FILE = "viewer-signing.json";
  public static final String PUBLIC_FILE = "viewer-keys.json";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One key as {@code cdn keys list} shows it. */
  public record KeyInfo(String kid, Instant issued, Instant activeFrom, boolean signing) {}

  private final Path dir;
  private final Clock clock;

  public ViewerKeyFiles(Path secretsDir, Clock clock) {
    this.dir = secretsDir;
    this.clock = clock;
  }

  public Path signingFile() {
    return dir.resolve(SIGNING_FILE);
  }

  public Path publicFile() {
    return dir.resolve(PUBLIC_FILE);
  }

  /**
   * Creates the files with one key, active at once, unless they exist; true when it created them.
   */
  public synchronized boolean ensure() {
    if (Files.exists(signingFile())) {
      if (!Files.exists(publicFile())) write(keys()); // the public half is derived: restore it
      return false;
    }
    KeyFile.directory(dir);
    write(List.of(generate(clock.instant())));
    return true;
  }

  /**
   * Adds a key that signs from {@code activateIn} on; the older keys stay valid for verification.
   * The delay gives every edge time to load the new public key first (two reload intervals on one
   * host; how long distribution takes in a multi-host deployment).
   */
  public synchronized KeyInfo rotate(Duration activateIn) {
    List<ECKey> keys = new ArrayList<>(keys());
    ECKey key = generate(clock.instant().plus(activateIn));
    keys.addFirst(
        key); // newest first, as the file is kept: of two keys active from the same instant, the
    // newer signs
    write(keys);
    return info(key, SigningKeys.of(new JWKSet(List.copyOf(keys))));
  }

  /**
   * Removes {@code kid} from both files: the edges refuse its tokens once they reload. The key
   * signing now cannot be retired (rotate first, then retire the old key once no viewer needs it).
   *
   * @throws IllegalArgumentException for an unknown kid or the key signing now
   */
  public synchronized void retire(String kid) {
    List<ECKey> keys = keys();
    SigningKeys set = SigningKeys.of(new JWKSet(List.copyOf(keys)));
    if (keys.stream().noneMatch(k -> k.getKeyID().equals(kid))) {
      throw new IllegalArgumentException(
          "no viewer-signing key " + kid + " in " + signingFile() + "; `cdn keys list` shows them");
    }
    if (set.current(clock.instant()).getKeyID().equals(kid)) {
      throw new IllegalArgumentException(
          "key " + kid + " is the one signing now; `cdn keys rotate` first, then retire it");
    }
    write(keys.stream().filter(k -> !k.getKeyID().equals(kid)).toList());
  }

  /** A signer with the private keys as they are now in the file (the broker watches it instead). */
  public ViewerTokenSigner signer() {
    return new ViewerTokenSigner(SigningKeys.parse(KeyFile.read(signingFile())));
  }

  /** Newest first. */
  public List<KeyInfo> list() {
    SigningKeys set = SigningKeys.of(new JWKSet(List.copyOf(keys())));
    return set.keys().stream().map(k -> info(k, set)).toList();
  }

  private KeyInfo info(ECKey key, SigningKeys set) {
    Date issued = key.getIssueTime();
    return new KeyInfo(
        key.getKeyID(),
        issued == null ? null : issued.toInstant(),
        SigningKeys.activeFrom(key),
        set.current(clock.instant()).getKeyID().equals(key.getKeyID()));
  }

  private List<ECKey> keys() {
    return SigningKeys.parse(KeyFile.read(signingFile())).keys();
  }

  private void write(List<ECKey> keys) {
    SigningKeys set = SigningKeys.of(new JWKSet(List.<JWK>copyOf(keys)));
    KeyFile.write(
        signingFile(),
        new JWKSet(List.<JWK>copyOf(set.keys())).toString(false),
        KeyFile.OWNER_ONLY);
    KeyFile.write(publicFile(), set.publicSet().toString(), KeyFile.READABLE);
  }

  /** A P-256 key named {@code url-YYYYMMDD-xxxxxxxx}: the day it was made, and 32 random bits. */
  private ECKey generate(Instant activeFrom) {
    Instant now = clock.instant();
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyID("url-" + DAY.format(now) + "-" + HexFormat.of().formatHex(suffix))
          .algorithm(JWSAlgorithm.ES256)
          .keyUse(KeyUse.SIGNATURE)
          .issueTime(Date.from(now))
          .notBeforeTime(Date.from(activeFrom))
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }
}
