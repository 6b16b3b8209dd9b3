package picnet.worker.bench;

import ai.djl.Device;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.sampling.DiverseSampler;

/** Scratch entry point for measuring (not a test). */
public class QuickBench {
    public static void main(String[] args) {
        int batch = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        try (DiverseSampler s = new DiverseSampler(PicnetNetworks.random(PicnetConfig.released(256), Device.cpu(), 1), batch)) {
            for (SamplingBenchmark.Result r : SamplingBenchmark.run(s, new int[] {n}, 3, System.out::println)) {
                System.out.printf("batch=%d N=%d median %.1f ms/sample%n", batch, r.samples(), r.medianMsPerSample());
            }
        }
    }
}
