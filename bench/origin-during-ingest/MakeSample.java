import java.nio.file.Path;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;

/**
 * {@code DIR/NAME.mp4}: a test card with a tone (testsrc2 + sine, H.264/AAC, 30 fps) from the bundled
 * ffmpeg, as {@code cdn demo} makes its samples; an existing file is reused.
 *
 * <pre>java -cp CLASSPATH MakeSample.java DIR NAME SECONDS WIDTH HEIGHT</pre>
 */
public final class MakeSample {
  private MakeSample() {}

  public static void main(String[] args) {
    if (args.length != 5) {
      System.err.println("usage: MakeSample DIR NAME SECONDS WIDTH HEIGHT");
      System.exit(2);
    }
    System.out.println(SampleVideos.synthesize(Ffmpeg.bundled(), Path.of(args[0]), args[1], Integer.parseInt(args[2]),
        Integer.parseInt(args[3]), Integer.parseInt(args[4])));
  }
}
