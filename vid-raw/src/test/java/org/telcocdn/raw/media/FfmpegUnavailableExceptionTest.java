package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FfmpegUnavailableExceptionTest {
  /**
   * What JavaCPP threw on a machine without libpulse0 (reproduced with the file hidden in a mount
   * namespace).
   */
  @Test
  void namesTheMissingLibraryAndThePackagesToInstall() {
    UnsatisfiedLinkError loader =
        new UnsatisfiedLinkError("no jniavdevice in java.library.path: /usr/java/packages/lib");
    loader.initCause(
        new UnsatisfiedLinkError(
            "/root/.javacpp/cache/ffmpeg/libjniavdevice.so: "
                + "libpulse.so.0: cannot open shared object file: No such file or directory"));

    FfmpegUnavailableException e = FfmpegUnavailableException.of(loader);

    assertThat(e.getMessage())
        .startsWith(
            "the bundled ffmpeg cannot load: libpulse.so.0 is missing (Debian package libpulse0)")
        .endsWith("apt-get install libpulse0 libva2 libva-drm2");
    assertThat(e.getCause()).isSameAs(loader);
  }

  @Test
  void anUnknownLibraryIsQuotedAsTheLoaderSaidIt() {
    FfmpegUnavailableException e =
        FfmpegUnavailableException.of(new UnsatisfiedLinkError("libfoo.so.3: cannot open"));
    assertThat(e.getMessage())
        .contains("a system library it links is missing (libfoo.so.3: cannot open)")
        .contains("apt-get install libpulse0 libva2 libva-drm2");
  }
}
