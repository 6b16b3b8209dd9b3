package picnet.worker.conformance;

/** One tensor compared with the reference: {@code max|ours - ref| / max|ref|} against its tolerance. */
public record Comparison(String name, Kind kind, double relativeError, double tolerance) {
    public enum Kind {
        FORWARD(1e-4), LOSS(1e-4), GRADIENT(1e-3);

        final double tolerance;

        Kind(double tolerance) {
            this.tolerance = tolerance;
        }
    }

    public boolean passed() {
        return relativeError <= tolerance; // NaN fails
    }

    static Comparison of(String name, Kind kind, float[] ours, float[] reference) {
        if (ours.length != reference.length) {
            return new Comparison(name + " (size " + ours.length + " vs " + reference.length + ")",
                    kind, Double.POSITIVE_INFINITY, kind.tolerance);
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < ours.length; i++) {
            double d = Math.abs((double) ours[i] - reference[i]);
            maxDiff = Double.isNaN(d) ? Double.NaN : Math.max(maxDiff, d);
            maxRef = Math.max(maxRef, Math.abs(reference[i]));
        }
        double rel = maxRef == 0 ? maxDiff : maxDiff / maxRef;
        return new Comparison(name, kind, rel, kind.tolerance);
    }
}
