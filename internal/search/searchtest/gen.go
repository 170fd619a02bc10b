package searchtest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/talent"
)

// domain is one area of expertise with the vocabulary its profiles use.
type domain struct {
	fields    []string
	expertise []string
	orgs      []string
	titles    []string
	topics    []string
	bio       []string // sentences; %s takes an expertise term
	audiences []talent.Audience
	emergency []talent.EmergencyCategory
	registry  talent.Registry // the registry such experts usually join
}

var domains = []domain{
	{
		fields:    []string{"陶瓷工程", "材料科学", "工艺美术"},
		expertise: []string{"陶瓷釉料", "颜色釉", "青花", "粉彩", "窑炉烧成", "高岭土", "釉面缺陷分析", "手工拉坯", "陶瓷材料检测", "玲珑瓷"},
		orgs:      []string{"景德镇陶瓷大学", "浮梁县陶瓷研究所", "瑶里古窑陶瓷厂", "江西省陶瓷研究所"},
		titles:    []string{"高级工艺美术师", "正高级工程师", "副教授", "工艺美术师"},
		topics:    []string{"千年瓷都话陶瓷", "一件瓷器是怎样炼成的", "釉色之美与窑变", "青花瓷的前世今生", "陶瓷企业釉面缺陷的成因与对策"},
		bio:       []string{"从事%s研究二十余年。", "长期在生产一线解决%s难题。", "主持过多项%s相关的省级课题。", "熟悉传统手工制瓷与现代%s工艺。"},
		audiences: []talent.Audience{talent.EnterpriseStaff, talent.MiddleSchool, talent.Public},
		registry:  talent.YouthTalent,
	},
	{
		fields:    []string{"茶学", "植物保护", "农学"},
		expertise: []string{"茶树栽培", "茶园管理", "茶叶加工", "浮梁红茶", "茶树病虫害防治", "有机茶认证", "制茶工艺", "茶小绿叶蝉防治"},
		orgs:      []string{"浮梁县茶叶局", "江西省蚕桑茶叶研究所", "浮梁县农业农村局", "鹅湖茶叶专业合作社"},
		titles:    []string{"高级农艺师", "农艺师", "推广研究员"},
		topics:    []string{"浮梁茶的种植与加工", "茶园病虫害绿色防控", "一片茶叶的旅程", "科学施肥提升茶叶品质"},
		bio:       []string{"扎根茶区多年，专注%s。", "指导多个合作社开展%s。", "在%s方面有丰富经验。", "帮助茶农解决%s中的实际问题。"},
		audiences: []talent.Audience{talent.Farmers, talent.Public, talent.PrimarySchool},
		registry:  talent.ScienceEnvoy,
	},
	{
		fields:    []string{"作物栽培", "植物保护", "土壤肥料", "畜牧兽医"},
		expertise: []string{"水稻栽培", "油菜种植", "测土配方施肥", "稻瘟病防治", "生猪养殖", "果树嫁接", "农药安全使用", "中药材种植", "食用菌栽培", "家禽疫病防控"},
		orgs:      []string{"浮梁县农业技术推广中心", "浮梁县畜牧兽医局", "景德镇市农业科学研究所", "寿安镇农技站"},
		titles:    []string{"高级农艺师", "高级兽医师", "农艺师", "助理农艺师"},
		topics:    []string{"水稻高产栽培技术", "科学养猪与疫病防控", "果树修剪与嫁接", "农药安全使用常识"},
		bio:       []string{"长期从事%s技术推广。", "为全县种养大户提供%s服务。", "多次获评优秀科技特派员，擅长%s。", "下乡指导%s，培训农民上千人次。"},
		audiences: []talent.Audience{talent.Farmers, talent.Officials},
		registry:  talent.ScienceEnvoy,
	},
	{
		fields:    []string{"临床医学", "中医学", "公共卫生", "护理学"},
		expertise: []string{"高血压防治", "糖尿病管理", "中医养生", "阿尔茨海默病照护", "心肺复苏", "急救技能培训", "传染病防控", "营养膳食", "心理健康"},
		orgs:      []string{"浮梁县人民医院", "浮梁县中医院", "浮梁县疾病预防控制中心", "浮梁县妇幼保健院"},
		titles:    []string{"主任医师", "副主任医师", "主管护师", "主治医师"},
		topics:    []string{"老年人慢性病的自我管理", "家庭急救与心肺复苏", "中医四季养生", "远离老年痴呆", "合理膳食与健康生活"},
		bio:       []string{"退休前长期从事%s工作。", "擅长%s，经常深入社区义诊。", "热心科普，讲解%s通俗易懂。", "参与编写%s科普读物。"},
		audiences: []talent.Audience{talent.Elderly, talent.Public, talent.HighSchool},
		emergency: []talent.EmergencyCategory{talent.PublicHealth, talent.FoodSafety},
		registry:  talent.SeniorLecturer,
	},
	{
		fields:    []string{"计算机科学", "物理学", "天文学", "教育学"},
		expertise: []string{"少儿编程", "机器人制作", "天文观测", "科学实验", "人工智能", "创客教育", "信息学竞赛"},
		orgs:      []string{"浮梁县第一中学", "浮梁县实验学校", "浮梁县科学技术协会", "景德镇学院"},
		titles:    []string{"高级教师", "中学一级教师", "讲师", "副教授"},
		topics:    []string{"带你走进人工智能", "趣味科学小实验", "仰望星空：天文入门", "动手做一个机器人", "编程思维从小培养"},
		bio:       []string{"指导学生在%s比赛中多次获奖。", "热爱%s，开设校本课程。", "长期开展青少年%s科普。", "致力于把%s带进乡村课堂。"},
		audiences: []talent.Audience{talent.PrimarySchool, talent.MiddleSchool, talent.HighSchool},
		registry:  talent.YouthTalent,
	},
	{
		fields:    []string{"航空工程", "飞行器设计", "电子信息"},
		expertise: []string{"通用航空", "无人机应用", "直升机维修", "航模制作", "航空科普", "无人机植保", "航拍测绘"},
		orgs:      []string{"昌河飞机工业集团", "浮梁通用航空产业园", "景德镇航空职业学校", "江西航空职业技术学院"},
		titles:    []string{"高级工程师", "工程师", "飞行教员"},
		topics:    []string{"飞机为什么能飞", "无人机的世界", "走进通用航空", "航模制作与放飞"},
		bio:       []string{"从事%s工作十余年。", "参与多款%s项目的研制。", "热心青少年%s教育。", "带领团队完成%s任务。"},
		audiences: []talent.Audience{talent.MiddleSchool, talent.PrimarySchool, talent.Public},
		registry:  talent.YouthTalent,
	},
	{
		fields:    []string{"应急管理", "地质工程", "水利工程", "消防工程"},
		expertise: []string{"防汛抗洪", "地质灾害防治", "滑坡监测", "森林防火", "消防安全", "防溺水教育", "应急救援", "防震减灾", "危险化学品管理"},
		orgs:      []string{"浮梁县应急管理局", "浮梁县自然资源局", "浮梁县水利局", "浮梁县消防救援大队"},
		titles:    []string{"高级工程师", "工程师", "消防指挥员"},
		topics:    []string{"汛期安全知识", "地质灾害的识别与避险", "校园防溺水", "家庭火灾逃生", "地震来了怎么办"},
		bio:       []string{"多次参与%s一线处置。", "负责全县%s隐患排查。", "编制过%s应急预案。", "熟悉%s法规与技术规范。"},
		audiences: []talent.Audience{talent.Public, talent.PrimarySchool, talent.Officials, talent.EnterpriseStaff},
		emergency: []talent.EmergencyCategory{talent.Flood, talent.Geological, talent.Fire, talent.ForestFire, talent.Earthquake, talent.Chemical, talent.Meteorological, talent.ProductionSafety},
		registry:  talent.EmergencyExpert,
	},
	{
		fields:    []string{"电子商务", "市场营销", "信息技术"},
		expertise: []string{"农村电商", "直播带货", "品牌营销", "5G应用", "大数据分析", "物联网", "3D打印", "智能制造"},
		orgs:      []string{"浮梁县电子商务服务中心", "景德镇市工业和信息化局", "浮梁县智能制造产业园", "中国移动浮梁分公司"},
		titles:    []string{"经济师", "高级工程师", "工程师"},
		topics:    []string{"农产品如何卖上好价钱", "5G改变生活", "3D打印走进课堂", "智能制造与产业升级"},
		bio:       []string{"帮助农户通过%s增收。", "负责%s项目建设。", "在%s领域有多项专利。", "为中小企业提供%s咨询。"},
		audiences: []talent.Audience{talent.Farmers, talent.EnterpriseStaff, talent.Officials, talent.HighSchool},
		registry:  talent.ScienceEnvoy,
	},
}

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢")
	given    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉力斌宇浩凯鹏飞鑫晨欣怡佳琪雪梅春燕海波林峰")
	fillers  = []string{"工作认真负责，深受群众好评。", "曾获县级科普先进个人称号。", "乐于为基层群众服务。", "多次参加省市科普讲解大赛。", "愿意利用周末时间开展志愿服务。"}
)

// Generator makes synthetic but realistic Chinese expert profiles for
// benchmarks: a domain's vocabulary in every text field, memberships,
// townships and audiences drawn like a county roster's. The same seed gives
// the same documents.
type Generator struct {
	rng *rand.Rand
}

// NewGenerator returns a generator seeded with seed.
func NewGenerator(seed uint64) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (g *Generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *Generator) some(list []string, lo, hi int) []string {
	n := lo + g.rng.IntN(hi-lo+1)
	perm := g.rng.Perm(len(list))
	out := make([]string, 0, n)
	for _, i := range perm[:min(n, len(list))] {
		out = append(out, list[i])
	}
	return out
}

// Document returns a profile with the given ID.
func (g *Generator) Document(id int64) search.Document {
	d := domains[g.rng.IntN(len(domains))]
	name := string(surnames[g.rng.IntN(len(surnames))]) + string(given[g.rng.IntN(len(given))])
	if g.rng.IntN(2) == 0 {
		name += string(given[g.rng.IntN(len(given))])
	}
	expertise := g.some(d.expertise, 2, 4)
	var bio strings.Builder
	for i := 0; i < 2+g.rng.IntN(3); i++ {
		fmt.Fprintf(&bio, g.pick(d.bio), g.pick(expertise))
	}
	bio.WriteString(g.pick(fillers))

	doc := search.Document{
		ID:           id,
		Version:      1,
		Name:         name,
		Title:        g.pick(d.titles),
		Organization: g.pick(d.orgs),
		Bio:          bio.String(),
		Fields:       g.some(d.fields, 1, 2),
		Expertise:    expertise,
		Township:     talent.Townships[g.rng.IntN(len(talent.Townships))].Code,
	}
	for _, a := range d.audiences {
		if g.rng.IntN(2) == 0 {
			doc.Audiences = append(doc.Audiences, string(a))
		}
	}
	reg := d.registry
	if g.rng.IntN(4) == 0 {
		reg = []talent.Registry{talent.YouthTalent, talent.SeniorLecturer, talent.ScienceEnvoy, talent.EmergencyExpert}[g.rng.IntN(4)]
	}
	statuses := []talent.MembershipStatus{talent.StatusAdmitted, talent.StatusAdmitted, talent.StatusAdmitted, talent.StatusNominated, talent.StatusUnderReview, talent.StatusSuspended, talent.StatusExited}
	doc.Memberships = append(doc.Memberships, search.Membership{Registry: string(reg), Status: string(statuses[g.rng.IntN(len(statuses))])})
	if reg != talent.SeniorLecturer && g.rng.IntN(5) == 0 {
		doc.Memberships = append(doc.Memberships, search.Membership{Registry: string(talent.SeniorLecturer), Status: string(talent.StatusAdmitted)})
	}
	if reg == talent.SeniorLecturer || len(doc.Memberships) > 1 || g.rng.IntN(3) == 0 {
		for _, t := range g.some(d.topics, 1, 3) {
			doc.TopicTitles = append(doc.TopicTitles, t)
			doc.TopicTexts = append(doc.TopicTexts, fmt.Sprintf("结合身边事例，介绍%s和%s的基本知识，现场互动答疑。", g.pick(expertise), g.pick(d.expertise)))
		}
	}
	if reg == talent.ScienceEnvoy {
		for _, t := range talent.Townships[:3+g.rng.IntN(3)] {
			if g.rng.IntN(3) == 0 {
				doc.ServiceTownships = append(doc.ServiceTownships, t.Code)
			}
		}
	}
	if reg == talent.EmergencyExpert || (len(d.emergency) > 0 && g.rng.IntN(3) == 0) {
		if len(doc.Memberships) == 1 && reg != talent.EmergencyExpert {
			doc.Memberships = append(doc.Memberships, search.Membership{Registry: string(talent.EmergencyExpert), Status: string(talent.StatusAdmitted)})
		}
		cats := d.emergency
		if len(cats) == 0 {
			cats = []talent.EmergencyCategory{talent.Flood, talent.Fire}
		}
		for _, i := range g.rng.Perm(len(cats))[:1+g.rng.IntN(min(2, len(cats)))] {
			doc.EmergencyCategories = append(doc.EmergencyCategories, string(cats[i]))
		}
		doc.OnCall = g.rng.IntN(2) == 0
	}
	return doc
}

// Documents returns n profiles with IDs 1..n.
func (g *Generator) Documents(n int) []search.Document {
	docs := make([]search.Document, n)
	for i := range docs {
		docs[i] = g.Document(int64(i + 1))
	}
	return docs
}

// Queries returns n requests phrased as requesters write them, for
// benchmarks: a domain's terms wrapped in request phrasing.
func (g *Generator) Queries(n int) []string {
	frames := []string{"想请一位懂%s和%s的专家", "我们村需要%s方面的技术指导，还有%s", "学校希望邀请老师讲讲%s，最好也懂%s", "企业遇到%s问题，想咨询%s", "%s %s"}
	out := make([]string, n)
	for i := range out {
		d := domains[g.rng.IntN(len(domains))]
		out[i] = fmt.Sprintf(g.pick(frames), g.pick(d.expertise), g.pick(append(d.fields, d.expertise...)))
	}
	return out
}
