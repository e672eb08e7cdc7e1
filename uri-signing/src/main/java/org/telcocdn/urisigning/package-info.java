/**
 * Signed viewer URLs, the URI Signing profile of RFC 9246: the broker signs a short-lived JWT
 * (ES256, header {@code kid}) scoped to one title's path prefix when it routes a viewer, and the
 * edges check it on every object request with only the public keys.
 *
 * <table>
 *   <caption>Map of the package</caption>
 *   <tr><th>class</th><th>what</th></tr>
 *   <tr><td>{@link org.telcocdn.urisigning.ViewerTokenSigner}</td><td>the broker's side: one JWT per title, signed with the active key</td></tr>
 *   <tr><td>{@link org.telcocdn.urisigning.ViewerTokenVerifier}</td><td>the edges' side: signature, times and URI container, verified tokens cached until they expire</td></tr>
 *   <tr><td>{@link org.telcocdn.urisigning.TokenVerdict}</td><td>every outcome of a check, a closed enum for metrics and the 403's message</td></tr>
 *   <tr><td>{@link org.telcocdn.urisigning.UriContainer}</td><td>the {@code cdniuc} claim: {@code regex:} or {@code hash:}</td></tr>
 *   <tr><td>{@link org.telcocdn.urisigning.SigningKeys}, {@link org.telcocdn.urisigning.VerificationKeys}</td><td>the private key set (broker) and the public key set (edges)</td></tr>
 *   <tr><td>{@link org.telcocdn.urisigning.ViewerKeyFiles}</td><td>the two files under {@code dataDir/secrets/}: created, rotated, retired</td></tr>
 *   <tr><td>{@link org.telcocdn.urisigning.KeyFileWatcher}</td><td>reloads a key file when it changes, so rotation needs no restart</td></tr>
 * </table>
 *
 * <p>The package's place in the URI ({@code /videos/{id};URISigningPackage={jwt}/...}) and its
 * removal before caching are in common's {@link org.telcocdn.common.http.UriSigningPackage}.
 */
package org.telcocdn.urisigning;
