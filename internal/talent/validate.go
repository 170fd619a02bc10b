package talent

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// Limits on input sizes, in characters or items. They protect storage and
// the search index, and match what a person can sensibly type.
const (
	MaxName         = 50
	MaxShortText    = 100 // title, organisation, programme, target
	MaxTag          = 30  // one field or expertise keyword
	MaxTags         = 30
	MaxBio          = 4000
	MaxTopics       = 50
	MaxTopicTitle   = 100
	MaxAbstract     = 2000
	MaxNote         = 1000
	MaxUnavailable  = 100
	MinBirthYear    = 1920
	MaxEngagements  = 60
	DefaultMonthCap = 4
)

// Rules are the configurable domain rules.
type Rules struct {
	YouthAgeLimit int              // oldest age at admission to YOUTH_TALENT
	Now           func() time.Time // clock, replaceable in tests
}

// DefaultRules returns the rules used unless configured otherwise.
func DefaultRules() Rules {
	return Rules{YouthAgeLimit: 40, Now: time.Now}
}

func (r Rules) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

var (
	mobileRe   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	landlineRe = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
)

// NormalizeExpert trims and de-duplicates text fields in place, so that
// validation and storage see the same values.
func NormalizeExpert(e *Expert) {
	e.ExternalID = trimSpace(e.ExternalID)
	e.Name = trimSpace(e.Name)
	e.Title = trimSpace(e.Title)
	e.Organization = trimSpace(e.Organization)
	e.Bio = trimSpace(e.Bio)
	e.Fields = CleanList(e.Fields)
	e.Expertise = CleanList(e.Expertise)
	e.Phone = strings.ReplaceAll(trimSpace(e.Phone), " ", "")
	e.Email = trimSpace(e.Email)
	if t, ok := LookupTownship(e.Township); ok {
		e.Township = t.Code
	} else {
		e.Township = trimSpace(e.Township)
	}
	for i, s := range e.ServiceTownships {
		if t, ok := LookupTownship(s); ok {
			e.ServiceTownships[i] = t.Code
		}
	}
	e.ServiceTownships = CleanList(e.ServiceTownships)
	e.Audiences = dedupe(e.Audiences)
	e.EmergencyCategories = dedupe(e.EmergencyCategories)
	for i := range e.LectureTopics {
		t := &e.LectureTopics[i]
		t.Title = trimSpace(t.Title)
		t.Abstract = trimSpace(t.Abstract)
		t.Audiences = dedupe(t.Audiences)
	}
	if e.Consent != nil {
		e.Consent.Purpose = trimSpace(e.Consent.Purpose)
	}
}

func dedupe[T comparable](in []T) []T {
	if in == nil {
		return nil
	}
	out := in[:0:0]
	seen := make(map[T]bool, len(in))
	for _, v := range in {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// ValidateExpert checks a whole profile. memberships are the expert's
// current memberships (nil for a new expert); they decide registry-specific
// requirements.
func (r Rules) ValidateExpert(e *Expert, memberships []*Membership) error {
	var errs Errors
	text := func(field, label, v string, required bool, max int) {
		switch {
		case v == "" && required:
			errs.Add(CodeRequired, field, "%s不能为空", label)
		case runeLen(v) > max:
			errs.Add(CodeTooLong, field, "%s不能超过%d个字（现有%d个）", label, max, runeLen(v))
		}
	}
	tags := func(field, label string, vs []string) {
		if len(vs) > MaxTags {
			errs.Add(CodeTooLong, field, "%s最多%d项（现有%d项）", label, MaxTags, len(vs))
			return
		}
		for i, v := range vs {
			if runeLen(v) > MaxTag {
				errs.Add(CodeTooLong, fmt.Sprintf("%s.%d", field, i), "%s“%s”过长，每项不能超过%d个字", label, v, MaxTag)
			}
		}
	}

	text("externalId", "外部编号", e.ExternalID, false, 64)
	text("name", "姓名", e.Name, true, MaxName)
	if e.Gender != "" && e.Gender != Male && e.Gender != Female {
		errs.Add(CodeInvalid, "gender", "性别“%s”无效，应为 MALE（男）或 FEMALE（女）", e.Gender)
	}
	if e.BirthYear != 0 {
		// Experts are adults: data about minors is never stored.
		maxYear := r.now().Year() - 18
		if e.BirthYear < MinBirthYear || e.BirthYear > maxYear {
			errs.Add(CodeOutOfRange, "birthYear", "出生年份%d不在%d至%d之间（不收录未成年人信息）", e.BirthYear, MinBirthYear, maxYear)
		}
	}
	text("title", "职称", e.Title, false, MaxShortText)
	text("organization", "工作单位", e.Organization, false, MaxShortText)
	if e.Township != "" {
		if _, ok := LookupTownship(e.Township); !ok {
			errs.Add(CodeUnknownTownship, "township", "乡镇“%s”不是浮梁县的乡镇", e.Township)
		}
	}
	tags("fields", "学科领域", e.Fields)
	tags("expertise", "专长", e.Expertise)
	text("bio", "简介", e.Bio, false, MaxBio)

	if len(e.LectureTopics) > MaxTopics {
		errs.Add(CodeTooLong, "lectureTopics", "讲座主题最多%d个（现有%d个）", MaxTopics, len(e.LectureTopics))
	}
	for i, t := range e.LectureTopics {
		f := fmt.Sprintf("lectureTopics.%d", i)
		text(f+".title", "讲座题目", t.Title, true, MaxTopicTitle)
		text(f+".abstract", "讲座简介", t.Abstract, false, MaxAbstract)
		if t.Minutes != 0 && (t.Minutes < 10 || t.Minutes > 480) {
			errs.Add(CodeOutOfRange, f+".minutes", "讲座时长%d分钟不在10至480分钟之间", t.Minutes)
		}
		for j, a := range t.Audiences {
			if !Valid(Audiences, string(a)) {
				errs.Add(CodeInvalid, fmt.Sprintf("%s.audiences.%d", f, j), "受众“%s”无效", a)
			}
		}
	}
	for i, a := range e.Audiences {
		if !Valid(Audiences, string(a)) {
			errs.Add(CodeInvalid, fmt.Sprintf("audiences.%d", i), "受众“%s”无效", a)
		}
	}
	for i, s := range e.ServiceTownships {
		if _, ok := LookupTownship(s); !ok {
			errs.Add(CodeUnknownTownship, fmt.Sprintf("serviceTownships.%d", i), "服务乡镇“%s”不是浮梁县的乡镇", s)
		}
	}
	r.validateAvailability(&errs, e.Availability)
	if e.MaxEngagementsPerMonth < 0 || e.MaxEngagementsPerMonth > MaxEngagements {
		errs.Add(CodeOutOfRange, "maxEngagementsPerMonth", "每月最多服务次数应在0至%d之间", MaxEngagements)
	}
	for i, c := range e.EmergencyCategories {
		if !Valid(EmergencyCategories, string(c)) {
			errs.Add(CodeInvalid, fmt.Sprintf("emergencyCategories.%d", i), "应急类别“%s”无效", c)
		}
	}
	if isActiveMember(memberships, EmergencyExpert) && len(e.EmergencyCategories) == 0 {
		errs.Add(CodeCategoryRequired, "emergencyCategories", "应急科普专家至少需要一个应急类别")
	}
	// As setOnCall: only an admitted emergency expert can be called out.
	if e.OnCall && !isAdmitted(memberships, EmergencyExpert) {
		errs.Add(CodeNotMember, "onCall", "只有已入库的应急科普专家才能值守")
	}

	if e.Phone != "" && !mobileRe.MatchString(e.Phone) && !landlineRe.MatchString(e.Phone) {
		errs.Add(CodeInvalid, "phone", "电话号码“%s”格式不正确，应为11位手机号或带区号的固定电话", e.Phone)
	}
	if e.Email != "" {
		if a, err := mail.ParseAddress(e.Email); err != nil || a.Address != e.Email || runeLen(e.Email) > 254 {
			errs.Add(CodeInvalid, "email", "电子邮箱“%s”格式不正确", e.Email)
		}
	}
	if (e.Phone != "" || e.Email != "") && (e.Consent == nil || e.Consent.Purpose == "") {
		errs.Add(CodeConsentRequired, "consent", "保存电话或邮箱须先取得本人同意：请记录本人同意及其用途（如“科普活动联络”）")
	}
	if e.Consent != nil {
		text("consent.purpose", "同意用途", e.Consent.Purpose, false, MaxShortText)
	}
	return errs.Err()
}

func (r Rules) validateAvailability(errs *Errors, a Availability) {
	for i, w := range a.Weekdays {
		if w < 1 || w > 7 {
			errs.Add(CodeOutOfRange, fmt.Sprintf("availability.weekdays.%d", i), "星期应为1（周一）至7（周日），不能是%d", w)
		}
	}
	if len(a.Unavailable) > MaxUnavailable {
		errs.Add(CodeTooLong, "availability.unavailable", "不可用时段最多%d段", MaxUnavailable)
	}
	for i, d := range a.Unavailable {
		f := fmt.Sprintf("availability.unavailable.%d", i)
		from, err1 := time.Parse(DateLayout, d.From)
		to, err2 := time.Parse(DateLayout, d.To)
		switch {
		case err1 != nil:
			errs.Add(CodeInvalid, f+".from", "日期“%s”格式不正确，应为 YYYY-MM-DD", d.From)
		case err2 != nil:
			errs.Add(CodeInvalid, f+".to", "日期“%s”格式不正确，应为 YYYY-MM-DD", d.To)
		case to.Before(from):
			errs.Add(CodeInvalid, f+".to", "结束日期不能早于开始日期")
		}
		if runeLen(d.Reason) > MaxShortText {
			errs.Add(CodeTooLong, f+".reason", "原因不能超过%d个字", MaxShortText)
		}
	}
	if runeLen(a.Note) > MaxNote {
		errs.Add(CodeTooLong, "availability.note", "说明不能超过%d个字", MaxNote)
	}
}

// isActiveMember reports a membership in reg that is not exited.
func isActiveMember(ms []*Membership, reg Registry) bool {
	for _, m := range ms {
		if m.Registry == reg && m.Status != StatusExited {
			return true
		}
	}
	return false
}

func isAdmitted(ms []*Membership, reg Registry) bool {
	for _, m := range ms {
		if m.Registry == reg && m.Status == StatusAdmitted {
			return true
		}
	}
	return false
}

// ValidDate parses a YYYY-MM-DD date, returning a domain error for field.
func ValidDate(field, label, s string) (time.Time, *Error) {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, Errorf(CodeInvalid, field, "%s“%s”格式不正确，应为 YYYY-MM-DD", label, s)
	}
	return d, nil
}
