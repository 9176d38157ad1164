package dev.lumen.bench.baseline;

import dev.lumen.bench.PeakTimer;
import java.util.function.LongUnaryOperator;

/**
 * Runs one of the plain-Java {@link Programs} and prints its checksum and peak time after warm-up.
 *
 * <pre>
 * java -cp bench/target/lumen-benchmarks.jar dev.lumen.bench.baseline.Baseline PROGRAM N [timing options]
 * </pre>
 *
 * <p>PROGRAM is one of fib, loop, strings, records, words, hashing; the timing options are {@link
 * PeakTimer}'s. The last line of the output is {@link PeakTimer.Result#line()}. With {@code --once} the
 * program runs once, untimed, and only its checksum is printed.
 */
public final class Baseline {
    private Baseline() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: Baseline PROGRAM N [--once] [--warmup-seconds S] [--warmup-min K]"
                    + " [--iterations M] [--budget-seconds B]   (programs: " + Programs.NAMES + ")");
            System.exit(2);
        }
        LongUnaryOperator program = Programs.ALL.get(args[0]);
        if (program == null) {
            System.err.println("unknown program " + args[0] + "; one of " + Programs.NAMES);
            System.exit(2);
        }
        long n = Long.parseLong(args[1].replace("_", ""));
        PeakTimer timer = new PeakTimer();
        boolean once = false;
        for (int i = 2; i < args.length; ) {
            if (args[i].equals("--once")) {
                once = true;
                i++;
                continue;
            }
            int next = timer.parseOption(args, i);
            if (next == i) {
                System.err.println("unknown option " + args[i]);
                System.exit(2);
            }
            i = next;
        }
        if (once) {
            System.out.println(program.applyAsLong(n));
            return;
        }
        PeakTimer.Result result = timer.measure(() -> Long.toString(program.applyAsLong(n)));
        System.out.println(result.timesLine());
        System.out.println(result.line());
    }
}
