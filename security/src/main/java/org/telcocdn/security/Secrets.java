package org.telcocdn.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secrets directory {@code cdn up} keeps ({@code dataDir/secrets}, mode 0700):
 *
 * <pre>
 * ca.key, ca.pem                      the internal CA (key 0600)
 * services/NAME.key, services/NAME.pem one key and certificate per service (key 0600)
 * operator-signing.jwk                the key operator tokens are signed with (0600)
 * operator-keys.json                  its public half, a JWK set: what services verify tokens with
 * operator.token                      an admin token, what every cdn subcommand sends (0600)
 * </pre>
 *
 * {@link #ensure} creates what is missing and re-issues a service certificate that has less than
 * {@link #RENEW_BEFORE} left or names another identity; it never replaces the CA or the signing key
 * (that would invalidate every certificate and token at once; see docs/security.md for rotation).
 */
public final class Secrets {
  public static final Duration SERVICE_VALIDITY = Duration.ofDays(30);
  public static final Duration RENEW_BEFORE = Duration.ofDays(7);

  /**
   * How long the admin token {@code cdn up} writes lives; any cdn command renews it when it is
   * close.
   */
  public static final Duration ADMIN_TOKEN_TTL = Duration.ofHours(24);

  public static final String ADMIN_SUBJECT = "cdn-admin";

  /** A service {@link #ensure} must hold a certificate for: its identity and the hosts it binds. */
  public record Holder(ServiceIdentity identity, List<String> hosts) {
    public Holder {
      hosts = List.copyOf(hosts);
    }
  }

  private final Path dir;

  private Secrets(Path dir) {
    this.dir = dir;
  }

  public static Secrets at(Path dir) {
    return new Secrets(dir);
  }

  public Path dir() {
    return dir;
  }

  public Path caCert() {
    return dir.resolve("ca.pem");
  }

  public Path caKey() {
    return dir.resolve("ca.key");
  }

  public Path serviceCert(String name) {
    return dir.resolve("services").resolve(name + ".pem");
  }

  public Path serviceKey(String name) {
    return dir.resolve("services").resolve(name + ".key");
  }

  public Path signingKey() {
    return dir.resolve("operator-signing.jwk");
  }

  public Path operatorKeys() {
    return dir.resolve("operator-keys.json");
  }

  public Path operatorToken() {
    return dir.resolve("operator.token");
  }

  public boolean exists() {
    return Files.isRegularFile(caCert());
  }

  /** Creates or renews what {@code holders} need; returns one line per thing it did. */
  public List<String> ensure(List<Holder> holders, Instant now) {
    List<String> done = new ArrayList<>();
    SecretFiles.directory(dir);
    SecretFiles.directory(dir.resolve("services"));
    InternalCa ca = ca(now, done);
    for (Holder holder : holders) renewIfNeeded(ca, holder, now, done);
    TokenSigner signer = signer(done);
    if (adminToken(now).isEmpty()) {
      SecretFiles.writeSecret(
          operatorToken(), signer.mint(ADMIN_SUBJECT, OperatorRole.ADMIN, ADMIN_TOKEN_TTL, now));
      done.add("wrote an admin token to " + operatorToken());
    }
    return done;
  }

  /** A new token signed with this directory's signing key. */
  public String mint(String subject, OperatorRole role, Duration ttl, Instant now) {
    if (!Files.isRegularFile(signingKey())) {
      throw new IllegalStateException(
          "no operator signing key at " + signingKey() + "; run `cdn up` first");
    }
    return TokenSigner.read(signingKey()).mint(subject, role, ttl, now);
  }

  /**
   * The admin token of {@code operator.token}, renewed (and rewritten) when it expires within an
   * hour and the signing key is here; empty when there is neither a usable token nor a key to make
   * one.
   */
  public Optional<String> adminToken(Instant now) {
    Path file = operatorToken();
    if (Files.isRegularFile(file)) {
      String token = SecretFiles.read(file).strip();
      if (expiresAfter(token, now.plus(Duration.ofHours(1)))) return Optional.of(token);
    }
    if (!Files.isRegularFile(signingKey())) return Optional.empty();
    if (!Files.isRegularFile(file)) return Optional.empty(); // only ensure() creates it
    String fresh = mint(ADMIN_SUBJECT, OperatorRole.ADMIN, ADMIN_TOKEN_TTL, now);
    SecretFiles.writeSecret(file, fresh);
    return Optional.of(fresh);
  }

  private boolean expiresAfter(String token, Instant when) {
    if (!Files.isRegularFile(operatorKeys())) return false;
    try {
      Operator operator =
          new TokenVerifier(
                  OperatorKeys.load(operatorKeys()),
                  java.time.Clock.fixed(when, java.time.ZoneOffset.UTC))
              .verify(token);
      return operator.expires().isAfter(when);
    } catch (TokenRejected | IllegalArgumentException e) {
      return false;
    }
  }

  private InternalCa ca(Instant now, List<String> done) {
    if (Files.isRegularFile(caKey()) && Files.isRegularFile(caCert()))
      return InternalCa.read(caKey(), caCert());
    InternalCa ca = InternalCa.create("telcocdn internal CA", now, InternalCa.CA_VALIDITY);
    ca.write(caKey(), caCert());
    done.add("created the internal CA " + caCert());
    return ca;
  }

  private void renewIfNeeded(InternalCa ca, Holder holder, Instant now, List<String> done) {
    String name = holder.identity().name();
    Path key = serviceKey(name);
    Path cert = serviceCert(name);
    if (Files.isRegularFile(key) && Files.isRegularFile(cert)) {
      IssuedCertificate current = IssuedCertificate.read(key, cert);
      boolean same =
          ServiceIdentity.of(current.certificate()).filter(holder.identity()::equals).isPresent()
              && chainsTo(current, ca)
              && current.names(holder.hosts());
      if (same && current.validFor(RENEW_BEFORE, now)) return;
    }
    ca.issue(holder.identity(), holder.hosts(), now, SERVICE_VALIDITY).write(key, cert);
    done.add("issued " + cert + " for " + holder.identity().uri());
  }

  private static boolean chainsTo(IssuedCertificate issued, InternalCa ca) {
    try {
      issued.certificate().verify(ca.publicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private TokenSigner signer(List<String> done) {
    if (Files.isRegularFile(signingKey()) && Files.isRegularFile(operatorKeys()))
      return TokenSigner.read(signingKey());
    TokenSigner signer = TokenSigner.generate();
    signer.write(signingKey());
    SecretFiles.writePublic(operatorKeys(), OperatorKeys.json(new JWKSet(signer.publicKey())));
    done.add("created the operator signing key " + signer.keyId() + " (" + signingKey() + ")");
    return signer;
  }
}
