package io.shardgate.reshard.cli;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/** Progress lines on standard output, each with the time, flushed at once (the tool may be killed any time). */
final class Log {
    private Log() {
    }

    static Consumer<String> to(PrintWriter out) {
        return line -> {
            out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
            out.flush();
        };
    }
}
