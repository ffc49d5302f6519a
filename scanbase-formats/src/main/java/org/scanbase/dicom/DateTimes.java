// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

/**
 * DA, TM and DT values (PS3.5 table 6.2-1) as ISO 8601 text: {@code YYYY-MM-DD},
 * {@code HH:MM:SS.ffffff} and their combination with a {@code +hh:mm} offset. A value that
 * does not parse is returned as it is.
 */
final class DateTimes {
    private DateTimes() {
    }

    /** {@code YYYYMMDD} (or the pre-1993 {@code YYYY.MM.DD}) as {@code YYYY-MM-DD}. */
    static String date(String s) {
        String d = s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.'
                ? s.substring(0, 4) + s.substring(5, 7) + s.substring(8) : s;
        if (d.length() != 8 || !digits(d, 0, 8) || !validDate(d)) {
            return s;
        }
        return d.substring(0, 4) + '-' + d.substring(4, 6) + '-' + d.substring(6, 8);
    }

    private static boolean validDate(String d) {
        int y = Integer.parseInt(d.substring(0, 4));
        int m = Integer.parseInt(d.substring(4, 6));
        int day = Integer.parseInt(d.substring(6, 8));
        if (m < 1 || m > 12 || day < 1) {
            return false;
        }
        return day <= java.time.YearMonth.of(y, m).lengthOfMonth();
    }

    /** {@code HH[MM[SS[.F{1,6}]]]} (or {@code HH:MM:SS}) as {@code HH[:MM[:SS[.F]]]}. */
    static String time(String s) {
        String t = s.indexOf(':') >= 0 ? s.replace(":", "") : s;
        String r = formatTime(t);
        return r == null ? s : r;
    }

    private static String formatTime(String t) {
        int dot = t.indexOf('.');
        String main = dot < 0 ? t : t.substring(0, dot);
        String frac = dot < 0 ? null : t.substring(dot + 1);
        int n = main.length();
        if (n != 2 && n != 4 && n != 6 || !digits(main, 0, n)) {
            return null;
        }
        if (frac != null && (n != 6 || frac.isEmpty() || frac.length() > 6 || !digits(frac, 0, frac.length()))) {
            return null;
        }
        int hh = Integer.parseInt(main.substring(0, 2));
        if (hh > 23 || n >= 4 && Integer.parseInt(main.substring(2, 4)) > 59
                || n == 6 && Integer.parseInt(main.substring(4, 6)) > 60) {
            return null;
        }
        StringBuilder sb = new StringBuilder(main.substring(0, 2));
        for (int i = 2; i < n; i += 2) {
            sb.append(':').append(main, i, i + 2);
        }
        if (frac != null) {
            sb.append('.').append(frac);
        }
        return sb.toString();
    }

    /** {@code YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]} as ISO 8601 of the components present. */
    static String dateTime(String s) {
        String v = s;
        String offset = "";
        int sign = Math.max(v.indexOf('+'), v.indexOf('-'));
        if (sign >= 0) {
            String z = v.substring(sign + 1);
            if (z.length() != 4 || !digits(z, 0, 4) || Integer.parseInt(z.substring(0, 2)) > 14
                    || Integer.parseInt(z.substring(2)) > 59) {
                return s;
            }
            offset = v.charAt(sign) + z.substring(0, 2) + ':' + z.substring(2);
            v = v.substring(0, sign);
        }
        int dot = v.indexOf('.');
        String main = dot < 0 ? v : v.substring(0, dot);
        int n = main.length();
        if (n < 4 || n > 14 || n % 2 != 0 || !digits(main, 0, n)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(main.substring(0, 4));
        if (n >= 6) {
            int m = Integer.parseInt(main.substring(4, 6));
            if (m < 1 || m > 12) {
                return s;
            }
            sb.append('-').append(main, 4, 6);
        }
        if (n >= 8) {
            if (!validDate(main.substring(0, 8))) {
                return s;
            }
            sb.append('-').append(main, 6, 8);
        }
        if (n >= 10) {
            String t = formatTime(main.substring(8) + (dot < 0 ? "" : v.substring(dot)));
            if (t == null) {
                return s;
            }
            sb.append('T').append(t);
        } else if (dot >= 0) {
            return s;
        }
        return sb.append(offset).toString();
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
