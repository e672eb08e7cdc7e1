package org.telcocdn.security;

import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service as its certificate names it: the SAN URI {@code spiffe://telcocdn/<role>/<site>/<name>}
 * (SPIFFE's path form, trust domain {@code telcocdn}), site {@code -} for a service that belongs to
 * no site. The role is the service's module ({@code vid-cache}, {@code vid-cache-broker}, ...), so
 * a route can say which kinds of service may call it, and a handler can bind a name in a request to
 * the caller (edge-2 cannot heartbeat as edge-1).
 */
public record ServiceIdentity(String role, String site, String name) {
  public static final String TRUST_DOMAIN = "telcocdn";

  /** The site of a service that belongs to none. */
  public static final String NO_SITE = "-";

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int SAN_URI = 6;

  public ServiceIdentity {
    check("role", role);
    check("name", name);
    if (!NO_SITE.equals(site)) check("site", site);
  }

  /** A service without a site. */
  public static ServiceIdentity of(String role, String name) {
    return new ServiceIdentity(role, NO_SITE, name);
  }

  public boolean hasSite() {
    return !NO_SITE.equals(site);
  }

  /** {@code spiffe://telcocdn/<role>/<site>/<name>}. */
  public String uri() {
    return "spiffe://" + TRUST_DOMAIN + "/" + role + "/" + site + "/" + name;
  }

  /** The identity of a SPIFFE URI of our trust domain; empty for anything else. */
  public static Optional<ServiceIdentity> parse(String uri) {
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!"spiffe".equals(parsed.getScheme())
        || !TRUST_DOMAIN.equals(parsed.getHost())
        || parsed.getRawQuery() != null
        || parsed.getRawFragment() != null
        || parsed.getRawPath() == null) {
      return Optional.empty();
    }
    String[] parts = parsed.getRawPath().split("/", -1);
    if (parts.length != 4 || !parts[0].isEmpty()) return Optional.empty();
    try {
      return Optional.of(new ServiceIdentity(parts[1], parts[2], parts[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The identity in a certificate's SAN URIs. Exactly one SPIFFE URI of our trust domain must be
   * there: a certificate naming two services names none.
   */
  public static Optional<ServiceIdentity> of(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
    if (names == null) return Optional.empty();
    List<ServiceIdentity> found =
        names.stream()
            .filter(
                n ->
                    n.size() == 2
                        && Integer.valueOf(SAN_URI).equals(n.get(0))
                        && n.get(1) instanceof String)
            .map(n -> parse((String) n.get(1)))
            .flatMap(Optional::stream)
            .toList();
    return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
  }

  @Override
  public String toString() {
    return uri();
  }

  private static void check(String part, String value) {
    if (value == null || !PART.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "service identity " + part + " must match " + PART.pattern() + ", was '" + value + "'");
    }
  }
}
