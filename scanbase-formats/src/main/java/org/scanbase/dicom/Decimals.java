// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

/**
 * Decimal strings (DS, IS, contour coordinates) to doubles, exactly as {@link Double#parseDouble}
 * reads them. The common case, at most 15 significant digits and a decimal exponent within
 * +-22, is computed directly: the digits and the power of ten are both exact doubles, so one
 * IEEE multiplication or division gives the correctly rounded value (Clinger's fast path).
 * Everything else (more digits, large exponents, blanks, {@code NaN}, hex, suffixes, errors)
 * goes to {@link Double#parseDouble}. An RT structure set has tens of thousands of such
 * numbers, read right after the JVM starts.
 */
final class Decimals {
    private static final double[] POWERS = new double[23];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private Decimals() {
    }

    /**
     * The double {@code s} denotes.
     *
     * @throws NumberFormatException as {@link Double#parseDouble} does
     */
    static double parse(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                if (mantissa != 0 || c != '0') {
                    if (++significant > 15) {
                        return Double.parseDouble(s);
                    }
                    mantissa = mantissa * 10 + (c - '0');
                }
                if (point) {
                    exponent--;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return Double.parseDouble(s);
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                negativeExponent = s.charAt(i) == '-';
                i++;
            }
            int e = 0;
            int start = i;
            for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 4; i++) {
                e = e * 10 + (s.charAt(i) - '0');
            }
            if (i == start) {
                return Double.parseDouble(s);
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != n || exponent < -22 || exponent > 22) {
            return Double.parseDouble(s);
        }
        double v = exponent < 0 ? mantissa / POWERS[-exponent] : mantissa * POWERS[exponent];
        return negative ? -v : v;
    }
}
