package dispatch

import (
	"time"

	"github.com/fuliang/talent/internal/talent"
)

// China is China Standard Time. Dates a person types (the preferred
// window, a completion date) and calendar months (the monthly cap,
// statistics) are China dates. A fixed zone rather than
// time.LoadLocation("Asia/Shanghai"): China has no daylight saving time, and
// this needs no tzdata on the server. The SQL side uses the same +8 hours.
var China = time.FixedZone("CST", 8*3600)

// Month is the calendar month (YYYY-MM) of t in China time.
func Month(t time.Time) string { return t.In(China).Format("2006-01") }

// Day is the calendar date (YYYY-MM-DD) of t in China time.
func Day(t time.Time) string { return t.In(China).Format(talent.DateLayout) }

// ParseDay parses a YYYY-MM-DD date as midnight China time.
func ParseDay(s string) (time.Time, error) {
	return time.ParseInLocation(talent.DateLayout, s, China)
}

// DeadlineOf is when a request's window closes: the end of its last day,
// China time.
func DeadlineOf(windowEnd string) (time.Time, error) {
	d, err := ParseDay(windowEnd)
	if err != nil {
		return time.Time{}, err
	}
	return d.AddDate(0, 0, 1).UTC(), nil
}

// WindowMonth is the month an accepted but unscheduled engagement counts
// against: the month the request's window starts.
func WindowMonth(r *Request) string {
	if len(r.WindowStart) >= 7 {
		return r.WindowStart[:7]
	}
	return ""
}

// TruncateSlot rounds a time slot boundary down to the minute: schedules are
// made in minutes, and equal-width text timestamps compare correctly in
// SQLite.
func TruncateSlot(t time.Time) time.Time { return t.UTC().Truncate(time.Minute) }
