package io.shardgate.reshard.status;

/** A fixed-width text bar such as {@code [#######.............]  35%}. */
public final class ProgressBar {
    private ProgressBar() {
    }

    public static String of(double fraction, int width) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(clamped * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format(java.util.Locale.ROOT, "%3d%%", (int) Math.floor(clamped * 100));
    }
}
