package picnet.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picnet.worker.model.PicnetInference;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.ResEncoder.Distribution;
import picnet.worker.model.ResGenerator;
import picnet.worker.model.layers.BilinearResize;
import picnet.worker.model.layers.Scalars;

/**
 * PICNet's training objective for one batch: the reconstructive path (z from the posterior of the
 * hole's content) and the generative path (z from the prior of the visible part), KL terms against
 * the mask-dependent prior N(0, m_sigma), multi-scale L1 terms, LSGAN terms for D and D_rec.
 *
 * <p>Lambdas as the paper: rec = kl = 20, g = 1, over four output scales.
 *
 * <p>Not in the authors' objective: {@code hole_g}, an L1 term on the generative path's hole pixels
 * ({@code sum over scales of mean|g_s * (1 - mask_s) - truth_s * (1 - mask_s)|}, the hole's counterpart
 * of {@code app_g}), added to the generator's terms with a chosen weight (0 by default, the authors'
 * objective). The authors leave the hole of a prior sample to the discriminator alone, which keeps the
 * samples diverse but gives a young model no pixel-level pull towards a plausible fill. With K prior
 * samples per image (the rows of {@code epsQ} a multiple K of the batch), {@code hole_g} takes each
 * image's smallest hole L1 among them, a best-of-many objective that leaves the other samples free to
 * differ; {@code app_g}, {@code ad_g} and D's fakes average over all K.
 */
public final class TwoPathObjective {
    public static final float LAMBDA_REC = 20;
    public static final float LAMBDA_KL = 20;
    public static final float LAMBDA_G = 1;

    private TwoPathObjective() {}

    /** Everything one forward of the objective computes; losses are scalars. */
    public record Terms(
            Distribution posterior, Distribution prior, double mSigma,
            List<NDArray> scaleImages, List<NDArray> scaleMasks,
            List<NDArray> reconstructions, List<NDArray> generations,
            NDArray klRec, NDArray klG, NDArray appRec, NDArray appG, NDArray holeL1) {
        /** The six generator terms summed: what E and G descend on in the authors' objective. */
        public NDArray totalG(Adversarial adversarial) {
            return klRec.add(klG).add(appRec).add(appG).add(adversarial.adG()).add(adversarial.adRec());
        }

        /** {@code hole_g}: the generative path's hole L1 ({@code holeL1}, summed over scales) times {@code weight}. */
        public NDArray holeG(float weight) {
            return Scalars.mul(holeL1, weight);
        }

        /** The six terms plus {@link #holeG}; the same array as {@link #totalG(Adversarial)} for weight 0. */
        public NDArray totalG(Adversarial adversarial, float holeWeight) {
            NDArray authors = totalG(adversarial);
            return holeWeight == 0 ? authors : authors.add(holeG(holeWeight));
        }

        public NDArray finestGeneration() {
            return generations.get(generations.size() - 1);
        }

        public NDArray finestReconstruction() {
            return reconstructions.get(reconstructions.size() - 1);
        }
    }

    /**
     * Both paths through E and G with their KL and L1 terms; the adversarial terms follow from
     * {@link #adversarialTerms} (the reference updates the discriminators first, on the same outputs).
     *
     * @param truth (B, 3, H, W) in [-1, 1]
     * @param mask (B, 3, H, W), 1 = known
     * @param epsP noise for the posterior sample, (B, zNc, h, w)
     * @param epsQ noise for the prior sample, (K B, zNc, h, w) for K samples per image
     */
    public static Terms paths(PicnetNetworks nets, NDArray truth, NDArray mask, NDArray epsP, NDArray epsQ) {
        long b = truth.getShape().get(0);
        NDArray imgM = mask.mul(truth);
        NDArray imgC = mask.neg().add(1).mul(truth);
        List<NDArray> f = nets.encoder().features(NDArrays.concat(new NDList(imgM, imgC), 0));
        NDArray deepest = f.get(f.size() - 1);
        Distribution posterior = nets.encoder().posterior(half(deepest, b, 1));
        Distribution prior = nets.encoder().prior(half(deepest, b, 0));

        double mSigma = mSigma(mask);
        int k = (int) (epsQ.getShape().get(0) / b);
        NDArray z = NDArrays.concat(new NDList(
                PicnetInference.sample(posterior, epsP), PicnetInference.sample(new Distribution(
                        times(prior.mu(), k), times(prior.std(), k)), epsQ)), 0);
        NDArray fM = half(deepest, b, 0);
        NDArray fE = half(f.get(2), b, 0);
        NDArray attentionMask = PicnetInference.attentionMask(mask);
        ResGenerator.Result out = nets.generator().forward(z, times(fM, k + 1), times(fE, k + 1), times(attentionMask, k + 1));

        List<NDArray> rec = new ArrayList<>();
        List<NDArray> gen = new ArrayList<>();
        List<NDArray> scaleImages = new ArrayList<>();
        List<NDArray> scaleMasks = new ArrayList<>();
        NDArray appRec = null;
        NDArray appG = null;
        NDArray holeL1 = null;
        for (NDArray image : out.images()) {
            int h = (int) image.getShape().get(2);
            int w = (int) image.getShape().get(3);
            NDArray truthS = BilinearResize.alignCorners(truth, h, w);
            NDArray maskS = BilinearResize.alignCorners(mask, h, w);
            NDArray r = half(image, b, 0);
            NDArray g = image.get(new NDIndex("{}:", b));
            rec.add(r);
            gen.add(g);
            scaleImages.add(truthS);
            scaleMasks.add(maskS);
            NDArray lRec = r.sub(truthS).abs().mean();
            NDArray truthK = times(truthS, k);
            NDArray maskK = times(maskS, k);
            NDArray lG = g.mul(maskK).sub(truthK.mul(maskK)).abs().mean();
            NDArray holeS = maskK.neg().add(1);
            NDArray lHole = g.mul(holeS).sub(truthK.mul(holeS)).abs()
                    .reshape(k * b, -1).mean(new int[] {1}).reshape(k, b); // per sample and image
            appRec = appRec == null ? lRec : appRec.add(lRec);
            appG = appG == null ? lG : appG.add(lG);
            holeL1 = holeL1 == null ? lHole : holeL1.add(lHole);
        }
        holeL1 = holeL1.min(new int[] {0}).mean(); // each image's closest sample
        int scales = out.images().size();
        NDArray zeros = posterior.mu().zerosLike();
        NDArray klRec = Scalars.mul(klDivergence(zeros, zeros.add((float) mSigma), posterior.mu(), posterior.std())
                .mean(), LAMBDA_KL * scales);
        NDArray klG = Scalars.mul(klDivergence(
                posterior.mu().stopGradient(), posterior.std().stopGradient(), prior.mu(), prior.std()).mean(),
                LAMBDA_KL * scales);

        return new Terms(posterior, prior, mSigma, scaleImages, scaleMasks, rec, gen,
                klRec, klG, Scalars.mul(appRec, LAMBDA_REC), Scalars.mul(appG, LAMBDA_REC), holeL1);
    }

    /**
     * The generator's LSGAN terms: {@code ad_g = mean((D(g) - 1)^2)} and the D_rec matching term
     * {@code ad_rec = mean((D_rec(rec) - D_rec(truth))^2)}, each times lambda_g.
     */
    public static Adversarial adversarialTerms(PicnetNetworks nets, Terms terms, NDArray truth) {
        return adversarialTerms(nets, terms, truth, DiscriminatorAugment.unchanged(), DiscriminatorAugment.unchanged());
    }

    /**
     * {@link #adversarialTerms(PicnetNetworks, Terms, NDArray)} with the discriminators' inputs augmented:
     * the generations by one draw of {@code generationDraws} (sized for all K samples per image), the
     * reconstruction and the truth D_rec compares it with by one shared draw of {@code draws}.
     */
    public static Adversarial adversarialTerms(PicnetNetworks nets, Terms terms, NDArray truth,
            Supplier<DiscriminatorAugment.Draw> draws, Supplier<DiscriminatorAugment.Draw> generationDraws) {
        NDArray adG = Scalars.mul(nets.discriminator().forward(generationDraws.get().apply(terms.finestGeneration()))
                .sub(1).square().mean(), LAMBDA_G);
        DiscriminatorAugment.Draw pair = draws.get();
        NDArray dRecFake = nets.reconstructionDiscriminator().forward(pair.apply(terms.finestReconstruction()));
        NDArray dRecReal = nets.reconstructionDiscriminator().forward(pair.apply(truth));
        NDArray adRec = Scalars.mul(dRecFake.sub(dRecReal).square().mean(), LAMBDA_G);
        return new Adversarial(adG, adRec);
    }

    public record Adversarial(NDArray adG, NDArray adRec) {}

    /** LSGAN loss of one discriminator: {@code 0.5 * (mean((D(real) - 1)^2) + mean(D(fake)^2))}, fake detached. */
    public static NDArray discriminatorLoss(picnet.worker.model.ResDiscriminator d, NDArray real, NDArray fake) {
        NDArray realLoss = d.forward(real).sub(1).square().mean();
        NDArray fakeLoss = d.forward(fake.stopGradient()).square().mean();
        return Scalars.mul(realLoss.add(fakeLoss), 0.5f);
    }

    /** {@code 1 / (1 + exp((mean(mask) - 1e-5 - 0.8) * 8))}: the larger the hole, the wider the prior. */
    public static double mSigma(NDArray mask) {
        double known = mask.mean().getFloat();
        return 1.0 / (1.0 + Math.exp((known - 1e-5 - 0.8) * 8));
    }

    /** Elementwise KL(N(mu1, s1) || N(mu2, s2)). */
    public static NDArray klDivergence(NDArray mu1, NDArray s1, NDArray mu2, NDArray s2) {
        return s2.div(s1).log()
                .add(s1.square().add(mu1.sub(mu2).square()).div(Scalars.mul(s2.square(), 2)))
                .sub(0.5);
    }

    private static NDArray half(NDArray x, long b, int which) {
        return x.get(new NDIndex("{}:{}", which * b, (which + 1) * b));
    }

    private static NDArray times(NDArray x, int n) {
        if (n == 1) {
            return x;
        }
        NDList copies = new NDList();
        for (int i = 0; i < n; i++) {
            copies.add(x);
        }
        return NDArrays.concat(copies, 0);
    }
}
