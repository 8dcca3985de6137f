package io.github.convnet4j.opencl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights of one {@link TrajectoryDivergence} run after each requested step (step 0 is the
 * initial weights): step -> parameter (in {@code names} order) -> values, stored as big-endian
 * doubles so that a rerun can reuse them.
 */
record TrajectorySnapshots(List<String> names, Map<Integer, List<double[]>> byStep) {
    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(names.size());
            for (String n : names) out.writeUTF(n);
            out.writeInt(byStep.size());
            for (Map.Entry<Integer, List<double[]>> e : byStep.entrySet()) {
                out.writeInt(e.getKey());
                for (double[] v : e.getValue()) {
                    out.writeInt(v.length);
                    for (double d : v) out.writeDouble(d);
                }
            }
        }
    }

    static TrajectorySnapshots read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) names.add(in.readUTF());
            int stepCount = in.readInt();
            Map<Integer, List<double[]>> byStep = new LinkedHashMap<>();
            for (int s = 0; s < stepCount; s++) {
                int step = in.readInt();
                List<double[]> values = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    double[] v = new double[in.readInt()];
                    for (int j = 0; j < v.length; j++) v[j] = in.readDouble();
                    values.add(v);
                }
                byStep.put(step, values);
            }
            return new TrajectorySnapshots(names, byStep);
        }
    }
}
