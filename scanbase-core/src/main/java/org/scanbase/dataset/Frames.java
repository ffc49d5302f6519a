// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The frames of one sample, loaded from the store on first use and written back by
 * {@link Sample#save()} (all frames of the sample are replaced in one transaction).
 */
public final class Frames implements Iterable<Frame> {
  private final Sample sample;
  private final TreeMap<Integer, Frame> frames = new TreeMap<>();

  Frames(Sample sample) {
    this.sample = sample;
    if (sample.id() != null && sample.dataset().isPresent()) {
      for (Map<String, Object> doc : sample.dataset().get().store().frames(
          sample.dataset().get().name(), sample.id())) {
        int n = ((Number) doc.get("frame_number")).intValue();
        frames.put(n, new Frame(n, Docs.deepCopy(doc)));
      }
    }
  }

  /** Frame {@code number} (1-based), created empty when absent. */
  public Frame get(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("frame numbers start at 1, got " + number);
    }
    return frames.computeIfAbsent(number, Frame::empty);
  }

  /** Frame {@code number} when it exists. */
  public Optional<Frame> find(int number) {
    return Optional.ofNullable(frames.get(number));
  }

  /** The number of frames that exist. */
  public int count() {
    return frames.size();
  }

  /** The frames in order. */
  public List<Frame> all() {
    return new ArrayList<>(frames.values());
  }

  @Override
  public Iterator<Frame> iterator() {
    return all().iterator();
  }

  List<Map<String, Object>> docs() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Frame f : frames.values()) {
      out.add(f.doc());
    }
    return out;
  }
}
