package dispatch

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/talent"
)

// Limits on request input, in characters or units.
const (
	MaxTitle         = 100
	MaxDescription   = 4000
	MaxPlace         = 200
	MaxHeadcount     = 100000
	MaxExpertsNeeded = 20
	MinDuration      = 10
	MaxDuration      = 24 * 60
	DefaultDuration  = 90
	MaxWindowDays    = 366
	MaxComment       = 1000
	MaxInvitesAtOnce = 50
)

var (
	mobileRe   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	landlineRe = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
)

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// NormalizeRequest trims text and resolves the township to its code, so
// that validation and storage see the same values.
func NormalizeRequest(r *Request) {
	r.ContactName = talent.Clean(r.ContactName)
	r.ContactPhone = strings.ReplaceAll(talent.Clean(r.ContactPhone), " ", "")
	r.ContactEmail = talent.Clean(r.ContactEmail)
	r.Title = talent.Clean(r.Title)
	r.Description = talent.Clean(r.Description)
	r.Place = talent.Clean(r.Place)
	r.WindowStart = talent.Clean(r.WindowStart)
	r.WindowEnd = talent.Clean(r.WindowEnd)
	if t, ok := talent.LookupTownship(r.Township); ok {
		r.Township = t.Code
	} else {
		r.Township = talent.Clean(r.Township)
	}
	if r.DurationMinutes == 0 {
		r.DurationMinutes = DefaultDuration
	}
	if r.ExpertsNeeded == 0 {
		r.ExpertsNeeded = 1
	}
}

// ValidateRequest checks a new request, reporting every problem at once.
// now is the submission time: the window may not start in the past.
func ValidateRequest(r *Request, now time.Time) error {
	var errs talent.Errors
	if !talent.Valid(Kinds, string(r.Kind)) {
		errs.Add(talent.CodeInvalid, "kind", "需求类型“%s”无效，应为学校（SCHOOL）、村（VILLAGE）、企业（ENTERPRISE）或应急（EMERGENCY）", r.Kind)
	}
	if r.OrganizationID <= 0 {
		errs.Add(talent.CodeRequired, "organizationId", "须指定提出需求的单位")
	}
	text := func(field, label, v string, required bool, max int) {
		switch {
		case v == "" && required:
			errs.Add(talent.CodeRequired, field, "%s不能为空", label)
		case runeLen(v) > max:
			errs.Add(talent.CodeTooLong, field, "%s不能超过%d个字（现有%d个）", label, max, runeLen(v))
		}
	}
	text("contactName", "联系人", r.ContactName, true, talent.MaxName)
	switch {
	case r.ContactPhone == "":
		errs.Add(talent.CodeRequired, "contactPhone", "联系电话不能为空")
	case !mobileRe.MatchString(r.ContactPhone) && !landlineRe.MatchString(r.ContactPhone):
		errs.Add(talent.CodeInvalid, "contactPhone", "联系电话“%s”格式不正确，应为11位手机号或带区号的固定电话", r.ContactPhone)
	}
	if r.ContactEmail != "" {
		if a, err := mail.ParseAddress(r.ContactEmail); err != nil || a.Address != r.ContactEmail || runeLen(r.ContactEmail) > 254 {
			errs.Add(talent.CodeInvalid, "contactEmail", "电子邮箱“%s”格式不正确", r.ContactEmail)
		}
	}
	text("title", "需求标题", r.Title, true, MaxTitle)
	text("description", "需求说明", r.Description, false, MaxDescription)
	text("place", "地点", r.Place, false, MaxPlace)
	if r.Township == "" {
		errs.Add(talent.CodeRequired, "township", "须指定乡镇")
	} else if _, ok := talent.LookupTownship(r.Township); !ok {
		errs.Add(talent.CodeUnknownTownship, "township", "乡镇“%s”不是浮梁县的乡镇", r.Township)
	}
	if r.Audience != "" && !talent.Valid(talent.Audiences, string(r.Audience)) {
		errs.Add(talent.CodeInvalid, "audience", "受众“%s”无效", r.Audience)
	}
	if r.Headcount < 0 || r.Headcount > MaxHeadcount {
		errs.Add(talent.CodeOutOfRange, "headcount", "人数应在0至%d之间", MaxHeadcount)
	}
	start, e1 := talent.ValidDate("windowStart", "最早日期", r.WindowStart)
	end, e2 := talent.ValidDate("windowEnd", "最晚日期", r.WindowEnd)
	if e1 != nil {
		errs = append(errs, e1)
	}
	if e2 != nil {
		errs = append(errs, e2)
	}
	if e1 == nil && e2 == nil {
		today := Day(now)
		switch {
		case r.WindowEnd < r.WindowStart:
			errs.Add(talent.CodeInvalid, "windowEnd", "最晚日期%s不能早于最早日期%s", r.WindowEnd, r.WindowStart)
		case r.WindowStart < today:
			errs.Add(talent.CodeInvalid, "windowStart", "最早日期%s已经过去（今天是%s）", r.WindowStart, today)
		case end.Sub(start) > MaxWindowDays*24*time.Hour:
			errs.Add(talent.CodeOutOfRange, "windowEnd", "日期范围不能超过%d天", MaxWindowDays)
		}
	}
	if r.DurationMinutes < MinDuration || r.DurationMinutes > MaxDuration {
		errs.Add(talent.CodeOutOfRange, "durationMinutes", "时长应在%d至%d分钟之间", MinDuration, MaxDuration)
	}
	switch {
	case r.Kind == Emergency && r.EmergencyCategory == "":
		errs.Add(talent.CodeCategoryRequired, "emergencyCategory", "应急需求须指定应急类别")
	case r.Kind != Emergency && r.EmergencyCategory != "":
		errs.Add(talent.CodeInvalid, "emergencyCategory", "只有应急需求才能指定应急类别")
	case r.EmergencyCategory != "" && !talent.Valid(talent.EmergencyCategories, string(r.EmergencyCategory)):
		errs.Add(talent.CodeInvalid, "emergencyCategory", "应急类别“%s”无效", r.EmergencyCategory)
	}
	if r.ExpertsNeeded < 1 || r.ExpertsNeeded > MaxExpertsNeeded {
		errs.Add(talent.CodeOutOfRange, "expertsNeeded", "所需专家人数应在1至%d之间", MaxExpertsNeeded)
	}
	return errs.Err()
}

// ValidateReason checks a free-text reason; required says whether it may be
// blank.
func ValidateReason(field, reason string, required bool) error {
	switch {
	case required && talent.Clean(reason) == "":
		return talent.Errorf(talent.CodeRequired, field, "须填写原因")
	case runeLen(reason) > talent.MaxNote:
		return talent.Errorf(talent.CodeTooLong, field, "原因不能超过%d个字", talent.MaxNote)
	}
	return nil
}

// ValidateSlot checks an engagement's time slot: it must lie in the future
// and last between the minimum and maximum duration.
func ValidateSlot(start, end, now time.Time) error {
	var errs talent.Errors
	if start.IsZero() {
		errs.Add(talent.CodeRequired, "startsAt", "须填写开始时间")
	} else if !start.After(now) {
		errs.Add(talent.CodeInvalid, "startsAt", "开始时间%s已经过去", start.In(China).Format("2006-01-02 15:04"))
	}
	if !start.IsZero() {
		d := end.Sub(start)
		if d < MinDuration*time.Minute || d > MaxDuration*time.Minute {
			errs.Add(talent.CodeOutOfRange, "endsAt", "时长应在%d至%d分钟之间", MinDuration, MaxDuration)
		}
	}
	return errs.Err()
}

// Completion is what the delivery record says.
type Completion struct {
	Date      string // YYYY-MM-DD, China time
	Attendees int
	Notes     string
}

// ValidateCompletion checks a completion record of an engagement that was
// scheduled to start at startsAt.
func ValidateCompletion(c *Completion, startsAt, now time.Time) error {
	var errs talent.Errors
	c.Notes = talent.Clean(c.Notes)
	if _, e := talent.ValidDate("date", "完成日期", c.Date); e != nil {
		errs = append(errs, e)
	} else {
		switch {
		case c.Date > Day(now):
			errs.Add(talent.CodeInvalid, "date", "完成日期%s晚于今天，只能登记已完成的服务", c.Date)
		case c.Date < Day(startsAt):
			errs.Add(talent.CodeInvalid, "date", "完成日期%s早于排定的日期%s", c.Date, Day(startsAt))
		}
	}
	if c.Attendees < 0 || c.Attendees > MaxHeadcount {
		errs.Add(talent.CodeOutOfRange, "attendees", "参加人数应在0至%d之间", MaxHeadcount)
	}
	if runeLen(c.Notes) > talent.MaxNote {
		errs.Add(talent.CodeTooLong, "notes", "备注不能超过%d个字", talent.MaxNote)
	}
	return errs.Err()
}

// ValidateRating checks a 1–5 rating and its comment.
func ValidateRating(rating int, comment string) error {
	var errs talent.Errors
	if rating < 1 || rating > 5 {
		errs.Add(talent.CodeOutOfRange, "rating", "评分应为1至5分，不能是%d", rating)
	}
	if runeLen(comment) > MaxComment {
		errs.Add(talent.CodeTooLong, "comment", "评语不能超过%d个字", MaxComment)
	}
	return errs.Err()
}
