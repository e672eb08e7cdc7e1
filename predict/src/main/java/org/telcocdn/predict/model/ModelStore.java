package org.telcocdn.predict.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The models a replay ends with, by name, so that the next replay starts from them: what the
 * controller keeps of the global model and each edge of its local part from one day to the next
 * ({@code cdn predict tune --model-out}, {@code cdn predict eval --model}, and the controller's
 * {@code controller.predict.model}, which takes {@link #FEDERATED_GLOBAL} from it). In module
 * {@code predict} so that the controller reads the file the offline tuning writes. Names: {@code
 * federated.global}, {@code federated.local.eN}, {@code local-only.shared.eN}, {@code
 * local-only.local.eN}, {@code centralised.shared}, {@code centralised.local}.
 *
 * <p>File: magic {@code TCMS}, a count, then per entry its UTF-8 name and its floats, big-endian. A
 * read checks every count against a bound before allocating, so a damaged file is refused with a
 * reason; a write goes to a temporary file moved into place, so a half-written file is never read.
 */
public final class ModelStore {
  /**
   * The federated global model's name: what the controller starts its rounds from when {@code
   * controller.predict.model} is such a file.
   */
  public static final String FEDERATED_GLOBAL = "federated.global";

  private static final int MAGIC = 0x54434D53;
  private static final int MAX_ENTRIES = 4096;
  private static final int MAX_FLOATS = 1 << 20;

  private final TreeMap<String, float[]> entries = new TreeMap<>();

  public ModelStore put(String name, float[] weights) {
    entries.put(name, weights.clone());
    return this;
  }

  /** The weights stored under {@code name}, or null. */
  public float[] get(String name) {
    float[] w = entries.get(name);
    return w == null ? null : w.clone();
  }

  /**
   * Checks that every entry fits a model of these sizes (local parts under names with {@code
   * .local}, the rest shared parts), so that a file from a model of another shape is refused before
   * a replay.
   */
  public ModelStore requireFits(int sharedFloats, int localFloats) {
    for (Map.Entry<String, float[]> e : entries.entrySet()) {
      int expected = e.getKey().contains(".local") ? localFloats : sharedFloats;
      if (e.getValue().length != expected) {
        throw new IllegalArgumentException(
            "the model "
                + e.getKey()
                + " has "
                + e.getValue().length
                + " weights, this replay's has "
                + expected
                + " (a file from a model of another shape)");
      }
    }
    return this;
  }

  public Map<String, float[]> entries() {
    return Collections.unmodifiableMap(entries);
  }

  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream os = Files.newOutputStream(tmp);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
      out.writeInt(MAGIC);
      out.writeInt(entries.size());
      for (Map.Entry<String, float[]> e : entries.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        for (float f : e.getValue()) out.writeFloat(f);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Whether {@code head}, a file's first bytes, starts as a model store does ({@code TCMS}). */
  public static boolean startsAStore(byte[] head) {
    return head.length >= 4 && java.nio.ByteBuffer.wrap(head, 0, 4).getInt() == MAGIC;
  }

  public static ModelStore read(Path file) throws IOException {
    try (InputStream is = Files.newInputStream(file)) {
      return read(is, file.toString());
    }
  }

  /** A store from {@code is} (not closed here); {@code what} names it in errors. */
  public static ModelStore read(InputStream is, String what) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is));
    try {
      if (in.readInt() != MAGIC)
        throw new IOException(what + " is not a model file (no TCMS magic)");
      int n = bounded(in.readInt(), MAX_ENTRIES, "entries", what);
      ModelStore store = new ModelStore();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        float[] w = new float[bounded(in.readInt(), MAX_FLOATS, "floats in " + name, what)];
        for (int k = 0; k < w.length; k++) w[k] = in.readFloat();
        store.entries.put(name, w);
      }
      return store;
    } catch (EOFException e) {
      throw new IOException(what + " ends before its last model", e);
    }
  }

  private static int bounded(int n, int max, String what, String store) throws IOException {
    if (n < 0 || n > max)
      throw new IOException(store + ": " + n + " " + what + ", expected 0 to " + max);
    return n;
  }
}
