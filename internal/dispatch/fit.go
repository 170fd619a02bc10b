package dispatch

import (
	"strings"
	"time"

	"github.com/fuliang/talent/internal/talent"
)

// Which rosters serve which kind of request, in order of preference: the
// first registry the expert is admitted to is the one the engagement is
// booked under (and counted under in the statistics).
//
//   - SCHOOL: senior lecturers give popular-science talks; young talents
//     (researchers, engineers, teachers, doctors) speak to classes too.
//   - VILLAGE: science envoys give technical help to villages; senior
//     lecturers give talks to farmers.
//   - ENTERPRISE: science envoys are assigned to enterprises; young
//     engineers consult.
//   - EMERGENCY: emergency experts of the incident's category only.
var kindRegistries = map[Kind][]talent.Registry{
	School:     {talent.SeniorLecturer, talent.YouthTalent},
	Village:    {talent.ScienceEnvoy, talent.SeniorLecturer},
	Enterprise: {talent.ScienceEnvoy, talent.YouthTalent},
	Emergency:  {talent.EmergencyExpert},
}

// RegistriesFor lists the registries that serve a kind of request.
func RegistriesFor(k Kind) []talent.Registry { return kindRegistries[k] }

// KindsFor lists the request kinds an expert admitted to the given
// registries may serve.
func KindsFor(ms []*talent.Membership) []Kind {
	var out []Kind
	for _, k := range []Kind{School, Village, Enterprise, Emergency} {
		for _, reg := range kindRegistries[k] {
			if admitted(ms, reg) != nil {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

func admitted(ms []*talent.Membership, reg talent.Registry) *talent.Membership {
	for _, m := range ms {
		if m.Registry == reg && m.Status == talent.StatusAdmitted {
			return m
		}
	}
	return nil
}

func hasCategory(e *talent.Expert, c talent.EmergencyCategory) bool {
	for _, x := range e.EmergencyCategories {
		if x == c {
			return true
		}
	}
	return false
}

// Qualify returns the registry through which expert e (with memberships
// ms) may be invited to request r by an officer: for an emergency, an
// admitted emergency expert of the incident's category; otherwise an
// admitted member of a registry that serves r's kind (the booking goes
// under the first of those) or, failing that, of any registry — a school
// asking for a fire-safety talk is rightly served by the emergency
// science team, a village by a young agronomist; the matcher ranks the
// fit, the officer decides. Claiming (Fits) keeps to the serving
// registries.
func Qualify(r *Request, e *talent.Expert, ms []*talent.Membership) (talent.Registry, error) {
	return qualify(r, e, ms, false)
}

// otherRegistries is the order in which a non-serving registry books an
// engagement.
var otherRegistries = []talent.Registry{talent.SeniorLecturer, talent.ScienceEnvoy, talent.YouthTalent, talent.EmergencyExpert}

func qualify(r *Request, e *talent.Expert, ms []*talent.Membership, strict bool) (talent.Registry, error) {
	if e.ArchivedAt != nil {
		return "", talent.Errorf(talent.CodeArchived, "expertId", "专家“%s”已归档", e.Name)
	}
	regs := kindRegistries[r.Kind]
	for _, reg := range regs {
		if admitted(ms, reg) == nil {
			continue
		}
		if r.Kind == Emergency && !hasCategory(e, r.EmergencyCategory) {
			return "", talent.Errorf(CodeNotQualified, "expertId", "专家“%s”不负责“%s”类应急事件",
				e.Name, talent.Label(talent.EmergencyCategories, string(r.EmergencyCategory)))
		}
		return reg, nil
	}
	if r.Kind != Emergency && !strict {
		for _, reg := range otherRegistries {
			if admitted(ms, reg) != nil {
				return reg, nil
			}
		}
		return "", talent.Errorf(CodeNotQualified, "expertId", "专家“%s”尚未正式入库（没有已入库的人才库身份），不能受邀", e.Name)
	}
	names := make([]string, len(regs))
	for i, reg := range regs {
		names[i] = talent.Label(talent.Registries, string(reg))
	}
	return "", talent.Errorf(CodeNotQualified, "expertId", "专家“%s”不是%s的已入库成员，不能承接%s需求",
		e.Name, strings.Join(names, "或"), talent.Label(Kinds, string(r.Kind)))
}

// Fits decides whether an expert may claim a request by themself (抢单):
// an admitted member of a registry that serves the kind, plus the expert's own limits that an officer may knowingly
// override by inviting — a senior lecturer's travel limit, and the
// audiences the expert declared (when they declared any).
func Fits(r *Request, e *talent.Expert, ms []*talent.Membership) (talent.Registry, error) {
	reg, err := qualify(r, e, ms, true)
	if err != nil {
		return "", err
	}
	if reg == talent.SeniorLecturer {
		if m := admitted(ms, reg); m != nil && m.TravelMaxKm > 0 {
			if d := talent.DistanceKm(e.Township, r.Township); d > float64(m.TravelMaxKm) {
				return "", talent.Errorf(CodeTooFar, "expertId", "%s距专家“%s”约%.0f公里，超出其最远出行距离%d公里",
					talent.TownshipName(r.Township), e.Name, d, m.TravelMaxKm)
			}
		}
	}
	if r.Audience != "" {
		declared := map[talent.Audience]bool{}
		for _, a := range e.Audiences {
			declared[a] = true
		}
		for _, t := range e.LectureTopics {
			for _, a := range t.Audiences {
				declared[a] = true
			}
		}
		if len(declared) > 0 && !declared[r.Audience] {
			return "", talent.Errorf(CodeAudience, "expertId", "专家“%s”的服务对象不包括%s",
				e.Name, talent.Label(talent.Audiences, string(r.Audience)))
		}
	}
	return reg, nil
}

// WithinReach reports whether an emergency expert can be called out to a
// township: their home township is within reachKm of it (township centre
// to centre), or they list it among their service townships.
func WithinReach(e *talent.Expert, township string, reachKm float64) bool {
	for _, t := range e.ServiceTownships {
		if t == township {
			return true
		}
	}
	d := talent.DistanceKm(e.Township, township)
	return d >= 0 && d <= reachKm
}

// CheckUnavailable returns UNAVAILABLE when any calendar day (China time)
// of [start, end) falls in one of the expert's unavailable date ranges.
// The weekly pattern is not checked: it says when the expert is usually
// available, and an agreed slot overrides it; the dated exceptions are
// hard.
func CheckUnavailable(e *talent.Expert, start, end time.Time) error {
	first, last := Day(start), Day(end.Add(-time.Nanosecond))
	for _, r := range e.Availability.Unavailable {
		if r.From <= last && first <= r.To {
			why := ""
			if r.Reason != "" {
				why = "（" + r.Reason + "）"
			}
			return talent.Errorf(CodeUnavailable, "startsAt", "专家“%s”在%s至%s不可用%s", e.Name, r.From, r.To, why)
		}
	}
	return nil
}

// CheckWindowAvailable returns UNAVAILABLE when every day of a request's
// window is unavailable for the expert: accepting would promise a date the
// expert has already ruled out.
func CheckWindowAvailable(e *talent.Expert, r *Request) error {
	start, err1 := ParseDay(r.WindowStart)
	end, err2 := ParseDay(r.WindowEnd)
	if err1 != nil || err2 != nil {
		return nil
	}
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		if CheckUnavailable(e, d, d.AddDate(0, 0, 1)) == nil {
			return nil
		}
	}
	return talent.Errorf(CodeUnavailable, "expertId", "专家“%s”在需求的日期范围（%s至%s）内均不可用", e.Name, r.WindowStart, r.WindowEnd)
}

// CheckMonthlyCap returns MONTHLY_CAP when an expert who already has
// booked engagements in month cannot take one more. A cap of 0 means the
// expert takes no engagements at all (the profile says "at most 0 a month").
func CheckMonthlyCap(e *talent.Expert, month string, booked int) error {
	if booked >= e.MaxEngagementsPerMonth {
		return talent.Errorf(CodeMonthlyCap, "expertId", "专家“%s”%s已有%d次服务，已达每月上限%d次",
			e.Name, monthLabel(month), booked, e.MaxEngagementsPerMonth)
	}
	return nil
}

func monthLabel(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.Format("2006年1月")
}
