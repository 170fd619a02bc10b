package demo

import "github.com/fuliang/talent/internal/talent"

// A template describes one kind of expert — a tea-pest specialist, a retired
// cardiologist who lectures, a flood engineer — with the vocabulary real
// roster entries of that kind use. The generator draws several people from
// each template, choosing different sentences, keywords, employers and
// townships, so that two people of the same kind read differently, as they
// would in a spreadsheet typed by different clerks.
//
// The pools are written deliberately with varied wording for the same thing
// (陶瓷/瓷器/瓷, 茶园/茶树/茶叶, 通航/通用航空) and with near-miss neighbours
// (a ceramic artist beside a glaze engineer, a tea marketer beside a tea
// pathologist, a vet beside a crop doctor), because that is what a matcher
// must cope with.
type template struct {
	key   string
	slots []slot

	female float64 // share of women

	junior []string // 职称 for young experts
	senior []string // 职称 for mid-career and retired experts; "" = none given

	orgs  []org
	posts []string // 职务, optional; "" entries make "no post" likely
	edu   []string // highest education, e.g. "大学本科"

	fields []string // 学科领域: 1–3 are chosen
	skills []string // 专长 keywords: 2–8 are chosen

	// Sentence pools. Each sentence is self-contained. A sentence may start
	// with a marker restricting who can say it: "Y|" only people under 36,
	// "O|" only people over 40, "F|"/"M|" only women/men, "R|"/"W|" only
	// retired/working people. Claims of years of experience ("二十余年")
	// are checked against the person's career.
	bio     []string   // about the work, for anyone of this kind
	persona [][]string // alternative identities: each person takes one group
	retired []string   // only for retired experts
	emerg   []string   // sentences only for emergency-registry members
	honours []string

	topics     []topic
	audiences  []talent.Audience
	categories []talent.EmergencyCategory // first is the main one

	homes   []string // home townships (names), repeated for weight; nil = anywhere
	logs    []string // envoy service-log contents; {target} is replaced
	coop    []string // what the cooperatives this kind of envoy serves produce
	clients []string // enterprises this kind of envoy is assigned to
}

// slot is a group of people of one template with the same career stage and
// registries. Slots fix the registry counts exactly, whatever the seed.
type slot struct {
	n     int
	stage stage
	regs  []talent.Registry
}

type stage int

const (
	young  stage = iota // born 1989–2001: within the youth talent age limit for years to come
	mid                 // born 1966–1988: mid-career
	late                // born 1961–1968: senior specialists still working, some already in the lecture group
	senior              // born 1946–1965: retired, 61–80 in 2026
)

// org is an employer. name may contain {town}, replaced by the person's home
// township ("{town}卫生院" → "鹅湖镇卫生院"). town is the township the
// organisation is in: "" means the person's home township, "-" means outside
// the county (a Jingdezhen city institution), in which case the person may
// have no township on file at all — a gap real rosters have.
//
// posts, titles and bio, when set, replace or extend the template's: a
// lecturer at the vocational school is a 讲师, not a 中学一级教师, and only
// the telecom operator's engineer builds 5G base stations.
type org struct {
	name   string
	town   string
	posts  []string // replace the template's posts
	titles []string // replace the template's titles; seniority decides who gets which
	edu    []string // replace the template's education levels
	bio    []string // sentences only people at this employer say; {town} is replaced
}

// o is an employer with nothing specific to say.
func o(name, town string) org { return org{name: name, town: town} }

type topic struct {
	title    string
	abstract string
	aud      []talent.Audience
	minutes  int
}

// Short audience names keep the template tables readable.
const (
	aPS = talent.PrimarySchool
	aMS = talent.MiddleSchool
	aHS = talent.HighSchool
	aFA = talent.Farmers
	aEL = talent.Elderly
	aES = talent.EnterpriseStaff
	aPU = talent.Public
	aOF = talent.Officials
)

// Short registry names.
const (
	rYT = talent.YouthTalent
	rSL = talent.SeniorLecturer
	rSE = talent.ScienceEnvoy
	rEE = talent.EmergencyExpert
)

func aud(a ...talent.Audience) []talent.Audience { return a }

func regs(r ...talent.Registry) []talent.Registry { return r }

func cats(c ...talent.EmergencyCategory) []talent.EmergencyCategory { return c }

// county is the county seat, where most county departments sit.
const county = "浮梁镇"

// Township groups used as homes. Tea grows mostly in the hilly north and
// east; the ceramic and industrial belt lies towards Jingdezhen city.
var (
	teaTowns      = []string{"江村乡", "江村乡", "瑶里镇", "瑶里镇", "西湖乡", "经公桥镇", "峙滩镇", "兴田乡", "勒功乡", "鹅湖镇", "黄坛乡"}
	ceramicTowns  = []string{"浮梁镇", "浮梁镇", "湘湖镇", "洪源镇", "寿安镇", "鹅湖镇"}
	farmTowns     = []string{"王港乡", "庄湾乡", "寿安镇", "三龙镇", "湘湖镇", "洪源镇", "蛟潭镇", "鹅湖镇", "兴田乡", "黄坛乡", "经公桥镇", "峙滩镇"}
	mountainTowns = []string{"瑶里镇", "江村乡", "西湖乡", "峙滩镇", "经公桥镇", "勒功乡", "黄坛乡", "蛟潭镇"}
	seatTowns     = []string{"浮梁镇", "浮梁镇", "浮梁镇", "湘湖镇", "洪源镇"}
)
