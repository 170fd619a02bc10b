package demo

import "github.com/fuliang/talent/internal/talent"

// Teachers' titles by school level.
var (
	middleTeacher  = []string{"中学二级教师", "中学一级教师", "中学高级教师", "中学一级教师"}
	primaryTeacher = []string{"小学二级教师", "小学一级教师", "小学高级教师", "小学一级教师"}
	vocational     = []string{"助理讲师", "讲师", "高级讲师"}
)

// Science for children and the public: astronomy, coding and robots,
// experiments, nature, safety, environment. Mostly serving teachers in the
// youth pool and retired teachers in the lecture group.
var eduTemplates = []template{
	{
		key: "ed.astro",
		slots: []slot{
			{1, young, regs(rYT)},
			{2, senior, regs(rSL)},
			{1, late, regs(rSL)},
		},
		female: 0.25,
		orgs: []org{
			{name: "浮梁县第一中学", town: county, titles: middleTeacher, posts: []string{"", "物理教师", "天文社指导教师"}},
			{name: "浮梁县青少年校外活动中心", town: county, titles: middleTeacher, posts: []string{"", "科技辅导员"}},
			{name: "浮梁县天文爱好者协会", town: county, titles: middleTeacher, posts: []string{"", "副会长", "理事"},
				bio: []string{"O|参与发起县天文爱好者协会，每年组织数十场公众观星活动。"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"天文学", "物理", "科学教育"},
		skills: []string{"天文观测", "星空摄影", "天文望远镜", "星座", "日食月食", "太阳系", "航天科普", "天文社团"},
		bio: []string{
			"天文爱好者，自费购置多台天文望远镜，常年组织学生开展星空观测活动。",
			"擅长星空摄影，作品多次获省级天文摄影比赛奖项。",
			"带学生观测月食、流星雨和木星卫星。",
			"把天文知识编成顺口溜和小游戏，低年级孩子也听得懂。",
		},
		retired: []string{
			"退休前为物理教师，退休后专注于天文科普，足迹遍及全县各中小学。",
		},
		honours: []string{"被评为全国优秀科技辅导员。", "指导学生获全国青少年天文知识竞赛一等奖。"},
		topics: []topic{
			{"走近星空：认识四季星座", "认识北斗七星、猎户座等常见星座，学会用星图找星星。", aud(aPS, aMS), 60},
			{"月亮为什么会变", "用小实验演示月相变化。", aud(aPS), 40},
			{"中国航天的故事", "从东方红一号讲到空间站和嫦娥探月。", aud(aPS, aMS, aHS), 60},
			{"带上望远镜去看星星", "望远镜的原理、使用和夜间观测实践。", aud(aMS, aHS, aPU), 90},
		},
		audiences: []talent.Audience{aPS, aMS, aHS},
		homes:     []string{county},
	},
	{
		key: "ed.code",
		slots: []slot{
			{5, young, regs(rYT)},
			{1, late, regs(rSL)},
		},
		female: 0.35,
		orgs: []org{
			{name: "浮梁县第一中学", town: county, titles: middleTeacher, posts: []string{"", "信息技术教师"}},
			{name: "浮梁县实验学校", town: county, titles: middleTeacher, posts: []string{"", "信息技术教师", "创客空间负责人"}},
			{name: "浮梁县青少年校外活动中心", town: county, titles: middleTeacher, posts: []string{"", "机器人辅导员"}},
			{name: "浮梁县职业技术学校", town: county, titles: vocational, posts: []string{"", "计算机专业教师"}},
			{name: "浮梁县实验小学", town: county, titles: primaryTeacher, posts: []string{"", "信息科技教师"},
				bio: []string{"擅长用Scratch图形化编程带小学生入门。"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"信息技术", "计算机科学", "科学教育"},
		skills: []string{"少儿编程", "Scratch", "Python", "机器人", "Arduino", "创客教育", "信息学奥赛", "人工智能教育",
			"3D打印教学", "乐高机器人", "开源硬件"},
		bio: []string{
			"负责学校机器人和编程社团，辅导学生在省青少年机器人竞赛中多次获奖。",
			"在全县中小学推广创客教育，开设3D打印和开源硬件课程。",
			"指导学生参加全国青少年信息学奥林匹克联赛。",
			"开发了“AI小课堂”校本课程，带学生体验图像识别和语音交互。",
		},
		honours: []string{"被评为江西省优秀科技辅导员。", "获全省中小学信息技术优质课一等奖。"},
		topics: []topic{
			{"用Scratch编一个小游戏", "零基础学图形化编程，课上完成一个小游戏。", aud(aPS), 60},
			{"机器人是怎样“思考”的", "传感器、程序和动作，动手搭一个巡线小车。", aud(aPS, aMS), 90},
			{"Python与人工智能初体验", "用几行Python代码认识人工智能。", aud(aMS, aHS), 60},
		},
		audiences: []talent.Audience{aPS, aMS, aHS},
		homes:     []string{county},
	},
	{
		key: "ed.lab",
		slots: []slot{
			{5, senior, regs(rSL)},
			{2, young, regs(rYT)},
		},
		female: 0.4,
		orgs: []org{
			{name: "浮梁县第一中学", town: county, titles: middleTeacher, posts: []string{"", "教研组长"}},
			{name: "浮梁县实验学校", town: county, titles: middleTeacher, posts: []string{"", "副校长"}},
			{name: "浮梁县鹅湖中学", town: "鹅湖镇", titles: middleTeacher, posts: []string{"", "教导主任"}},
			{name: "浮梁县寿安中学", town: "寿安镇", titles: middleTeacher, posts: []string{""}},
			{name: "浮梁县实验小学", town: county, titles: primaryTeacher, posts: []string{"", "科学教师"},
				bio: []string{"小学科学教师，带孩子们种植物、养蚕、做天气记录。"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"物理", "化学", "科学教育"},
		skills: []string{"趣味科学实验", "物理实验", "化学实验", "科学探究", "自制教具", "科技小发明", "生活中的科学", "科学课教学"},
		persona: [][]string{
			{"从事物理教学多年，善于用身边材料自制教具做演示实验。"},
			{"化学教师出身，擅长用安全有趣的小实验激发学生兴趣。"},
			{"O|辅导学生科技小发明，多次获全国青少年科技创新大赛奖项。"},
		},
		retired: []string{
			"退休后带着“科普百宝箱”走遍全县农村学校，为孩子们表演趣味科学实验。",
			"退休后仍坚持义务为乡村学校上科学课。",
		},
		topics: []topic{
			{"好玩的科学实验秀", "大气压、静电、光的折射等十几个小实验现场表演，孩子们上台动手。", aud(aPS, aMS), 60},
			{"生活中的物理", "从自行车、电饭煲讲力、热、电的原理。", aud(aMS), 45},
			{"厨房里的化学", "小苏打、白醋、紫甘蓝汁里的化学反应。", aud(aPS, aMS, aPU), 45},
			{"科技小发明怎么做", "从发现问题到做出作品。", aud(aPS, aMS), 60},
		},
		audiences: []talent.Audience{aPS, aMS},
		homes:     []string{county, county, "鹅湖镇", "寿安镇"},
	},
	{
		key: "ed.nature",
		slots: []slot{
			{2, senior, regs(rSL)},
			{1, young, regs(rYT)},
		},
		female: 0.5,
		orgs: []org{
			{name: "浮梁县第一中学", town: county, titles: middleTeacher, posts: []string{"", "生物教师"},
				bio: []string{"生物教师，熟悉浮梁山区常见植物三百余种，常带学生野外识别植物、制作标本。"}},
			{name: "浮梁县林业局", town: county, titles: []string{"林业工程师", "高级工程师"}, posts: []string{"", "野生动植物保护股干部"},
				bio: []string{"从事野生动植物资源调查和保护宣传，熟悉本地珍稀动植物。"}},
			{name: "江西瑶里省级自然保护区管理处", town: "瑶里镇", titles: []string{"助理工程师", "工程师", "高级工程师"}, posts: []string{"", "科研监测科科长"},
				bio: []string{"在保护区从事野生动植物监测，对中华秋沙鸭等珍稀鸟类有持续观察。"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"生物学", "植物学", "生态学"},
		skills: []string{"植物识别", "昆虫", "自然观察", "标本制作", "野生动物保护", "鸟类观察", "生物多样性", "自然教育"},
		bio: []string{
			"开展自然教育活动，带孩子们观察昆虫、认识种子的旅行。",
		},
		retired: []string{
			"退休后义务担任多所学校的自然课辅导员。",
		},
		topics: []topic{
			{"走进植物王国", "认识校园和田野里的植物，学做植物标本。", aud(aPS, aMS), 60},
			{"校园里的昆虫", "观察蝴蝶、蚂蚁、蜻蜓，认识昆虫的身体和一生。", aud(aPS), 45},
			{"保护身边的野生动物", "认识浮梁的珍稀鸟兽，不捕不食不买。", aud(aPS, aMS, aPU), 45},
		},
		audiences: []talent.Audience{aPS, aMS},
		homes:     []string{county, "瑶里镇"},
	},
	{
		key: "ed.safety",
		slots: []slot{
			{1, young, regs(rYT)},
			{1, senior, regs(rSL)},
		},
		female: 0.3,
		orgs: []org{
			{name: "浮梁县实验学校", town: county, titles: middleTeacher, posts: []string{"", "安全办干事"},
				bio: []string{"负责学校安全教育工作，组织防溺水、交通安全、防欺凌等专题教育。"}},
			{name: "浮梁县公安局", town: county, titles: []string{"", "一级警长"}, posts: []string{"派出所所长", "法制大队教导员"},
				bio: []string{"从警三十余年，熟悉农村常见的电信诈骗、非法集资手法。"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"安全教育", "法治教育"},
		skills: []string{"校园安全", "防溺水教育", "交通安全", "防欺凌", "防范电信诈骗", "禁毒宣传", "法治教育"},
		retired: []string{
			"退休后加入报告团，常到学校和村里讲防诈骗、禁毒和交通安全。",
		},
		topics: []topic{
			{"擦亮眼睛，防范电信网络诈骗", "结合本地真实案例讲常见骗术。", aud(aEL, aPU, aFA), 60},
			{"平安校园：防溺水与交通安全", "暑假前的安全第一课。", aud(aPS, aMS), 45},
			{"珍爱生命，远离毒品", "认识毒品及新型毒品的伪装。", aud(aMS, aHS), 45},
		},
		audiences: []talent.Audience{aPS, aMS, aEL},
		homes:     []string{county},
	},
	{
		key: "ed.env",
		slots: []slot{
			{1, young, regs(rYT)},
			{1, senior, regs(rSL)},
		},
		female: 0.5,
		junior: []string{"助理工程师", "工程师"},
		senior: []string{"高级工程师"},
		orgs: []org{
			o("景德镇市浮梁生态环境局", county),
			{name: "浮梁县环境监测站", town: county, posts: []string{"", "站长"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"环境科学", "生态学"},
		skills: []string{"垃圾分类", "生态环境保护", "水污染防治", "环境监测", "碳达峰碳中和", "河长制", "农村生活污水"},
		bio: []string{
			"从事环境监测工作，熟悉昌江流域水质变化情况。",
			"负责农村生活垃圾分类和生活污水治理的技术指导。",
		},
		retired: []string{
			"退休后热心环保宣传，常带学生到昌江边做水质检测。",
		},
		topics: []topic{
			{"垃圾分类从我做起", "垃圾分几类、为什么分、怎么分。", aud(aPS, aPU), 40},
			{"守护昌江一江清水", "用简单的仪器测水质，认识河流生态。", aud(aMS, aPU), 60},
			{"什么是碳中和", "气候变化和每个人能做的事。", aud(aHS, aOF, aPU), 60},
		},
		audiences: []talent.Audience{aPS, aPU},
		homes:     []string{county},
	},
	{
		key: "ed.scihist",
		slots: []slot{
			{2, senior, regs(rSL)},
		},
		female: 0.3,
		orgs: []org{
			{name: "浮梁县教育体育局", town: county, titles: middleTeacher, posts: []string{"教研室主任", "督学"}},
			{name: "浮梁县第一中学", town: county, titles: middleTeacher, posts: []string{"校长", "副校长"}},
			{name: "浮梁县经公桥中学", town: "经公桥镇", titles: middleTeacher, posts: []string{"校长"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"科学教育", "教育管理"},
		skills: []string{"科学家精神", "科学家故事", "爱国主义教育", "科学方法", "家庭教育"},
		bio: []string{
			"从教四十年，重视学生科学素养培养。",
			"收集整理了数百位科学家的成长故事。",
		},
		retired: []string{
			"退休后以“讲科学家故事”为主题，在全县中小学开讲两百余场。",
		},
		topics: []topic{
			{"科学家的故事", "讲钱学森、袁隆平、屠呦呦等科学家的成长和科学精神。", aud(aPS, aMS, aHS), 60},
			{"做一个爱科学的好少年", "科学方法和好奇心。", aud(aPS), 40},
			{"家庭教育中的科学启蒙", "家长怎样保护孩子的好奇心。", aud(aPU), 60},
		},
		audiences: []talent.Audience{aPS, aMS, aPU},
		homes:     []string{county, "经公桥镇"},
	},
}

// Emergency: the teams the emergency management bureau calls at night.
var emergencyTemplates = []template{
	{
		key: "em.flood",
		slots: []slot{
			{4, mid, regs(rEE)},
			{1, young, regs(rEE, rYT)},
			{1, senior, regs(rEE, rSL)},
		},
		female: 0.15,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师", "正高级工程师", "工程师"},
		orgs: []org{
			{name: "浮梁县水利局", town: county, posts: []string{"", "防汛办副主任", "工程股股长"},
				bio: []string{"负责山洪灾害监测预警系统运行维护，熟悉各乡镇山洪危险区和转移路线。"}},
			{name: "浮梁县水利局", town: county, posts: []string{"", "水库管理股股长"},
				bio: []string{"熟悉全县中小型水库、山塘和圩堤情况，组织汛前安全检查。"}},
			{name: "景德镇市水文局浮梁水文站", town: county, posts: []string{"", "站长"},
				bio: []string{"擅长水文情势分析和洪水预报，为防汛会商提供技术支撑。"}},
			{name: "浮梁县应急管理局", town: county, posts: []string{"", "防汛抗旱股股长"}},
			{name: "浮梁县东河水库管理站", town: "蛟潭镇", posts: []string{"", "站长"},
				bio: []string{"常年驻守水库，负责大坝安全监测和汛期调度。"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"水利工程", "水文水资源", "防灾减灾"},
		skills: []string{"防汛抗旱", "水库安全", "山洪灾害防御", "堤防险情处置", "管涌", "水文预报", "洪水调度",
			"小型水库巡查", "防汛预案", "圩堤", "河道治理", "避险转移"},
		bio: []string{
			"O|从事水利工程建设与管理二十余年，经历过多次大洪水。",
			"在2020年昌江流域洪水中驻守一线，参与处置多处堤防管涌、渗漏险情。",
			"多次为乡镇干部和水库巡查员讲授防汛知识和险情识别。",
		},
		retired: []string{
			"退休后仍是县防汛专家组成员，汛期随叫随到。",
		},
		topics: []topic{
			{"山洪来了怎么办", "山洪的前兆、预警信号和避险转移。", aud(aFA, aPU, aMS), 45},
			{"小型水库安全巡查要点", "巡查员怎样发现渗漏、裂缝和管涌。", aud(aOF, aFA), 60},
		},
		categories: cats(talent.Flood, talent.Geological),
		audiences:  []talent.Audience{aOF, aFA},
		homes:      []string{county, county, "蛟潭镇"},
	},
	{
		key: "em.geo",
		slots: []slot{
			{3, mid, regs(rEE)},
			{1, young, regs(rEE)},
			{1, senior, regs(rEE, rSL)},
		},
		female: 0.2,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师", "正高级工程师"},
		orgs: []org{
			{name: "浮梁县自然资源局", town: county, posts: []string{"", "地质灾害防治股股长"},
				bio: []string{"负责全县地质灾害隐患点台账管理和汛期巡查排查。"}},
			{name: "江西省地质局赣东北地质大队", town: "-", posts: []string{"", "项目负责人", "地质环境室主任"}},
			{name: "景德镇市地质环境监测站", town: "-", posts: []string{"", "监测科科长"},
				bio: []string{"负责景德镇市地质灾害专业监测设备的运行和数据分析。"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"地质工程", "岩土工程", "水文地质"},
		skills: []string{"地质灾害防治", "滑坡", "崩塌", "泥石流", "地质灾害隐患排查", "群测群防", "边坡稳定",
			"地灾应急调查", "监测预警", "裂缝监测", "切坡建房"},
		bio: []string{
			"长期从事地质灾害调查评价与防治工作，参与全县地质灾害隐患点排查和“一点一策”编制。",
			"汛期经常带队开展地质灾害应急调查，对滑坡、崩塌的前兆识别和险情研判经验丰富。",
			"培训乡村地质灾害群测群防员，讲解地面裂缝、房屋开裂、泉水变浑等异常现象的观察方法。",
			"擅长边坡稳定性分析和治理工程设计。",
			"针对山区农村切坡建房多的情况，开展房前屋后高陡边坡风险排查。",
		},
		retired: []string{
			"退休后仍受聘为县地质灾害防治技术顾问。",
		},
		topics: []topic{
			{"地质灾害的识别与避险", "滑坡、崩塌、泥石流的前兆和避险方法。", aud(aFA, aPU, aOF), 60},
		},
		categories: cats(talent.Geological, talent.Earthquake),
		audiences:  []talent.Audience{aFA, aOF},
		homes:      []string{county},
	},
	{
		key: "em.forestfire",
		slots: []slot{
			{3, mid, regs(rEE)},
			{1, young, regs(rEE)},
		},
		female: 0.05,
		junior: []string{"助理工程师", ""},
		senior: []string{"林业工程师", "高级工程师", ""},
		orgs: []org{
			{name: "浮梁县林业局", town: county, posts: []string{"", "森林防火办主任"}},
			{name: "浮梁县森林消防专业队", town: county, posts: []string{"队长", "副队长", "", "班长"},
				bio: []string{"带领专业扑火队常年驻防，参加过县内外多起森林火灾扑救。"}},
			{name: "浮梁县应急管理局", town: county, posts: []string{"", "火灾防治股股长"}},
			{name: "{town}林业工作站", posts: []string{"", "站长"},
				bio: []string{"负责{town}林区护林员管理和野外火源巡查。"}},
		},
		edu:    []string{"大专", "大学本科"},
		fields: []string{"森林防火", "林学"},
		skills: []string{"森林防火", "森林火灾扑救", "林火监测", "防火隔离带", "野外用火管理", "扑火安全", "以水灭火", "火场指挥", "祭祀用火"},
		bio: []string{
			"O|从事森林防火工作二十年，熟悉全县林区地形和重点防火区域。",
			"多次参加森林火灾扑救，擅长火场态势研判和扑火队员安全管理。",
			"推动林区“以水灭火”装备和视频监控系统建设。",
			"每逢清明和秋冬防火期，深入村组宣讲野外用火安全。",
		},
		topics: []topic{
			{"森林防火，人人有责", "野外用火规定、山火报警和避险。", aud(aFA, aPS, aMS, aPU), 45},
		},
		categories: cats(talent.ForestFire),
		audiences:  []talent.Audience{aFA, aPU},
		homes:      append([]string{county, county}, mountainTowns...),
	},
	{
		key: "em.fire",
		slots: []slot{
			{4, mid, regs(rEE)},
			{1, young, regs(rEE, rYT)},
		},
		female: 0.15,
		junior: []string{"助理工程师", "工程师"},
		senior: []string{"工程师", "高级工程师"},
		orgs: []org{
			{name: "浮梁县消防救援大队", town: county, posts: []string{"", "防火监督员", "宣传科科长"},
				bio: []string{"从事消防监督检查工作，熟悉学校、养老院、人员密集场所的消防安全管理。"}},
			{name: "浮梁县消防救援大队", town: county, posts: []string{"", "消防站站长", "指挥员"},
				bio: []string{"长期在一线参加火灾扑救和抢险救援。"}},
			{name: "浮梁县应急管理局", town: county, posts: []string{"", "消防安全协调股干部"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"消防工程", "安全工程"},
		skills: []string{"火灾扑救", "消防安全检查", "火灾逃生", "电动自行车火灾预防", "灭火器使用", "人员密集场所消防",
			"消防宣传", "家庭用火用电安全", "电气火灾", "消防应急预案"},
		bio: []string{
			"常年开展“消防进校园”“消防进农村”宣传，教群众正确使用灭火器、科学逃生自救。",
			"针对电动自行车入户充电引发火灾多发的情况，开展专题宣传和隐患排查。",
			"参与多起火灾事故调查。",
		},
		topics: []topic{
			{"火场逃生自救", "遇到火灾怎么报警、怎么逃生、湿毛巾怎么用。", aud(aPS, aMS, aPU, aEL), 45},
			{"灭火器的正确使用", "现场实操灭火器和消防栓。", aud(aES, aPU), 40},
		},
		categories: cats(talent.Fire, talent.ProductionSafety),
		audiences:  []talent.Audience{aPS, aMS, aES, aPU},
		homes:      []string{county},
	},
	{
		key: "em.food",
		slots: []slot{
			{3, mid, regs(rEE)},
			{1, young, regs(rEE)},
		},
		female: 0.5,
		junior: []string{"助理工程师", "检验师"},
		senior: []string{"高级工程师", "主管检验师", "工程师"},
		orgs: []org{
			{name: "浮梁县市场监督管理局", town: county, titles: []string{"", "工程师"}, posts: []string{"食品安全监管股股长", "市场监管所所长", "食品安全协调股干部"},
				bio: []string{"长期从事食品安全监管，熟悉学校食堂、农村集体聚餐等重点环节的风险防控。"}},
			{name: "浮梁县食品药品检验检测中心", town: county, posts: []string{"", "检验室主任"},
				bio: []string{"负责食品安全抽检监测和快检室运行。"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"食品科学", "食品质量与安全"},
		skills: []string{"食品安全监管", "食物中毒处置", "校园食品安全", "毒蘑菇识别", "食品抽检", "餐饮服务规范",
			"农村集体聚餐", "食品添加剂", "快速检测", "保健食品虚假宣传"},
		bio: []string{
			"参与处置多起食物中毒事件，擅长现场采样和溯源调查。",
			"每年夏秋季在山区乡镇开展“不采、不买、不卖、不吃野生菌”宣传。",
		},
		topics: []topic{
			{"野生菌不要随便吃", "常见毒蘑菇和误食后的处置。", aud(aFA, aPU), 40},
			{"校园食品安全", "食堂管理和学生饮食卫生。", aud(aPS, aMS, aPU), 45},
			{"识破保健食品骗局", "会销、免费体检背后的套路。", aud(aEL), 45},
		},
		categories: cats(talent.FoodSafety),
		audiences:  []talent.Audience{aPU, aEL},
		homes:      []string{county},
	},
	{
		key: "em.chem",
		slots: []slot{
			{2, mid, regs(rEE)},
			{1, young, regs(rEE)},
		},
		female: 0.15,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师", "工程师"},
		orgs: []org{
			{name: "浮梁县应急管理局", town: county, posts: []string{"", "危险化学品安全监督管理股股长"}},
			{name: "浮梁县赣东化工有限公司", town: "洪源镇", posts: []string{"", "安全总监", "安环部经理"},
				bio: []string{"负责企业重大危险源监控和安全管理，组织企业应急演练。"}},
			{name: "景德镇市应急救援支队", town: "-", posts: []string{"", "危化品处置分队队长"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"化学工程", "安全工程"},
		skills: []string{"危险化学品", "泄漏处置", "化工安全", "重大危险源", "气体检测", "个体防护", "燃气安全", "液化石油气", "应急演练"},
		bio: []string{
			"化工工艺专业出身，从事危险化学品安全管理工作。",
			"熟悉液化石油气、天然气、氯气、硫酸等常见危化品的泄漏应急处置和个体防护。",
			"参与编制县危险化学品事故应急预案，组织多次实战演练。",
			"对陶瓷企业燃气窑炉、液化气站的燃气安全隐患排查经验丰富。",
		},
		categories: cats(talent.Chemical, talent.ProductionSafety),
		audiences:  []talent.Audience{aES, aOF},
		homes:      []string{county, "洪源镇"},
	},
	{
		key: "em.prodsafety",
		slots: []slot{
			{2, mid, regs(rEE)},
			{1, young, regs(rEE)},
		},
		female: 0.2,
		junior: []string{"助理工程师", "工程师"},
		senior: []string{"高级工程师", "工程师"},
		orgs: []org{
			{name: "浮梁县应急管理局", town: county, posts: []string{"", "安全生产执法大队副大队长", "安全生产基础股股长"},
				bio: []string{"注册安全工程师，长期从事工贸企业安全生产监管和隐患排查。"}},
			{name: "浮梁县工业园区管委会", town: county, posts: []string{"", "安全环保部部长"}},
			{name: "浮梁县市场监督管理局", town: county, posts: []string{"", "特种设备安全监察股股长"},
				bio: []string{"负责锅炉、压力容器、电梯等特种设备的安全监察。"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"安全工程", "机械工程"},
		skills: []string{"安全生产", "隐患排查治理", "粉尘防爆", "有限空间作业", "特种设备", "安全生产标准化", "应急预案",
			"事故调查", "职业健康", "建筑施工安全"},
		bio: []string{
			"熟悉陶瓷、茶叶加工等行业的粉尘、燃气窑炉和有限空间作业风险。",
			"参与编制县级生产安全事故应急预案，多次参加事故调查。",
		},
		topics: []topic{
			{"企业安全生产主体责任", "讲安全生产法和企业常见隐患。", aud(aES, aOF), 90},
		},
		categories: cats(talent.ProductionSafety, talent.Chemical),
		audiences:  []talent.Audience{aES, aOF},
		homes:      []string{county},
	},
	{
		key: "em.weather",
		slots: []slot{
			{2, mid, regs(rEE)},
			{1, young, regs(rEE, rYT)},
			{1, senior, regs(rEE, rSL)},
		},
		female: 0.35,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师", "正研级高级工程师", "工程师"},
		orgs: []org{
			{name: "浮梁县气象局", town: county, posts: []string{"", "首席预报员", "副局长"},
				bio: []string{"开展茶叶气象服务，发布春茶开采期和倒春寒冻害风险预报。"}},
			{name: "浮梁县气象局", town: county, posts: []string{"", "防雷中心主任"},
				bio: []string{"负责全县防雷安全监管和防雷装置检测。"}},
			{name: "景德镇市气象台", town: "-", posts: []string{"", "预报员"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"大气科学", "气象学"},
		skills: []string{"天气预报", "暴雨预警", "雷电防护", "强对流天气", "农业气象", "冰冻雨雪", "高温干旱",
			"气象灾害风险评估", "人工影响天气", "茶叶气象服务", "防雷检测"},
		bio: []string{
			"擅长暴雨、强对流等灾害性天气的短时临近预报预警。",
			"多次到学校讲解雷电、暴雨等天气现象和自我防护。",
			"负责人工增雨作业和干旱期的抗旱气象服务。",
		},
		retired: []string{
			"退休后仍热心气象科普，常带孩子们参观气象观测场。",
		},
		topics: []topic{
			{"雷电来了怎么办", "雷电的形成、危害和室内外防雷常识。", aud(aPS, aMS, aPU), 40},
			{"天气预报是怎么做出来的", "从观测、卫星云图到数值预报。", aud(aPS, aMS), 45},
			{"气象灾害预警信号解读", "暴雨、寒潮、高温预警信号分几级、怎么应对。", aud(aOF, aPU, aFA), 45},
		},
		categories: cats(talent.Meteorological, talent.Flood),
		audiences:  []talent.Audience{aPU, aOF, aFA},
		homes:      []string{county},
	},
	{
		key: "em.quake",
		slots: []slot{
			{2, mid, regs(rEE)},
		},
		female: 0.3,
		senior: []string{"工程师", "高级工程师"},
		orgs: []org{
			{name: "浮梁县应急管理局", town: county, posts: []string{"", "防震减灾股股长"},
				bio: []string{"负责全县防震减灾宣传和地震监测设施运维。"}},
			{name: "景德镇市防震减灾中心", town: "-", posts: []string{"", "监测预报科科长"}},
			{name: "浮梁县住房和城乡建设局", town: county, posts: []string{"", "村镇建设股股长"},
				bio: []string{"熟悉农村民居抗震设防要求，参与农村危房排查和房屋安全鉴定。"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"地球物理学", "防灾减灾", "土木工程"},
		skills: []string{"防震减灾", "地震应急避险", "地震监测", "建筑抗震", "应急疏散演练", "农村民居抗震", "房屋安全鉴定"},
		bio: []string{
			"每年组织中小学开展地震应急疏散演练。",
		},
		topics: []topic{
			{"地震来了怎么办", "室内、室外避震要点和疏散演练。", aud(aPS, aMS, aPU), 40},
		},
		categories: cats(talent.Earthquake, talent.Geological),
		audiences:  []talent.Audience{aPS, aMS, aPU},
		homes:      []string{county},
	},
	{
		key: "em.rescue",
		slots: []slot{
			{2, mid, regs(rEE)},
		},
		female: 0.1,
		senior: []string{""},
		orgs: []org{
			{name: "浮梁县应急救援志愿者协会", town: county, posts: []string{"队长", "副队长", "水上救援组组长"}},
		},
		edu:    []string{"高中", "大专"},
		fields: []string{"应急救援"},
		skills: []string{"水上救援", "山地搜救", "防溺水宣传", "绳索救援", "冲锋舟操作", "应急救护", "群众转移"},
		bio: []string{
			"带队参加过多次洪涝灾害群众转移和山地搜救，熟悉冲锋舟操作和水上救援。",
			"每年暑期开展防溺水宣传进校园、进村组，讲“六不”防溺水常识。",
			"持有红十字救护员证，组织队员常态化开展急救培训。",
		},
		topics: []topic{
			{"珍爱生命，预防溺水", "“六不”要求、危险水域识别和发现有人落水怎么办。", aud(aPS, aMS, aPU), 40},
		},
		categories: cats(talent.Flood, talent.ForestFire),
		audiences:  []talent.Audience{aPS, aMS, aPU},
		homes:      []string{county},
	},
	{
		key: "em.mgmt",
		slots: []slot{
			{2, mid, regs(rEE)},
		},
		female: 0.3,
		senior: []string{"", "工程师"},
		orgs: []org{
			{name: "浮梁县应急管理局", town: county, posts: []string{"副局长", "应急指挥中心主任", "综合减灾股股长"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"应急管理", "公共管理"},
		skills: []string{"应急管理", "应急预案", "应急演练", "自然灾害风险普查", "应急指挥", "避险转移", "基层应急能力建设"},
		bio: []string{
			"负责全县突发事件应急预案管理和应急演练组织。",
			"参与自然灾害综合风险普查，熟悉各乡镇灾害风险分布。",
			"在多次汛期和森林防火期承担应急值守和指挥协调工作。",
		},
		topics: []topic{
			{"领导干部应急管理能力提升", "突发事件的预警、响应和舆情应对。", aud(aOF), 90},
			{"家庭应急包怎么准备", "灾害来临前家里应准备什么。", aud(aPU, aFA), 40},
		},
		categories: cats(talent.Flood, talent.Geological, talent.ProductionSafety, talent.ForestFire),
		audiences:  []talent.Audience{aOF, aPU},
		homes:      []string{county},
	},
}

// catalogue is every template in generation order. The order is part of the
// frozen evaluation roster: append new templates at the end.
var catalogue = func() []template {
	var all []template
	for _, group := range [][]template{teaTemplates, industryTemplates, agriTemplates, healthTemplates, eduTemplates, emergencyTemplates} {
		all = append(all, group...)
	}
	return all
}()
