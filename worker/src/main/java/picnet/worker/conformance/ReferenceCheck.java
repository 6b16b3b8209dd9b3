package picnet.worker.conformance;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.conformance.Comparison.Kind;
import picnet.worker.model.PicnetInference;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.ResGenerator;
import picnet.worker.model.layers.Parameter;
import picnet.worker.model.layers.SpectralMode;
import picnet.worker.training.TwoPathObjective;

/**
 * Runs the inference path and the full training objective on a fixture's inputs with the authors'
 * weights, and compares every tensor, loss and gradient the fixture holds. Spectral norm advances its
 * power iteration on every forward, as the reference does.
 */
public final class ReferenceCheck {
    private ReferenceCheck() {}

    public static List<Comparison> run(ReferenceFixture fixture) {
        List<Comparison> results = new ArrayList<>();
        try (PicnetNetworks nets = PicnetNetworks.load(fixture.config(), Device.cpu(), fixture.checkpoints(),
                        fixture.dir().resolve("checkpoints").toString());
                NDManager scope = nets.manager().newSubManager()) {
            nets.setSpectralMode(SpectralMode.ADVANCE);
            Comparer cmp = new Comparer(fixture, nets, scope, results);
            testPath(cmp);
            trainingPath(cmp);
        }
        return results;
    }

    private static void testPath(Comparer cmp) {
        PicnetNetworks nets = cmp.nets();
        NDArray mask = cmp.input("mask");
        NDArray imgM = cmp.input("img_m");
        PicnetInference.Encoded enc = PicnetInference.encode(nets, imgM, mask);
        for (int i = 0; i < enc.features().size(); i++) {
            cmp.forward("test_feature_" + i, enc.features().get(i));
        }
        cmp.forward("test_q_mu", enc.prior().mu());
        cmp.forward("test_q_std", enc.prior().std());
        cmp.forward("test_scale_mask", enc.attentionMask());
        NDArray z = PicnetInference.sample(enc.prior(), cmp.input("test_eps"));
        cmp.forward("test_z", z);
        ResGenerator.Result out = PicnetInference.generate(nets, enc, z);
        for (int i = 0; i < out.images().size(); i++) {
            cmp.forward("test_out_scale_" + i, out.images().get(i));
        }
        cmp.forward("test_attention", out.attention());
        NDArray composite = PicnetInference.composite(out.images().get(out.images().size() - 1), imgM, mask);
        cmp.forward("test_img_out", composite);
        cmp.forward("test_d_score", nets.discriminator().forward(composite));
    }

    private static void trainingPath(Comparer cmp) {
        PicnetNetworks nets = cmp.nets();
        NDArray truth = cmp.input("img_truth");
        NDArray mask = cmp.input("mask");
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            // freshly loaded parameters have no gradient yet; DJL's zeroGradients() would also touch
            // every other array of the process
            TwoPathObjective.Terms t = TwoPathObjective.paths(
                    nets, truth, mask, cmp.input("train_eps_p"), cmp.input("train_eps_q"));
            cmp.forward("train_p_mu", t.posterior().mu());
            cmp.forward("train_p_std", t.posterior().std());
            cmp.forward("train_q_mu", t.prior().mu());
            cmp.forward("train_q_std", t.prior().std());
            for (int i = 0; i < t.generations().size(); i++) {
                cmp.forward("train_img_rec_" + i, t.reconstructions().get(i));
                cmp.forward("train_img_g_" + i, t.generations().get(i));
                cmp.forward("train_scale_img_" + i, t.scaleImages().get(i));
                cmp.forward("train_scale_mask_" + i, t.scaleMasks().get(i));
            }
            cmp.loss("m_sigma", t.mSigma(), cmp.fixture().manifest().get("m_sigma").asDouble());
            cmp.loss("kl_rec", t.klRec());
            cmp.loss("kl_g", t.klG());
            cmp.loss("app_rec", t.appRec());
            cmp.loss("app_g", t.appG());
            // the reference's order within a step: discriminators first, then the generator's terms
            cmp.loss("img_d", TwoPathObjective.discriminatorLoss(nets.discriminator(), truth, t.finestGeneration()));
            cmp.loss("img_d_rec", TwoPathObjective.discriminatorLoss(
                    nets.reconstructionDiscriminator(), truth, t.finestReconstruction()));
            TwoPathObjective.Adversarial adversarial = TwoPathObjective.adversarialTerms(nets, t, truth);
            cmp.loss("ad_g", adversarial.adG());
            cmp.loss("ad_rec", adversarial.adRec());
            NDArray totalG = t.totalG(adversarial);
            cmp.loss("total_g", totalG);
            collector.backward(totalG);
            for (String qualified : cmp.fixture().gradientParameters()) {
                int dot = qualified.indexOf('.');
                Parameter p = nets.parameters(qualified.substring(0, dot)).get(qualified.substring(dot + 1));
                String tensor = "grad_" + qualified.replace('.', '_');
                if (p == null) {
                    cmp.results().add(new Comparison(tensor + " (no such parameter)", Kind.GRADIENT,
                            Double.POSITIVE_INFINITY, Kind.GRADIENT.tolerance));
                    continue;
                }
                cmp.gradient(tensor, p.value().getGradient());
            }
        }
    }

    /** Compares our tensors with the fixture's and records the results. */
    private record Comparer(ReferenceFixture fixture, PicnetNetworks nets, NDManager scope, List<Comparison> results) {
        NDArray input(String name) {
            HostTensor t = fixture.tensor(name);
            return scope.create(t.data(), new Shape(t.shape()));
        }

        void forward(String name, NDArray ours) {
            compare(name, Kind.FORWARD, ours);
        }

        void gradient(String name, NDArray ours) {
            compare(name, Kind.GRADIENT, ours);
        }

        void loss(String name, NDArray ours) {
            loss(name, ours.getFloat(), fixture.loss(name));
        }

        void loss(String name, double ours, double reference) {
            double rel = Math.abs(ours - reference) / Math.max(Math.abs(reference), 1e-30);
            results.add(new Comparison(name, Kind.LOSS, rel, Kind.LOSS.tolerance));
        }

        private void compare(String name, Kind kind, NDArray ours) {
            HostTensor ref = fixture.tensor(name);
            results.add(Comparison.of(name, kind, ours.toFloatArray(), ref.data()));
        }
    }
}
