package search_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

func TestDocumentFromExpert(t *testing.T) {
	e := &talent.Expert{
		ID: 7, Version: 3, Name: "孙丽", Title: "主任医师", Organization: "浮梁县人民医院", Township: "360222100",
		Fields: []string{"临床医学"}, Expertise: []string{"心肺复苏"}, Bio: "急诊三十年。",
		Audiences:           []talent.Audience{talent.Elderly},
		LectureTopics:       []talent.LectureTopic{{Title: "家庭急救", Abstract: "心肺复苏实操。", Audiences: []talent.Audience{talent.PrimarySchool, talent.Elderly}}, {Title: "防溺水"}},
		ServiceTownships:    []string{"360222101"},
		EmergencyCategories: []talent.EmergencyCategory{talent.PublicHealth},
		OnCall:              true,
		Phone:               "13800000000",
	}
	ms := []*talent.Membership{
		{ExpertID: 7, Registry: talent.EmergencyExpert, Status: talent.StatusAdmitted},
		{ExpertID: 7, Registry: talent.SeniorLecturer, Status: talent.StatusNominated},
	}
	d := search.DocumentFromExpert(e, ms)
	if d.ID != 7 || d.Version != 3 || d.Name != "孙丽" || !d.OnCall || d.Township != "360222100" {
		t.Fatalf("scalar fields: %+v", d)
	}
	if !slices.Equal(d.TopicTitles, []string{"家庭急救", "防溺水"}) || !slices.Equal(d.TopicTexts, []string{"心肺复苏实操。"}) {
		t.Errorf("topics: %q %q", d.TopicTitles, d.TopicTexts)
	}
	if !slices.Equal(d.Audiences, []string{"ELDERLY", "PRIMARY_SCHOOL"}) {
		t.Errorf("audiences (profile and topics, deduplicated): %q", d.Audiences)
	}
	if !slices.Equal(d.Memberships, []search.Membership{{"EMERGENCY_EXPERT", "ADMITTED"}, {"SENIOR_LECTURER", "NOMINATED"}}) {
		t.Errorf("memberships: %v", d.Memberships)
	}
	if !slices.Equal(d.EmergencyCategories, []string{"PUBLIC_HEALTH"}) || !slices.Equal(d.ServiceTownships, []string{"360222101"}) {
		t.Errorf("categories, service townships: %v %v", d.EmergencyCategories, d.ServiceTownships)
	}
	e.Expertise[0] = "changed"
	if d.Expertise[0] != "心肺复苏" {
		t.Error("document shares the expert's slices")
	}
}

func TestValidate(t *testing.T) {
	q := search.Query{}
	if err := q.Validate(); err != nil || q.Limit != search.DefaultLimit {
		t.Fatalf("default limit: %v, %d", err, q.Limit)
	}
	many := make([]string, search.MaxFilterValues+1)
	for _, bad := range []search.Query{
		{Limit: -1}, {Offset: -5}, {Limit: 500, Offset: 501},
		{Facets: []string{"phone"}},
		{Filter: search.Filter{Townships: many}},
		{Terms: []textproc.Term{{Text: "茶", Weight: 0}}},
		{Terms: make([]textproc.Term, search.MaxTerms+1)},
	} {
		if err := bad.Validate(); !errors.Is(err, search.ErrInvalidQuery) {
			t.Errorf("%+v: %v, want ErrInvalidQuery", bad, err)
		}
	}
}

func TestMembershipKey(t *testing.T) {
	if search.MembershipKey("X:Y", "Z") == search.MembershipKey("X", "Y:Z") {
		t.Fatal("keys collide")
	}
	if search.MembershipKey("A%3AB", "C") == search.MembershipKey("A:B", "C") {
		t.Fatal("escaped and unescaped keys collide")
	}
	if got := search.MembershipKey("SCIENCE_ENVOY", "ADMITTED"); got != "SCIENCE_ENVOY:ADMITTED" {
		t.Fatalf("plain key = %q", got)
	}
}
