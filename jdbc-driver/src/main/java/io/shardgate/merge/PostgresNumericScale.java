package io.shardgate.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The result scale PostgreSQL gives a numeric division ({@code select_div_scale} in its numeric.c), so an AVG
 * merged from shards prints exactly as PostgreSQL's own: about 16 significant digits, never fewer decimals than
 * either operand. PostgreSQL stores numerics in base-10000 digits, which is why weights count groups of four.
 */
final class PostgresNumericScale {
    private static final int MIN_SIG_DIGITS = 16;
    private static final int DEC_DIGITS = 4;
    private static final int MAX_DISPLAY_SCALE = 1000;

    private PostgresNumericScale() {
    }

    static int ofDivision(BigDecimal dividend, BigDecimal divisor) {
        int qweight = weight(dividend) - weight(divisor);
        if (firstDigit(dividend) <= firstDigit(divisor)) {
            qweight--;
        }
        int scale = MIN_SIG_DIGITS - qweight * DEC_DIGITS;
        scale = Math.max(scale, Math.max(displayScale(dividend), displayScale(divisor)));
        return Math.min(Math.max(scale, 0), MAX_DISPLAY_SCALE);
    }

    /** Base-10000 weight of the leading digit group (0 for zero, as PostgreSQL stores it). */
    static int weight(BigDecimal v) {
        if (v.signum() == 0) {
            return 0;
        }
        BigDecimal u = v.abs();
        int decimalExponent = u.precision() - u.scale() - 1;
        return Math.floorDiv(decimalExponent, DEC_DIGITS);
    }

    /** Value of the leading base-10000 digit group, 1..9999 (0 for zero). */
    static int firstDigit(BigDecimal v) {
        if (v.signum() == 0) {
            return 0;
        }
        return v.abs().movePointLeft(DEC_DIGITS * weight(v)).setScale(0, RoundingMode.DOWN).intValueExact();
    }

    private static int displayScale(BigDecimal v) {
        return Math.max(0, v.scale());
    }
}
