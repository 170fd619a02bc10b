package talent

import "time"

// Expert is a person in the registry: the profile shared by all the
// registries the person belongs to.
type Expert struct {
	ID           int64
	ExternalID   string // the bureau's own identifier; unique when not empty
	Name         string
	Gender       Gender // empty when unknown
	BirthYear    int    // 0 when unknown
	Title        string // 职称, e.g. 高级工程师
	Organization string // 工作单位
	Township     string // township code
	Fields       []string
	Expertise    []string
	Bio          string

	LectureTopics    []LectureTopic
	Audiences        []Audience
	ServiceTownships []string // township codes
	Availability     Availability

	MaxEngagementsPerMonth int

	// Emergency expert data; live on the profile because dispatch filters
	// on them directly, but only meaningful with an EMERGENCY_EXPERT
	// membership.
	EmergencyCategories []EmergencyCategory
	OnCall              bool

	// Personal data under PIPL: kept only with a recorded consent.
	Phone   string
	Email   string
	Consent *Consent

	ArchivedAt *time.Time
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// LectureTopic is one talk from a lecturer's catalogue.
type LectureTopic struct {
	Title     string     `json:"title"`
	Abstract  string     `json:"abstract,omitempty"`
	Audiences []Audience `json:"audiences,omitempty"`
	Minutes   int        `json:"minutes,omitempty"`
}

// Availability is a weekly pattern plus dated exceptions.
type Availability struct {
	// Weekdays the expert is usually available, 1 = Monday … 7 = Sunday.
	// Empty means no weekly restriction.
	Weekdays    []int       `json:"weekdays,omitempty"`
	Unavailable []DateRange `json:"unavailable,omitempty"`
	Note        string      `json:"note,omitempty"`
}

// DateRange is an inclusive range of calendar dates in YYYY-MM-DD form.
type DateRange struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Reason string `json:"reason,omitempty"`
}

// Consent records that the person agreed to their contact data being kept.
type Consent struct {
	GivenAt time.Time `json:"givenAt"`
	Purpose string    `json:"purpose"`
}

// DateLayout is the only date format the API and storage use.
const DateLayout = "2006-01-02"

// AvailableOn reports whether the weekly pattern and exceptions allow day d.
func (a Availability) AvailableOn(d time.Time) bool {
	if len(a.Weekdays) > 0 {
		wd := int(d.Weekday())
		if wd == 0 {
			wd = 7
		}
		ok := false
		for _, w := range a.Weekdays {
			if w == wd {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	day := d.Format(DateLayout)
	for _, r := range a.Unavailable {
		if r.From <= day && day <= r.To {
			return false
		}
	}
	return true
}

// Membership is one person's place in one registry.
type Membership struct {
	ID         int64
	ExpertID   int64
	Registry   Registry
	Status     MembershipStatus
	Since      time.Time  // when the current status was entered
	AdmittedAt *time.Time // first admission, kept across suspensions
	// Senior lecturer travel limits: how far they will go (0 = no limit)
	// and any condition, such as needing to be picked up.
	TravelMaxKm int
	TravelNote  string
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// StatusChange is one dated transition of a membership.
type StatusChange struct {
	ID           int64
	MembershipID int64
	From         MembershipStatus // empty for the first entry
	To           MembershipStatus
	At           time.Time
	Actor        string
	Reason       string
}

// Recommendation is a youth talent's nomination for a programme or award (推荐参评).
type Recommendation struct {
	ID        int64
	ExpertID  int64
	Programme string
	Level     RecommendationLevel
	Year      int
	Outcome   RecommendationOutcome
	Note      string
	CreatedAt time.Time
}

// EnvoyAssignment assigns a science envoy to a service target for a term.
type EnvoyAssignment struct {
	ID         int64
	ExpertID   int64
	TargetKind ServiceTargetKind
	TargetName string
	Township   string
	TermStart  string // YYYY-MM-DD
	TermEnd    string // YYYY-MM-DD, empty for open-ended
	CreatedAt  time.Time
}

// ServiceLog is one visit or service by a science envoy.
type ServiceLog struct {
	ID            int64
	ExpertID      int64
	AssignmentID  int64 // 0 when not tied to an assignment
	Date          string
	Target        string
	Content       string
	PeopleTrained int
	CreatedAt     time.Time
}

// Organization is a school, village, enterprise or department.
type Organization struct {
	ID        int64
	Kind      OrganizationKind
	Name      string
	Township  string
	Address   string
	Contact   string
	Phone     string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// RegistryCount is one cell of the registries summary.
type RegistryCount struct {
	Registry Registry
	Status   MembershipStatus
	Count    int
}
