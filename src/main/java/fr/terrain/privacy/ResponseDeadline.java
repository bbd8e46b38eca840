package fr.terrain.privacy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * When a rights request must be answered (GDPR art. 12(3)): one month from receipt, extendable
 * by two further months. Periods follow Regulation 1182/71 (art. 3), as the EDPB reads it for
 * the right of access (guidelines 01/2022): a month ends on the same date of the next month, or
 * on its last day when it has no such date (31 January → 28 or 29 February), and a period ending
 * on a Saturday, a Sunday or a French public holiday ends on the next working day.
 */
public final class ResponseDeadline {
    private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 8),
            MonthDay.of(7, 14), MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11), MonthDay.of(12, 25));

    private ResponseDeadline() {}

    /** The answer is due by the end of this day. */
    public static LocalDate due(LocalDate receivedOn) {
        return nextWorkingDay(receivedOn.plusMonths(1));
    }

    /** The due date once extended by two further months. */
    public static LocalDate extended(LocalDate receivedOn) {
        return nextWorkingDay(receivedOn.plusMonths(3));
    }

    /** The day itself when it is a working day, else the first working day after it. */
    public static LocalDate nextWorkingDay(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    public static boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !isPublicHoliday(d);
    }

    /** French public holidays (jours fériés, Code du travail L.3133-1), mainland calendar. */
    public static boolean isPublicHoliday(LocalDate d) {
        if (FIXED_HOLIDAYS.contains(MonthDay.from(d))) {
            return true;
        }
        LocalDate easter = easterSunday(d.getYear());
        return d.equals(easter.plusDays(1)) || d.equals(easter.plusDays(39)) || d.equals(easter.plusDays(50));
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computation). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
