package org.telcocdn.predict.model;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of a {@link ModelUpdate} (edge to controller) and of a {@link GlobalModel}
 * (controller to edge), big-endian:
 *
 * <pre>
 *   4 bytes  magic "TCFM"
 *   1 byte   kind: 1 update, 2 global model
 *   2 bytes  length of the edge name, then its UTF-8 bytes (updates only)
 *   8 bytes  version (an update's base version)
 *   8 bytes  samples (updates only)
 *   4 bytes  count of weights, then each as a 4-byte IEEE float
 * </pre>
 *
 * A message is at most {@value #MAX_BYTES} bytes (the budget per edge and round); the
 * default model (29 features, 16 hidden units) takes 2.1 KB. Decoding checks every length against
 * what is left, so a truncated or forged message is refused with a reason, never half read.
 */
public final class ModelCodec {
  public static final int MAX_BYTES = 64 * 1024;
  private static final int MAGIC = 0x5443464D;
  private static final byte UPDATE = 1;
  private static final byte GLOBAL = 2;

  private ModelCodec() {}

  public static byte[] encode(ModelUpdate update) {
    byte[] name = update.edge().getBytes(StandardCharsets.UTF_8);
    if (name.length > 255) throw new IllegalArgumentException("an edge name is at most 255 bytes");
    float[] w = update.weights();
    ByteBuffer b = allocate(4 + 1 + 2 + name.length + 8 + 8 + 4 + 4 * w.length);
    b.putInt(MAGIC)
        .put(UPDATE)
        .putShort((short) name.length)
        .put(name)
        .putLong(update.baseVersion())
        .putLong(update.samples());
    return weights(b, w);
  }

  public static byte[] encode(GlobalModel model) {
    float[] w = model.weights();
    ByteBuffer b = allocate(4 + 1 + 8 + 4 + 4 * w.length);
    b.putInt(MAGIC).put(GLOBAL).putLong(model.version());
    return weights(b, w);
  }

  public static ModelUpdate decodeUpdate(byte[] bytes) {
    ByteBuffer b = open(bytes, UPDATE);
    try {
      int length = b.getShort() & 0xFFFF;
      if (length > 255 || length > b.remaining())
        throw new IllegalArgumentException("edge name of " + length + " bytes does not fit");
      byte[] name = new byte[length];
      b.get(name);
      long version = b.getLong();
      long samples = b.getLong();
      return new ModelUpdate(
          new String(name, StandardCharsets.UTF_8), version, samples, readWeights(b));
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("model update truncated at byte " + b.position(), e);
    }
  }

  public static GlobalModel decodeGlobal(byte[] bytes) {
    ByteBuffer b = open(bytes, GLOBAL);
    try {
      long version = b.getLong();
      return new GlobalModel(version, readWeights(b));
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("global model truncated at byte " + b.position(), e);
    }
  }

  private static ByteBuffer allocate(int size) {
    if (size > MAX_BYTES)
      throw new IllegalArgumentException(
          "a model message of " + size + " bytes exceeds " + MAX_BYTES);
    return ByteBuffer.allocate(size);
  }

  private static byte[] weights(ByteBuffer b, float[] w) {
    b.putInt(w.length);
    for (float f : w) b.putFloat(f);
    return b.array();
  }

  private static ByteBuffer open(byte[] bytes, byte kind) {
    if (bytes.length > MAX_BYTES)
      throw new IllegalArgumentException(
          "a model message of " + bytes.length + " bytes exceeds " + MAX_BYTES);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (bytes.length < 5 || b.getInt() != MAGIC)
      throw new IllegalArgumentException("not a model message (magic)");
    byte k = b.get();
    if (k != kind)
      throw new IllegalArgumentException("expected a model message of kind " + kind + ", got " + k);
    return b;
  }

  private static float[] readWeights(ByteBuffer b) {
    int count = b.getInt();
    if (count < 0 || (long) count * 4 != b.remaining()) {
      throw new IllegalArgumentException(
          count + " weights announced, " + b.remaining() + " bytes left");
    }
    float[] w = new float[count];
    for (int i = 0; i < count; i++) w[i] = b.getFloat();
    return w;
  }
}
