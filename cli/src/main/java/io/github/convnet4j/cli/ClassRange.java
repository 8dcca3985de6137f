package io.github.convnet4j.cli;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;

/** {@code classes=A-B} of {@code --data}: keeps classes A..B, relabelled 0..B-A, with their names. */
record ClassRange(int first, int last) {
    static ClassRange parse(String option, String data) {
        String v = option.substring("classes=".length());
        String[] p = v.split("-");
        try {
            int a = Integer.parseInt(p[0].trim()), b = p.length == 2 ? Integer.parseInt(p[1].trim()) : a;
            if (p.length <= 2 && a >= 0 && b >= a) return new ClassRange(a, b);
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("data '" + data + "': classes=" + v + " must be A-B with 0 <= A <= B");
    }

    MnistFormat.TrainTest apply(MnistFormat.TrainTest sets) {
        return new MnistFormat.TrainTest(keep(sets.train()), sets.test() == null ? null : keep(sets.test()));
    }

    private Dataset keep(Dataset d) {
        if (last >= d.numClasses()) {
            throw new IllegalArgumentException("classes=" + first + "-" + last + ": the data has classes 0-" + (d.numClasses() - 1));
        }
        int n = 0;
        for (int i = 0; i < d.size(); i++) if (d.label(i) >= first && d.label(i) <= last) n++;
        int[] idx = new int[n];
        n = 0;
        for (int i = 0; i < d.size(); i++) if (d.label(i) >= first && d.label(i) <= last) idx[n++] = i;
        Dataset picked = d.select(idx);
        int[] labels = picked.labels().clone();
        for (int i = 0; i < labels.length; i++) labels[i] -= first;
        int k = last - first + 1;
        return picked.relabelled(labels, k, d.classNames().isEmpty() ? java.util.List.of() : d.classNames().subList(first, last + 1));
    }
}
