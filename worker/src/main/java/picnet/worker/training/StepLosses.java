package picnet.worker.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss terms of one training step, as the reference names them: the discriminators' LSGAN
 * losses, the six generator terms and {@code hole_g} (0 unless a run weights it, see
 * {@link TwoPathObjective}), whose sum E and G descend on.
 */
public record StepLosses(float klRec, float klG, float appRec, float appG, float adG, float adRec, float holeG,
        float imgD, float imgDRec, float totalG, float learningRate) {

    /** The terms under the reference's names, in a stable order (for logs and job events). */
    public Map<String, Float> asMap() {
        Map<String, Float> m = new LinkedHashMap<>();
        m.put("kl_rec", klRec);
        m.put("kl_g", klG);
        m.put("app_rec", appRec);
        m.put("app_g", appG);
        m.put("ad_g", adG);
        m.put("ad_rec", adRec);
        m.put("hole_g", holeG);
        m.put("img_d", imgD);
        m.put("img_d_rec", imgDRec);
        m.put("total_g", totalG);
        m.put("lr", learningRate);
        return m;
    }

    public boolean finite() {
        return asMap().values().stream().allMatch(Float::isFinite);
    }
}
