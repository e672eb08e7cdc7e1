package org.telcocdn.raw.media;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;

/**
 * Where the ffmpeg and ffprobe executables are. "bundled" means the GPL build inside the bytedeco
 * jar (it has libx264), extracted by JavaCPP to its cache; anything else is a path to an installed
 * binary. Shared with the CLI and the tests, which synthesize sample videos and play streams.
 *
 * <p>The bundled paths are small launcher scripts next to the binaries (see {@link Launchers}): run
 * them like ffmpeg itself, no environment needed.
 */
public final class Ffmpeg {
  public static final String BUNDLED = "bundled";

  private final Path ffmpeg;
  private final Path ffprobe;

  private Ffmpeg(Path ffmpeg, Path ffprobe) {
    this.ffmpeg = ffmpeg;
    this.ffprobe = ffprobe;
  }

  /**
   * The executables inside the bytedeco jar, extracted once per process.
   *
   * @throws FfmpegUnavailableException naming the Debian packages to install when a system library
   *     the build links is missing
   */
  public static Ffmpeg bundled() {
    return Bundled.get();
  }

  /** Installed executables. */
  public static Ffmpeg of(Path ffmpeg, Path ffprobe) {
    return new Ffmpeg(ffmpeg, ffprobe);
  }

  /**
   * From the settings {@code origin.ffmpeg} and {@code origin.ffprobe}: "bundled" or a path each.
   */
  public static Ffmpeg from(String ffmpegSetting, String ffprobeSetting) {
    Path ffmpeg = BUNDLED.equals(ffmpegSetting) ? bundled().ffmpegPath() : Path.of(ffmpegSetting);
    Path ffprobe =
        BUNDLED.equals(ffprobeSetting) ? bundled().ffprobePath() : Path.of(ffprobeSetting);
    return new Ffmpeg(ffmpeg, ffprobe);
  }

  public Path ffmpegPath() {
    return ffmpeg;
  }

  public Path ffprobePath() {
    return ffprobe;
  }

  @Override
  public String toString() {
    return "Ffmpeg[" + ffmpeg + ", " + ffprobe + "]";
  }

  /**
   * Extracted when first asked (it takes a second and touches the disk). Not a holder class: a
   * failure in a static initializer would reach callers as ExceptionInInitializerError, not as the
   * exception that names what to install.
   */
  private static final class Bundled {
    private static Ffmpeg instance;

    static synchronized Ffmpeg get() {
      if (instance == null) instance = extract();
      return instance;
    }

    private static Ffmpeg extract() {
      Path ffmpeg;
      Path ffprobe;
      try {
        ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        ffprobe = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
      } catch (UnsatisfiedLinkError e) {
        throw FfmpegUnavailableException.of(e);
      }
      if (!Files.isExecutable(ffmpeg) || !Files.isExecutable(ffprobe)) {
        throw new IllegalStateException(
            "bundled ffmpeg was not extracted as executables: " + ffmpeg + ", " + ffprobe);
      }
      SonameLinks.complete(ffmpeg.getParent());
      return new Ffmpeg(Launchers.of(ffmpeg), Launchers.of(ffprobe));
    }
  }
}
