package io.azureoperator.budget;

/** Counts events in the last {@code horizon} (in buckets of horizon/buckets). Plain Java, one owner. */
final class RateMeter {
    private final long bucketMillis;
    private final long[] counts;
    private final long[] starts;

    RateMeter(long horizonMillis, int buckets) {
        this.bucketMillis = Math.max(1, horizonMillis / buckets);
        this.counts = new long[buckets];
        this.starts = new long[buckets];
        java.util.Arrays.fill(starts, Long.MIN_VALUE);
    }

    void add(long now) {
        long start = Math.floorDiv(now, bucketMillis) * bucketMillis;
        int i = (int) Math.floorMod(Math.floorDiv(now, bucketMillis), (long) counts.length);
        if (starts[i] != start) {
            starts[i] = start;
            counts[i] = 0;
        }
        counts[i]++;
    }

    long count(long now) {
        long oldest = Math.floorDiv(now, bucketMillis) * bucketMillis - (counts.length - 1) * bucketMillis;
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (starts[i] >= oldest && starts[i] <= now) {
                sum += counts[i];
            }
        }
        return sum;
    }
}
