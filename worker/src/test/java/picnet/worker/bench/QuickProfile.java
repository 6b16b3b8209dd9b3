package picnet.worker.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetInference;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.layers.SpectralMode;

/** Scratch: time E, G, D forwards separately (not a test). */
public class QuickProfile {
    public static void main(String[] args) {
        int batch = Integer.parseInt(args[0]);
        try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(256), Device.cpu(), 1)) {
            nets.setSpectralMode(SpectralMode.FROZEN);
            try (NDManager m = nets.manager().newSubManager()) {
                NDArray img = m.randomUniform(-1, 1, new Shape(1, 3, 256, 256));
                NDArray mask = m.ones(new Shape(1, 3, 256, 256));
                for (int it = 0; it < 4; it++) {
                    try (NDManager s = m.newSubManager()) {
                        long t0 = System.nanoTime();
                        NDArray im = img.reshape(img.getShape()); im.attach(s);
                        NDArray mk = mask.reshape(mask.getShape()); mk.attach(s);
                        PicnetInference.Encoded e = PicnetInference.encode(nets, im, mk);
                        e.prior().mu().toFloatArray();
                        long t1 = System.nanoTime();
                        NDArray z = s.randomNormal(new Shape(batch, 128, 8, 8));
                        NDArray out = PicnetInference.generate(nets, e, z).images().get(3);
                        out.toFloatArray();
                        long t2 = System.nanoTime();
                        nets.discriminator().forward(out).toFloatArray();
                        long t3 = System.nanoTime();
                        System.out.printf("E %.0f ms, G %.1f ms/sample, D %.1f ms/sample%n", (t1 - t0) / 1e6,
                                (t2 - t1) / 1e6 / batch, (t3 - t2) / 1e6 / batch);
                    }
                }
            }
        }
    }
}
