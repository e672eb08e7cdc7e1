package org.telcocdn.raw.media;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled ffmpeg cannot be loaded on this machine. The bytedeco build carries its FFmpeg
 * libraries, but {@code libavdevice} links PulseAudio's client library ({@code libpulse.so.0}) from
 * the system, and a fresh Debian has none (chromium pulls it in, which hid this); the JVM only says
 * "UnsatisfiedLinkError: no jniavdevice". libva ({@code libva.so.2}, {@code libva-drm.so.2}) ships
 * in the jar and loads from there (a fresh JavaCPP cache without Debian's libva2 loaded here), but
 * the same packages are named, so that a machine set up from this message has every system library
 * the build was seen to need.
 */
public final class FfmpegUnavailableException extends RuntimeException {
  /** The system libraries the bundled build links, by the Debian package that ships each. */
  static final Map<String, String> PACKAGES = packages();

  private static final Pattern LIBRARY = Pattern.compile("lib[\\w+-]+\\.so(\\.\\d+)*");

  private FfmpegUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** From the loader's error: which library failed, and what to install. */
  static FfmpegUnavailableException of(UnsatisfiedLinkError error) {
    String missing = null;
    for (Throwable t = error; t != null && missing == null; t = t.getCause())
      missing = knownLibrary(t.getMessage());
    String install = "apt-get install " + String.join(" ", PACKAGES.values());
    String what =
        missing == null
            ? "a system library it links is missing (" + error.getMessage() + ")"
            : missing + " is missing (Debian package " + PACKAGES.get(missing) + ")";
    return new FfmpegUnavailableException(
        "the bundled ffmpeg cannot load: "
            + what
            + "; install the system libraries it needs: "
            + install,
        error);
  }

  private static String knownLibrary(String message) {
    if (message == null) return null;
    Matcher m = LIBRARY.matcher(message);
    while (m.find()) {
      if (PACKAGES.containsKey(m.group())) return m.group();
    }
    return null;
  }

  private static Map<String, String> packages() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("libpulse.so.0", "libpulse0");
    m.put("libva.so.2", "libva2");
    m.put("libva-drm.so.2", "libva-drm2");
    return java.util.Collections.unmodifiableMap(m);
  }
}
