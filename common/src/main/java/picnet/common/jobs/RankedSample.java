package picnet.common.jobs;

/** A sample's place in a ranking: its draw index and its score (higher is better). */
public record RankedSample(int index, double score) {}
