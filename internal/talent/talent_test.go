package talent_test

import (
	"testing"
	"time"

	"github.com/fuliang/talent/internal/talent"
)

func TestTransitions(t *testing.T) {
	all := []talent.MembershipStatus{talent.StatusNominated, talent.StatusUnderReview, talent.StatusAdmitted, talent.StatusSuspended, talent.StatusExited}
	allowed := map[[2]talent.MembershipStatus]bool{
		{talent.StatusNominated, talent.StatusUnderReview}: true, {talent.StatusNominated, talent.StatusAdmitted}: true,
		{talent.StatusNominated, talent.StatusExited}: true, {talent.StatusUnderReview, talent.StatusAdmitted}: true,
		{talent.StatusUnderReview, talent.StatusNominated}: true, {talent.StatusUnderReview, talent.StatusExited}: true,
		{talent.StatusAdmitted, talent.StatusSuspended}: true, {talent.StatusAdmitted, talent.StatusExited}: true,
		{talent.StatusSuspended, talent.StatusAdmitted}: true, {talent.StatusSuspended, talent.StatusExited}: true,
		{talent.StatusExited, talent.StatusNominated}: true,
	}
	for _, from := range all {
		for _, to := range all {
			if got := talent.CanTransition(from, to); got != allowed[[2]talent.MembershipStatus{from, to}] {
				t.Errorf("%s → %s: %v", from, to, got)
			}
		}
	}
}

func TestValidateTransitionMessages(t *testing.T) {
	r := talent.DefaultRules()
	r.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	e := &talent.Expert{Name: "张", BirthYear: 1985}
	m := &talent.Membership{Registry: talent.YouthTalent, Status: talent.StatusNominated}
	err := r.ValidateTransition(e, m, talent.StatusSuspended, "x")
	list, _ := talent.AsList(err)
	if len(list) != 1 || list[0].Code != talent.CodeInvalidTransition || list[0].Message == "" {
		t.Fatalf("%v", err)
	}
	// 41 in 2026 with the default limit of 40.
	if c := talent.ErrorCode(r.ValidateTransition(e, m, talent.StatusAdmitted, "")); c != talent.CodeAgeLimit {
		t.Fatalf("age: %s", c)
	}
	r.YouthAgeLimit = 45
	if err := r.ValidateTransition(e, m, talent.StatusAdmitted, ""); err != nil {
		t.Fatalf("configured limit not used: %v", err)
	}
}

func TestTownships(t *testing.T) {
	cases := map[string]string{"浮梁镇": "360222100", "浮梁": "360222100", "360222204": "360222204", "臧湾乡": "360222201",
		"庄湾": "360222201", "峙滩乡": "360222109", "　江村乡 ": "360222204",
		// Traditional characters, as a Hong Kong or Taiwan input method writes them.
		"浮梁鎮": "360222100", "莊灣鄉": "360222201", "黃壇鄉": "360222202",
		// Addresses that start with a township.
		"浮梁县鹅湖镇": "360222101", "江西省景德镇市浮梁县瑶里镇瑶里村": "360222104", "湘湖镇进坑村": "360222107",
		"浮梁县浮梁镇": "360222100", "浮梁县臧湾乡": "360222201", "景德镇市浮梁县江村": "360222204",
		// Places named after their township.
		"鹅湖工业园": "360222101", "瑶里古镇景区": "360222104", "浮梁县江村小学": "360222204"}
	for in, want := range cases {
		tw, ok := talent.LookupTownship(in)
		if !ok || tw.Code != want {
			t.Errorf("%q → %v %v, want %s", in, tw, ok, want)
		}
	}
	for _, in := range []string{"景德镇", "浮梁县", "景德镇市昌江区", "北京市海淀区", "桃墅村", "浮梁县某某村", "西湖区", "杭州西湖"} {
		if tw, ok := talent.LookupTownship(in); ok {
			t.Errorf("%q is not a township of the county, got %s", in, tw.Name)
		}
	}
	if len(talent.Townships) != 17 {
		t.Errorf("%d townships, want 17", len(talent.Townships))
	}
	if d := talent.DistanceKm("360222100", "360222100"); d != 0 {
		t.Errorf("same township: %v", d)
	}
	near, far := talent.DistanceKm("360222100", "360222107"), talent.DistanceKm("360222100", "360222206")
	if !(near > 0 && near < far && far < 80) {
		t.Errorf("distances: seat→湘湖 %.1f km, seat→西湖 %.1f km", near, far)
	}
	if talent.DistanceKm("x", "360222100") != -1 {
		t.Error("unknown code should give -1")
	}
}

func TestParseEnum(t *testing.T) {
	cases := []struct {
		values []talent.EnumValue
		in     string
		want   string
	}{
		{talent.Registries, "科技特派员", "SCIENCE_ENVOY"},
		{talent.Registries, "science_envoy", "SCIENCE_ENVOY"},
		{talent.EmergencyCategories, "洪涝", "FLOOD"},
		{talent.EmergencyCategories, "防汛", "FLOOD"},
		{talent.Audiences, "小学生", "PRIMARY_SCHOOL"},
		{talent.Genders, "男", "MALE"},
		{talent.Genders, "F", "FEMALE"},
	}
	for _, c := range cases {
		if got, ok := talent.ParseEnum(c.values, c.in); !ok || got != c.want {
			t.Errorf("%q → %q %v, want %q", c.in, got, ok, c.want)
		}
	}
	if _, ok := talent.ParseEnum(talent.Registries, "宇宙库"); ok {
		t.Error("unknown value parsed")
	}
}

func TestAvailability(t *testing.T) {
	a := talent.Availability{Weekdays: []int{1, 3}, Unavailable: []talent.DateRange{{From: "2026-06-01", To: "2026-06-10"}}}
	mon := time.Date(2026, 5, 25, 0, 0, 0, 0, time.UTC) // a Monday
	if !a.AvailableOn(mon) || a.AvailableOn(mon.AddDate(0, 0, 1)) {
		t.Error("weekly pattern not applied")
	}
	if a.AvailableOn(time.Date(2026, 6, 3, 0, 0, 0, 0, time.UTC)) { // a Wednesday inside the range
		t.Error("unavailable range not applied")
	}
	sun := time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)
	if (talent.Availability{Weekdays: []int{7}}).AvailableOn(sun) != true {
		t.Error("Sunday is 7")
	}
}

func TestValidateReportsAllProblemsAtOnce(t *testing.T) {
	r := talent.DefaultRules()
	e := &talent.Expert{Name: "", Township: "无名乡", BirthYear: 3000, Email: "not-an-email",
		LectureTopics: []talent.LectureTopic{{Title: "", Minutes: 5}}}
	talent.NormalizeExpert(e)
	list, _ := talent.AsList(r.ValidateExpert(e, nil))
	fields := map[string]talent.Code{}
	for _, x := range list {
		fields[x.Field] = x.Code
	}
	want := map[string]talent.Code{"name": talent.CodeRequired, "township": talent.CodeUnknownTownship, "birthYear": talent.CodeOutOfRange,
		"email": talent.CodeInvalid, "lectureTopics.0.title": talent.CodeRequired, "lectureTopics.0.minutes": talent.CodeOutOfRange, "consent": talent.CodeConsentRequired}
	for f, c := range want {
		if fields[f] != c {
			t.Errorf("%s: %s, want %s (all %v)", f, fields[f], c, fields)
		}
	}
}

// On call needs an admitted emergency membership, as setOnCall does: a
// nominee or a suspended member cannot be called out at night.
func TestOnCallNeedsAdmission(t *testing.T) {
	r := talent.DefaultRules()
	for status, ok := range map[talent.MembershipStatus]bool{
		talent.StatusAdmitted: true, talent.StatusNominated: false, talent.StatusUnderReview: false, talent.StatusSuspended: false,
	} {
		e := &talent.Expert{Name: "甲", OnCall: true, EmergencyCategories: []talent.EmergencyCategory{talent.Flood}}
		ms := []*talent.Membership{{Registry: talent.EmergencyExpert, Status: status}}
		err := r.ValidateExpert(e, ms)
		if got := err == nil; got != ok {
			t.Errorf("on call with a %s membership: %v", status, err)
		}
		if !ok && talent.ErrorCode(err) != talent.CodeNotMember {
			t.Errorf("on call with a %s membership: code %s", status, talent.ErrorCode(err))
		}
	}
}
