package demo

import "github.com/fuliang/talent/internal/talent"

// The organisations that send requests and employ experts. Schools and
// departments carry the county's usual naming; villages are plausible names
// placed in their townships; enterprises and cooperatives are invented. No
// phone numbers: a made-up number can still ring a real person.

type orgSeed struct {
	kind    talent.OrganizationKind
	name    string
	town    string
	contact string
}

var orgSeeds = []orgSeed{
	// Schools: the county-seat schools and a primary or middle school in
	// most townships.
	{talent.OrgSchool, "浮梁县第一中学", "浮梁镇", "政教处"},
	{talent.OrgSchool, "浮梁县实验学校", "浮梁镇", "教务处"},
	{talent.OrgSchool, "浮梁县实验小学", "浮梁镇", "教导处"},
	{talent.OrgSchool, "浮梁县职业技术学校", "浮梁镇", "教务处"},
	{talent.OrgSchool, "浮梁县青少年校外活动中心", "浮梁镇", "活动部"},
	{talent.OrgSchool, "浮梁县鹅湖中学", "鹅湖镇", "教务处"},
	{talent.OrgSchool, "鹅湖镇中心小学", "鹅湖镇", "教导处"},
	{talent.OrgSchool, "浮梁县经公桥中学", "经公桥镇", "教务处"},
	{talent.OrgSchool, "浮梁县蛟潭中学", "蛟潭镇", "教务处"},
	{talent.OrgSchool, "瑶里镇中心小学", "瑶里镇", "教导处"},
	{talent.OrgSchool, "浮梁县寿安中学", "寿安镇", "教务处"},
	{talent.OrgSchool, "洪源镇中心小学", "洪源镇", "教导处"},
	{talent.OrgSchool, "湘湖镇中心小学", "湘湖镇", "教导处"},
	{talent.OrgSchool, "浮梁县三龙中学", "三龙镇", "教务处"},
	{talent.OrgSchool, "峙滩镇中心小学", "峙滩镇", "教导处"},
	{talent.OrgSchool, "王港乡中心小学", "王港乡", "教导处"},
	{talent.OrgSchool, "庄湾乡中心小学", "庄湾乡", "教导处"},
	{talent.OrgSchool, "黄坛乡中心小学", "黄坛乡", "教导处"},
	{talent.OrgSchool, "兴田乡中心小学", "兴田乡", "教导处"},
	{talent.OrgSchool, "江村乡中心小学", "江村乡", "教导处"},
	{talent.OrgSchool, "勒功乡中心小学", "勒功乡", "教导处"},
	{talent.OrgSchool, "西湖乡中心小学", "西湖乡", "教导处"},

	// Villages (村民委员会).
	{talent.OrgVillage, "江村乡严台村村委会", "江村乡", "村委会主任"},
	{talent.OrgVillage, "江村乡沽演村村委会", "江村乡", "村党支部书记"},
	{talent.OrgVillage, "瑶里镇瑶里村村委会", "瑶里镇", "村委会主任"},
	{talent.OrgVillage, "瑶里镇东埠村村委会", "瑶里镇", "村委会主任"},
	{talent.OrgVillage, "瑶里镇梅岭村村委会", "瑶里镇", "村党支部书记"},
	{talent.OrgVillage, "西湖乡桃岭村村委会", "西湖乡", "村委会主任"},
	{talent.OrgVillage, "经公桥镇储田村村委会", "经公桥镇", "村委会主任"},
	{talent.OrgVillage, "峙滩镇英溪村村委会", "峙滩镇", "村委会主任"},
	{talent.OrgVillage, "鹅湖镇桃墅村村委会", "鹅湖镇", "村委会主任"},
	{talent.OrgVillage, "蛟潭镇礼芳村村委会", "蛟潭镇", "村党支部书记"},
	{talent.OrgVillage, "寿安镇八角村村委会", "寿安镇", "村委会主任"},
	{talent.OrgVillage, "湘湖镇进坑村村委会", "湘湖镇", "村委会主任"},
	{talent.OrgVillage, "洪源镇东流村村委会", "洪源镇", "村委会主任"},
	{talent.OrgVillage, "三龙镇三龙村村委会", "三龙镇", "村委会主任"},
	{talent.OrgVillage, "王港乡王港村村委会", "王港乡", "村委会主任"},
	{talent.OrgVillage, "庄湾乡柳溪村村委会", "庄湾乡", "村委会主任"},
	{talent.OrgVillage, "黄坛乡黄坛村村委会", "黄坛乡", "村委会主任"},
	{talent.OrgVillage, "兴田乡兴田村村委会", "兴田乡", "村委会主任"},
	{talent.OrgVillage, "勒功乡沧溪村村委会", "勒功乡", "村党支部书记"},
	{talent.OrgVillage, "浮梁镇旧城村村委会", "浮梁镇", "村委会主任"},
	{talent.OrgVillage, "西湖乡西湖村村委会", "西湖乡", "村委会主任"},

	// Enterprises and cooperatives (invented).
	{talent.OrgEnterprise, "浮梁县云雾岭茶业有限公司", "江村乡", "生产部"},
	{talent.OrgEnterprise, "浮梁县茗源茶业有限公司", "浮梁镇", "办公室"},
	{talent.OrgEnterprise, "浮梁县严台红茶专业合作社", "江村乡", "理事长"},
	{talent.OrgEnterprise, "浮梁县瑶里仙峰茶叶专业合作社", "瑶里镇", "理事长"},
	{talent.OrgEnterprise, "浮梁县玉青瓷业有限公司", "湘湖镇", "技术部"},
	{talent.OrgEnterprise, "浮梁县瓷源陶瓷有限公司", "洪源镇", "生产部"},
	{talent.OrgEnterprise, "景德镇瓷谷先进陶瓷有限公司", "洪源镇", "研发部"},
	{talent.OrgEnterprise, "浮梁县翔宇航空精密部件有限公司", "浮梁镇", "人力资源部"},
	{talent.OrgEnterprise, "浮梁县翼展通用航空有限公司", "浮梁镇", "运行控制部"},
	{talent.OrgEnterprise, "浮梁县瓷智科技有限公司", "浮梁镇", "综合部"},
	{talent.OrgEnterprise, "浮梁县赣新复合材料有限公司", "三龙镇", "技术中心"},
	{talent.OrgEnterprise, "浮梁县赣东化工有限公司", "洪源镇", "安环部"},
	{talent.OrgEnterprise, "浮梁县绿野飞防植保专业合作社", "鹅湖镇", "理事长"},
	{talent.OrgEnterprise, "浮梁县兴旺生态养殖有限公司", "寿安镇", "场长"},

	// Departments.
	{talent.OrgDepartment, "浮梁县科学技术协会", "浮梁镇", "科普部"},
	{talent.OrgDepartment, "浮梁县人力资源和社会保障局", "浮梁镇", "专业技术人员管理股"},
	{talent.OrgDepartment, "浮梁县农业农村局", "浮梁镇", "科技教育股"},
	{talent.OrgDepartment, "浮梁县教育体育局", "浮梁镇", "基础教育股"},
	{talent.OrgDepartment, "浮梁县卫生健康委员会", "浮梁镇", "健康促进股"},
	{talent.OrgDepartment, "浮梁县应急管理局", "浮梁镇", "应急指挥中心"},
	{talent.OrgDepartment, "浮梁县林业局", "浮梁镇", "森林防火办"},
	{talent.OrgDepartment, "浮梁县水利局", "浮梁镇", "防汛办"},
	{talent.OrgDepartment, "浮梁县气象局", "浮梁镇", "办公室"},
	{talent.OrgDepartment, "浮梁县疾病预防控制中心", "浮梁镇", "健康教育科"},
	{talent.OrgDepartment, "浮梁县自然资源局", "浮梁镇", "地质灾害防治股"},
	{talent.OrgDepartment, "浮梁县市场监督管理局", "浮梁镇", "食品安全协调股"},
	{talent.OrgDepartment, "浮梁县消防救援大队", "浮梁镇", "防火监督科"},
	{talent.OrgDepartment, "共青团浮梁县委员会", "浮梁镇", "办公室"},
}

func organizations() []*talent.Organization {
	out := make([]*talent.Organization, len(orgSeeds))
	for i, s := range orgSeeds {
		t, _ := talent.LookupTownship(s.town)
		out[i] = &talent.Organization{Kind: s.kind, Name: s.name, Township: t.Code,
			Address: "江西省景德镇市浮梁县" + s.town, Contact: s.contact}
	}
	return out
}
