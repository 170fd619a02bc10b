package demo

import (
	"fmt"
	"io"
	"strings"

	"github.com/fuliang/talent/internal/talent"
)

// WriteText writes the roster as plain text, one block per expert, in the
// order of external ids. It is what reviewers read when judging the
// evaluation set (testdata/eval/roster.txt is this text for EvalSeed), and
// what `talentctl demo --list` prints.
func (d *Data) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# 演示名册（种子 %d，专家 %d 人，单位 %d 个）\n# 指纹 %s\n\n", d.Seed, len(d.Experts), len(d.Organizations), d.Fingerprint())
	for _, e := range d.Experts {
		writeEntry(&b, e)
	}
	b.WriteString("# 单位\n")
	for _, o := range d.Organizations {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", talent.Label(talent.OrganizationKinds, string(o.Kind)), o.Name, talent.TownshipName(o.Township))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeEntry(b *strings.Builder, e *Entry) {
	x := e.Expert
	fmt.Fprintf(b, "## %s %s", x.ExternalID, x.Name)
	if x.Gender != "" {
		fmt.Fprintf(b, " %s", talent.Label(talent.Genders, string(x.Gender)))
	}
	if x.BirthYear != 0 {
		fmt.Fprintf(b, " %d年生", x.BirthYear)
	}
	fmt.Fprintf(b, " [%s]\n", e.Kind)
	var ms []string
	for _, m := range e.Memberships {
		s := talent.Label(talent.Registries, string(m.Registry)) + "·" + talent.Label(talent.MembershipStatuses, string(m.Status))
		if m.Reason != "" {
			s += "（" + m.Reason + "）"
		}
		if m.TravelMaxKm != 0 || m.TravelNote != "" {
			var t []string
			if m.TravelMaxKm != 0 {
				t = append(t, fmt.Sprintf("%d公里内", m.TravelMaxKm))
			}
			if m.TravelNote != "" {
				t = append(t, m.TravelNote)
			}
			s += "〔出行：" + strings.Join(t, "，") + "〕"
		}
		ms = append(ms, s)
	}
	fmt.Fprintf(b, "库：%s\n", strings.Join(ms, "；"))
	if e.Archived() {
		fmt.Fprintf(b, "已归档：%s\n", e.ArchiveReason)
	}
	fmt.Fprintf(b, "职称：%s｜单位：%s｜乡镇：%s\n", x.Title, x.Organization, talent.TownshipName(x.Township))
	fmt.Fprintf(b, "领域：%s｜专长：%s\n", strings.Join(x.Fields, "、"), strings.Join(x.Expertise, "、"))
	if x.Bio != "" {
		fmt.Fprintf(b, "简介：%s\n", x.Bio)
	}
	for _, t := range x.LectureTopics {
		fmt.Fprintf(b, "讲座：《%s》", t.Title)
		if len(t.Audiences) > 0 {
			fmt.Fprintf(b, "（%s）", audLabels(t.Audiences))
		}
		if t.Minutes > 0 {
			fmt.Fprintf(b, " %d分钟", t.Minutes)
		}
		if t.Abstract != "" {
			fmt.Fprintf(b, " %s", t.Abstract)
		}
		b.WriteString("\n")
	}
	var extra []string
	if len(x.Audiences) > 0 {
		extra = append(extra, "受众："+audLabels(x.Audiences))
	}
	if len(x.ServiceTownships) > 0 {
		var names []string
		for _, c := range x.ServiceTownships {
			names = append(names, talent.TownshipName(c))
		}
		extra = append(extra, "服务乡镇："+strings.Join(names, "、"))
	}
	if len(x.EmergencyCategories) > 0 {
		var cs []string
		for _, c := range x.EmergencyCategories {
			cs = append(cs, talent.Label(talent.EmergencyCategories, string(c)))
		}
		s := "应急类别：" + strings.Join(cs, "、")
		if x.OnCall {
			s += "（值守中）"
		}
		extra = append(extra, s)
	}
	if a := x.Availability; len(a.Weekdays) > 0 || len(a.Unavailable) > 0 || a.Note != "" {
		s := "时间："
		if len(a.Weekdays) > 0 {
			s += fmt.Sprintf("每周%v", a.Weekdays)
		}
		for _, u := range a.Unavailable {
			s += fmt.Sprintf(" %s至%s不可（%s）", u.From, u.To, u.Reason)
		}
		if a.Note != "" {
			s += " " + a.Note
		}
		extra = append(extra, s)
	}
	extra = append(extra, fmt.Sprintf("每月上限：%d", x.MaxEngagementsPerMonth))
	fmt.Fprintf(b, "%s\n", strings.Join(extra, "｜"))
	for _, r := range e.Recommendations {
		fmt.Fprintf(b, "推荐：%d %s（%s，%s）\n", r.Year, r.Programme, talent.Label(talent.RecommendationLevels, string(r.Level)),
			talent.Label(talent.RecommendationOutcomes, string(r.Outcome)))
	}
	for _, a := range e.Assignments {
		end := a.TermEnd
		if end == "" {
			end = "—"
		}
		fmt.Fprintf(b, "服务对象：%s（%s，%s，%s至%s）\n", a.TargetName, talent.Label(talent.ServiceTargetKinds, string(a.TargetKind)),
			talent.TownshipName(a.Township), a.TermStart, end)
		for _, l := range a.Logs {
			fmt.Fprintf(b, "  %s %s（%d人）\n", l.Date, l.Content, l.PeopleTrained)
		}
	}
	b.WriteString("\n")
}

func audLabels(as []talent.Audience) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = talent.Label(talent.Audiences, string(a))
	}
	return strings.Join(s, "、")
}
