package picnet.worker.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The samples of one step in the model's layout: {@code images} (B, 3, S, S) in [-1, 1] and
 * {@code known} (B, 3, S, S) with 1 = known pixel, both C order.
 */
public record TrainingBatch(long step, int batchSize, int size, float[] images, float[] known, List<Path> files) {
    public static TrainingBatch of(long step, List<TrainingDataset.Sample> samples, int size) {
        int plane = size * size;
        int per = 3 * plane;
        float[] images = new float[samples.size() * per];
        float[] known = new float[samples.size() * per];
        for (int b = 0; b < samples.size(); b++) {
            TrainingDataset.Sample s = samples.get(b);
            float[] chw = s.image().chw();
            for (int i = 0; i < per; i++) {
                images[b * per + i] = 2 * chw[i] - 1;
            }
            boolean[] hole = s.mask().hole();
            for (int i = 0; i < plane; i++) {
                float k = hole[i] ? 0f : 1f;
                known[b * per + i] = k;
                known[b * per + plane + i] = k;
                known[b * per + 2 * plane + i] = k;
            }
        }
        return new TrainingBatch(step, samples.size(), size, images, known,
                samples.stream().map(TrainingDataset.Sample::file).toList());
    }
}
