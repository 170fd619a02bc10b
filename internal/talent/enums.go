package talent

// Enum values are the API's enum names. Each enum has a Chinese label (what
// people see) and optional aliases (what people type in spreadsheets).

// Registry is one of the four rosters.
type Registry string

const (
	YouthTalent     Registry = "YOUTH_TALENT"
	SeniorLecturer  Registry = "SENIOR_LECTURER"
	ScienceEnvoy    Registry = "SCIENCE_ENVOY"
	EmergencyExpert Registry = "EMERGENCY_EXPERT"
)

// MembershipStatus is where a person stands in one registry.
type MembershipStatus string

const (
	StatusNominated   MembershipStatus = "NOMINATED"
	StatusUnderReview MembershipStatus = "UNDER_REVIEW"
	StatusAdmitted    MembershipStatus = "ADMITTED"
	StatusSuspended   MembershipStatus = "SUSPENDED"
	StatusExited      MembershipStatus = "EXITED"
)

// Audience is who a talk or service is for.
type Audience string

const (
	PrimarySchool   Audience = "PRIMARY_SCHOOL"
	MiddleSchool    Audience = "MIDDLE_SCHOOL"
	HighSchool      Audience = "HIGH_SCHOOL"
	Farmers         Audience = "FARMERS"
	Elderly         Audience = "ELDERLY"
	EnterpriseStaff Audience = "ENTERPRISE_STAFF"
	Public          Audience = "PUBLIC"
	Officials       Audience = "OFFICIALS"
)

// EmergencyCategory is a kind of incident an emergency expert covers.
type EmergencyCategory string

const (
	Flood            EmergencyCategory = "FLOOD"
	Geological       EmergencyCategory = "GEOLOGICAL"
	PublicHealth     EmergencyCategory = "PUBLIC_HEALTH"
	Fire             EmergencyCategory = "FIRE"
	ForestFire       EmergencyCategory = "FOREST_FIRE"
	FoodSafety       EmergencyCategory = "FOOD_SAFETY"
	Chemical         EmergencyCategory = "CHEMICAL"
	Earthquake       EmergencyCategory = "EARTHQUAKE"
	Meteorological   EmergencyCategory = "METEOROLOGICAL"
	ProductionSafety EmergencyCategory = "PRODUCTION_SAFETY"
)

// Gender of an expert.
type Gender string

const (
	Male   Gender = "MALE"
	Female Gender = "FEMALE"
)

// RecommendationLevel is the level of a talent programme or award.
type RecommendationLevel string

const (
	LevelNational   RecommendationLevel = "NATIONAL"
	LevelProvincial RecommendationLevel = "PROVINCIAL"
	LevelMunicipal  RecommendationLevel = "MUNICIPAL"
	LevelCounty     RecommendationLevel = "COUNTY"
)

// RecommendationOutcome is how a recommendation (推荐参评) ended.
type RecommendationOutcome string

const (
	OutcomePending  RecommendationOutcome = "PENDING"
	OutcomeSelected RecommendationOutcome = "SELECTED"
	OutcomeRejected RecommendationOutcome = "NOT_SELECTED"
)

// ServiceTargetKind is what a science envoy is assigned to.
type ServiceTargetKind string

const (
	TargetVillage     ServiceTargetKind = "VILLAGE"
	TargetCooperative ServiceTargetKind = "COOPERATIVE"
	TargetFamilyFarm  ServiceTargetKind = "FAMILY_FARM"
	TargetEnterprise  ServiceTargetKind = "ENTERPRISE"
)

// OrganizationKind is the kind of a requesting or owning organisation.
type OrganizationKind string

const (
	OrgSchool     OrganizationKind = "SCHOOL"
	OrgVillage    OrganizationKind = "VILLAGE"
	OrgEnterprise OrganizationKind = "ENTERPRISE"
	OrgDepartment OrganizationKind = "DEPARTMENT"
)

// EnumValue describes one value of an enum for the API and for imports.
type EnumValue struct {
	Name    string   // API name, e.g. "SCIENCE_ENVOY"
	Label   string   // Chinese label, e.g. "科技特派员"
	Aliases []string // other spellings accepted on import
}

// Registries lists the registries with their Chinese names.
var Registries = []EnumValue{
	{string(YouthTalent), "青年人才储备库", []string{"青年人才", "人才储备库", "青年人才库"}},
	{string(SeniorLecturer), "老专家科普报告团", []string{"老专家", "科普报告团", "报告团"}},
	{string(ScienceEnvoy), "科技特派员", []string{"特派员", "科特派"}},
	{string(EmergencyExpert), "应急科普专家队伍", []string{"应急专家", "应急科普专家", "应急"}},
}

// MembershipStatuses lists the membership states.
var MembershipStatuses = []EnumValue{
	{string(StatusNominated), "已提名", []string{"提名", "推荐"}},
	{string(StatusUnderReview), "审核中", []string{"审核", "待审核"}},
	{string(StatusAdmitted), "已入库", []string{"入库", "在库", "正常"}},
	{string(StatusSuspended), "已暂停", []string{"暂停"}},
	{string(StatusExited), "已退出", []string{"退出", "出库"}},
}

// Audiences lists the audiences.
var Audiences = []EnumValue{
	{string(PrimarySchool), "小学生", []string{"小学"}},
	{string(MiddleSchool), "初中生", []string{"初中", "中学生"}},
	{string(HighSchool), "高中生", []string{"高中"}},
	{string(Farmers), "农民", []string{"村民", "农户", "种植户", "养殖户"}},
	{string(Elderly), "老年人", []string{"老人", "老年"}},
	{string(EnterpriseStaff), "企业职工", []string{"职工", "企业员工", "员工"}},
	{string(Public), "社会公众", []string{"公众", "群众", "居民"}},
	{string(Officials), "领导干部", []string{"干部", "公务员"}},
}

// EmergencyCategories lists the emergency categories.
var EmergencyCategories = []EnumValue{
	{string(Flood), "防汛抗洪", []string{"防汛", "洪涝", "洪水", "抗洪"}},
	{string(Geological), "地质灾害", []string{"地灾", "滑坡", "泥石流"}},
	{string(PublicHealth), "公共卫生", []string{"卫生", "传染病", "疫情"}},
	{string(Fire), "消防", []string{"火灾"}},
	{string(ForestFire), "森林防火", []string{"森林火灾", "山火"}},
	{string(FoodSafety), "食品安全", []string{"食品"}},
	{string(Chemical), "危险化学品", []string{"危化品", "化学品"}},
	{string(Earthquake), "地震", []string{"防震减灾"}},
	{string(Meteorological), "气象灾害", []string{"气象"}},
	{string(ProductionSafety), "安全生产", []string{"生产安全"}},
}

// Genders lists the genders.
var Genders = []EnumValue{
	{string(Male), "男", []string{"M", "男性"}},
	{string(Female), "女", []string{"F", "女性"}},
}

// RecommendationLevels lists programme levels.
var RecommendationLevels = []EnumValue{
	{string(LevelNational), "国家级", []string{"国家"}},
	{string(LevelProvincial), "省级", []string{"省"}},
	{string(LevelMunicipal), "市级", []string{"市"}},
	{string(LevelCounty), "县级", []string{"县"}},
}

// RecommendationOutcomes lists recommendation outcomes.
var RecommendationOutcomes = []EnumValue{
	{string(OutcomePending), "评审中", nil},
	{string(OutcomeSelected), "入选", []string{"获评", "通过"}},
	{string(OutcomeRejected), "未入选", []string{"未通过"}},
}

// ServiceTargetKinds lists the envoy service target kinds.
var ServiceTargetKinds = []EnumValue{
	{string(TargetVillage), "行政村", []string{"村"}},
	{string(TargetCooperative), "合作社", []string{"专业合作社"}},
	{string(TargetFamilyFarm), "家庭农场", []string{"农场"}},
	{string(TargetEnterprise), "企业", []string{"公司"}},
}

// OrganizationKinds lists organisation kinds.
var OrganizationKinds = []EnumValue{
	{string(OrgSchool), "学校", nil},
	{string(OrgVillage), "村（社区）", []string{"村", "社区"}},
	{string(OrgEnterprise), "企业", nil},
	{string(OrgDepartment), "部门", []string{"单位", "机关"}},
}

// Label returns the Chinese label of name in values, or name itself.
func Label(values []EnumValue, name string) string {
	for _, v := range values {
		if v.Name == name {
			return v.Label
		}
	}
	return name
}

// Valid reports whether name is a value of the enum.
func Valid(values []EnumValue, name string) bool {
	for _, v := range values {
		if v.Name == name {
			return true
		}
	}
	return false
}

// ParseEnum resolves an API name, a Chinese label or an alias (case-insensitive
// for Latin names) to the API name.
func ParseEnum(values []EnumValue, s string) (string, bool) {
	s = trimSpace(s)
	for _, v := range values {
		if equalFold(v.Name, s) || v.Label == s {
			return v.Name, true
		}
		for _, a := range v.Aliases {
			if equalFold(a, s) {
				return v.Name, true
			}
		}
	}
	return "", false
}
