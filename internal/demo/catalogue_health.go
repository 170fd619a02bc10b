package demo

import "github.com/fuliang/talent/internal/talent"

// Doctors' and nurses' titles.
var (
	doctorJunior = []string{"住院医师", "主治医师", "主治医师"}
	doctorSenior = []string{"副主任医师", "主任医师"}
	nurseTitles  = []string{"护师", "主管护师", "副主任护师"}
	countyHosp   = org{name: "浮梁县人民医院", town: county}
)

// Health: chronic disease, first aid, TCM, mental health, eyes, public
// health. Retired physicians make up much of the lecture group; county CDC
// and emergency doctors make up the public-health emergency team.
var healthTemplates = []template{
	{
		key: "hl.cardio",
		slots: []slot{
			{3, senior, regs(rSL)},
			{1, young, regs(rYT)},
			{1, late, regs(rSL)},
		},
		female: 0.35,
		junior: doctorJunior,
		senior: doctorSenior,
		orgs: []org{
			{name: "浮梁县人民医院", town: county, posts: []string{"", "心血管内科主任", "内科主任", "副院长"},
				bio: []string{"O|牵头成立县胸痛中心，推动急性心梗救治“绿色通道”建设。"}},
			{name: "景德镇市第一人民医院", town: "-", posts: []string{"", "心内科副主任"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"临床医学", "心血管内科", "内科学"},
		skills: []string{"高血压", "冠心病", "心力衰竭", "脑卒中预防", "心血管病", "血脂异常", "慢病管理", "心脏康复",
			"胸痛识别", "心律失常"},
		bio: []string{
			"从事心血管内科临床工作三十余年，擅长高血压、冠心病、心力衰竭的诊治。",
			"Y|心血管内科医生，擅长高血压和心律失常的诊治，热心基层义诊。",
			"常说“高血压不可怕，可怕的是不知道、不吃药、不控制”。",
			"O|长期参与基层医生培训，帮助乡镇卫生院规范高血压、高血脂的诊治。",
		},
		retired: []string{
			"退休后坚持到乡镇、社区义诊，讲高血压防治知识，教老人正确测血压、规律服药。",
			"退休后被聘为县老年大学健康讲座主讲，讲课风趣，常座无虚席。",
		},
		honours: []string{"O|被评为江西省基层名医。", "获景德镇市“最美医生”称号。"},
		topics: []topic{
			{"管好血压，远离中风", "高血压的危害、测量方法、用药误区和生活方式干预。", aud(aEL, aPU, aFA), 60},
			{"吃出来的心脏病：低盐饮食从我做起", "讲盐、油、糖与心血管病的关系。", aud(aEL, aPU), 45},
			{"胸痛不能忍：识别心梗的信号", "认识心梗早期症状，第一时间拨打120。", aud(aPU, aEL, aES), 45},
		},
		audiences: []talent.Audience{aEL, aPU},
		homes:     []string{county},
	},
	{
		key: "hl.diabetes",
		slots: []slot{
			{1, senior, regs(rSL)},
			{1, young, regs(rYT)},
			{1, late, regs(rSL)},
		},
		female: 0.6,
		junior: doctorJunior,
		senior: doctorSenior,
		orgs: []org{
			{name: "浮梁县人民医院", town: county, posts: []string{"", "内分泌科主任"},
				bio: []string{"创办医院“糖友俱乐部”，定期组织患者交流控糖经验。"}},
			{name: "浮梁县中医院", town: county, posts: []string{"", "内科副主任"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"内分泌学", "临床医学"},
		skills: []string{"糖尿病", "血糖管理", "胰岛素使用", "糖尿病饮食", "甲状腺疾病", "肥胖", "糖尿病足", "慢病健康管理"},
		bio: []string{
			"擅长糖尿病及其并发症的规范化诊疗和胰岛素治疗。",
			"在乡镇开展糖尿病患者“一对一”饮食指导，教会患者自我监测血糖。",
		},
		retired: []string{
			"退休后仍坚持每月到社区讲一次控糖课。",
		},
		topics: []topic{
			{"糖尿病饮食怎么吃", "主食怎么选、水果能不能吃、怎样吃饱又控糖。", aud(aEL, aPU), 60},
			{"控糖从管住嘴、迈开腿开始", "糖尿病的预防和早期发现。", aud(aPU, aES), 45},
		},
		audiences: []talent.Audience{aEL, aPU},
		homes:     []string{county},
	},
	{
		key: "hl.gp",
		slots: []slot{
			{6, young, regs(rYT)},
			{2, mid, regs(rEE)},
		},
		female: 0.5,
		junior: []string{"全科主治医师", "主治医师", "全科医师", "执业医师"},
		senior: []string{"副主任医师", "全科副主任医师", "主治医师"},
		orgs: []org{
			{name: "{town}卫生院", posts: []string{"", "", "家庭医生团队长", "公卫科主任", "院长"}},
			{name: "{town}中心卫生院", posts: []string{"", "家庭医生团队长", "副院长"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"全科医学", "临床医学", "公共卫生"},
		skills: []string{"家庭医生签约", "慢病随访", "高血压管理", "糖尿病管理", "常见病诊治", "老年人健康体检", "基本公共卫生服务",
			"中医适宜技术", "妇幼保健", "健康教育"},
		bio: []string{
			"扎根乡镇卫生院，负责家庭医生签约服务，管理辖区高血压、糖尿病患者数百人。",
			"每年组织辖区65岁以上老年人健康体检和慢病随访。",
			"擅长常见病、多发病诊治，会用针灸、拔罐等中医适宜技术。",
			"经常进村入户开展健康教育，讲合理用药和慢病自我管理。",
			"Y|定向医学生毕业后回到家乡工作，熟悉村里每一户的健康情况。",
		},
		emerg: []string{
			"参与乡镇突发公共卫生事件的现场处置和灾后防病工作。",
		},
		honours: []string{"被评为景德镇市优秀家庭医生。", "获“最美乡村医生”称号。"},
		topics: []topic{
			{"慢病自我管理小课堂", "高血压、糖尿病患者在家里怎样测、怎样吃、怎样动。", aud(aEL, aFA), 45},
		},
		categories: cats(talent.PublicHealth),
		audiences:  []talent.Audience{aEL, aFA},
		homes:      []string{"鹅湖镇", "经公桥镇", "江村乡", "瑶里镇", "蛟潭镇", "寿安镇", "三龙镇", "峙滩镇", "勒功乡", "黄坛乡"},
	},
	{
		key: "hl.elderly",
		slots: []slot{
			{2, senior, regs(rSL)},
			{1, young, regs(rYT)},
		},
		female: 0.6,
		junior: doctorJunior,
		senior: doctorSenior,
		orgs: []org{
			{name: "浮梁县人民医院", town: county, posts: []string{"", "老年病科主任"}},
			{name: "浮梁县人民医院", town: county, titles: nurseTitles, posts: []string{"", "护理部主任"},
				bio: []string{"从事临床护理工作，擅长老年患者的康复护理和家庭照护指导。"}},
			{name: "浮梁县社会福利中心", town: county, titles: nurseTitles, posts: []string{"", "医养结合部负责人"},
				bio: []string{"负责医养结合服务，培训养老护理员。"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"老年医学", "护理学", "康复医学"},
		skills: []string{"老年医学", "老年慢病", "骨质疏松", "防跌倒", "阿尔茨海默病", "老年营养", "康复护理", "失能照护",
			"老年人合理用药", "睡眠障碍"},
		bio: []string{
			"长期关注老年人跌倒、骨质疏松、认知障碍等问题。",
			"擅长指导失能、半失能老人的家庭照护和康复训练。",
		},
		retired: []string{
			"退休后在老年大学和社区开设健康讲座，内容通俗易懂，深受老年朋友欢迎。",
		},
		topics: []topic{
			{"老年人防跌倒", "跌倒的原因、居家环境改造和平衡训练。", aud(aEL), 45},
			{"记性变差是病吗：认识阿尔茨海默病", "早期信号、就医和家庭照护。", aud(aEL, aPU), 60},
			{"骨质疏松早预防", "补钙、晒太阳、适量运动。", aud(aEL, aPU), 45},
		},
		audiences: []talent.Audience{aEL},
		homes:     []string{county},
	},
	{
		key: "hl.firstaid",
		slots: []slot{
			{3, mid, regs(rEE)},
			{1, young, regs(rEE, rYT)},
			{1, young, regs(rYT)},
			{1, senior, regs(rSL, rEE)},
			{1, mid, regs(rEE)},
		},
		female: 0.45,
		junior: doctorJunior,
		senior: doctorSenior,
		orgs: []org{
			{name: "浮梁县人民医院", town: county, posts: []string{"", "急诊科主任", "急诊科副主任"},
				bio: []string{"参与过多起交通事故、溺水、中毒等突发事件的现场救治。"}},
			{name: "浮梁县人民医院", town: county, titles: nurseTitles, posts: []string{"", "急诊科护士长"},
				bio: []string{"急诊科护士，熟悉院前急救和急诊分诊流程。"}},
			{name: "浮梁县急救中心", town: county, posts: []string{"", "调度科科长"},
				bio: []string{"负责全县院前急救调度和120网络建设。"}},
			{name: "浮梁县红十字会", town: county, titles: []string{"", "主管护师"}, posts: []string{"应急救护培训师", "救护培训中心主任"},
				bio: []string{"负责全县群众性应急救护培训，组织“红十字救护员”持证培训。"}},
		},
		edu:    []string{"大学本科", "硕士研究生", "大专"},
		fields: []string{"急诊医学", "临床医学", "护理学"},
		skills: []string{"心肺复苏", "AED使用", "院前急救", "海姆立克急救法", "创伤止血包扎", "溺水急救", "中暑处置",
			"急诊医学", "灾难医学救援", "烧烫伤处理", "骨折固定", "中毒急救", "应急救护培训"},
		bio: []string{
			"是省红十字会认证的应急救护培训师资，常年在学校、企业、机关开展心肺复苏和AED使用培训。",
			"擅长用模拟人教学，让学员人人动手练习胸外按压和海姆立克急救法。",
			"参与县级突发事件紧急医学救援队建设，多次参加洪涝、山火等灾害的医疗保障。",
			"O|从事急诊急救工作二十年，处置过大量急危重症。",
		},
		retired: []string{
			"F|退休后仍活跃在急救科普一线，学生们都叫她“急救奶奶”。",
			"M|退休后仍活跃在急救科普一线，学生们都叫他“急救爷爷”。",
		},
		emerg: []string{
			"作为应急科普专家，参与处置过学校食物中毒、群体性中暑等突发事件的医疗救治。",
		},
		honours: []string{"被评为江西省红十字应急救护优秀培训师。", "获景德镇市“最美医务工作者”称号。"},
		topics: []topic{
			{"学会心肺复苏，关键时刻能救命", "理论讲解加模拟人实操：判断意识、胸外按压、人工呼吸、AED使用。", aud(aMS, aHS, aES, aPU), 90},
			{"防溺水与溺水急救", "讲溺水的预防、施救原则和溺水者的急救。", aud(aPS, aMS, aPU), 45},
			{"海姆立克急救法", "被食物卡住喉咙怎么办，大人小孩都要会。", aud(aPS, aPU, aEL), 40},
			{"常见意外伤害的现场处理", "止血、包扎、骨折固定和烫伤处理。", aud(aMS, aES, aPU), 60},
		},
		categories: cats(talent.PublicHealth, talent.Flood),
		audiences:  []talent.Audience{aPU, aES, aMS},
		homes:      []string{county},
	},
	{
		key: "hl.tcm",
		slots: []slot{
			{2, senior, regs(rSL)},
			{1, young, regs(rYT)},
			{1, late, regs(rSL)},
		},
		female: 0.4,
		junior: []string{"中医师", "主治中医师"},
		senior: []string{"主任中医师", "副主任中医师"},
		orgs: []org{
			{name: "浮梁县中医院", town: county, posts: []string{"", "针灸推拿科主任", "治未病中心主任"}},
			{name: "浮梁县中医院", town: county, posts: []string{""}},
			{name: "{town}卫生院中医馆", posts: []string{"", "负责人"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"中医学", "针灸推拿学", "中药学"},
		skills: []string{"中医养生", "针灸", "推拿", "中医体质辨识", "四季养生", "中药调理", "艾灸", "颈肩腰腿痛",
			"药膳食疗", "八段锦", "治未病"},
		bio: []string{
			"O|从事中医临床三十余年，擅长运用针灸推拿治疗颈肩腰腿痛。",
			"推广中医“治未病”理念，教群众根据体质选择饮食和运动。",
			"坚持带领社区居民练习八段锦、太极拳等传统养生功法。",
			"熟悉本地常用草药，能讲出山里常见中草药的性味和用法。",
		},
		retired: []string{
			"退休后在老年大学开设中医养生课，常被邀请到村里讲冬病夏治、四季养生。",
		},
		topics: []topic{
			{"四季养生话中医", "顺应四时的饮食起居和常见病预防。", aud(aEL, aPU), 60},
			{"八段锦教学", "现场教学八段锦，适合中老年人日常锻炼。", aud(aEL, aPU), 60},
			{"认识身边的中草药", "带孩子们认识校园和田野里的中草药。", aud(aPS, aMS), 45},
		},
		audiences: []talent.Audience{aEL, aPU},
		homes:     []string{county, "鹅湖镇", "寿安镇"},
	},
	{
		key: "hl.psych",
		slots: []slot{
			{2, young, regs(rYT)},
			{1, young, regs(rYT, rEE)},
			{1, senior, regs(rSL)},
		},
		female: 0.65,
		orgs: []org{
			{name: "浮梁县第一中学", town: county, titles: []string{"中学二级教师", "中学一级教师", "中学高级教师"}, posts: []string{"", "心理健康教师"},
				bio: []string{"国家二级心理咨询师，负责学校心理健康教育和心理咨询室工作。"}},
			{name: "浮梁县人民医院", town: county, titles: []string{"主治医师", "主管心理治疗师", "副主任医师", "主任医师"}, posts: []string{"", "心理门诊负责人"},
				bio: []string{"在医院开设心理门诊，诊治焦虑、抑郁和失眠等问题。"}},
			{name: "浮梁县教育体育局教研室", town: county, titles: []string{"中学一级教师", "中学高级教师"}, posts: []string{"", "心理健康教研员"},
				bio: []string{"负责全县中小学心理健康教育教研和心理教师培训。"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"心理学", "精神医学", "心理健康教育"},
		skills: []string{"心理健康", "青少年心理", "心理咨询", "考试焦虑", "抑郁症", "情绪管理", "亲子沟通", "心理危机干预",
			"留守儿童心理", "网络成瘾", "老年心理", "睡眠障碍"},
		bio: []string{
			"长期关注农村留守儿童的心理健康，开展团体心理辅导。",
			"擅长青少年抑郁、焦虑和考试压力的识别与干预。",
		},
		retired: []string{
			"退休后常到各校讲心理健康和家庭教育，也为老年人讲怎样过好退休生活。",
		},
		emerg: []string{
			"参与县心理危机干预队伍，在突发事件后为受灾群众和师生提供心理疏导。",
		},
		topics: []topic{
			{"阳光心态，快乐成长", "认识情绪、学会求助，做情绪的小主人。", aud(aPS, aMS), 45},
			{"考前减压与情绪调节", "面对中考、高考的压力调节方法。", aud(aMS, aHS), 45},
			{"读懂孩子的心：家长的亲子沟通课", "青春期孩子的心理特点和沟通技巧。", aud(aPU), 60},
		},
		categories: cats(talent.PublicHealth),
		audiences:  []talent.Audience{aMS, aHS, aPU},
		homes:      []string{county},
	},
	{
		key: "hl.eye",
		slots: []slot{
			{1, young, regs(rYT)},
			{1, senior, regs(rSL)},
		},
		female: 0.5,
		junior: doctorJunior,
		senior: doctorSenior,
		orgs: []org{
			{name: "浮梁县人民医院", town: county, posts: []string{"", "眼科主任"}},
			{name: "景德镇市第一人民医院", town: "-", posts: []string{"", "眼科副主任"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"眼科学", "临床医学"},
		skills: []string{"近视防控", "眼健康", "儿童弱视", "屈光矫正", "白内障", "青光眼", "视力筛查", "角膜塑形镜"},
		bio: []string{
			"擅长儿童青少年近视防控和弱视治疗。",
			"每年参与全县中小学生视力筛查，建立学生屈光发育档案。",
			"O|开展白内障复明手术，多次下乡为老年人义诊。",
		},
		retired: []string{
			"退休后常到学校讲用眼卫生，也为老年人讲白内障、青光眼的早发现早治疗。",
		},
		topics: []topic{
			{"保护眼睛，远离近视", "近视是怎么发生的，户外活动和正确读写姿势为什么重要。", aud(aPS, aMS), 45},
			{"老年常见眼病", "白内障、青光眼、黄斑变性的早期信号。", aud(aEL), 45},
		},
		audiences: []talent.Audience{aPS, aMS, aEL},
		homes:     []string{county},
	},
	{
		key: "hl.cdc",
		slots: []slot{
			{3, mid, regs(rEE)},
			{1, young, regs(rEE, rYT)},
			{1, senior, regs(rSL)},
		},
		female: 0.5,
		junior: []string{"医师", "主管医师"},
		senior: []string{"主任医师", "副主任医师", "主管医师"},
		orgs: []org{
			{name: "浮梁县疾病预防控制中心", town: county, posts: []string{"", "传染病防制科科长", "副主任", "免疫规划科科长"}},
			{name: "浮梁县疾病预防控制中心", town: county, posts: []string{"", "消毒与病媒生物防制科科长"},
				bio: []string{"负责病媒生物监测，组织开展灭蚊、灭鼠和登革热防控。"}},
			{name: "浮梁县卫生健康委员会", town: county, posts: []string{"", "疾控股股长"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"公共卫生", "流行病学", "预防医学"},
		skills: []string{"传染病防控", "流行病学调查", "预防接种", "疫苗", "流感", "诺如病毒", "手足口病", "狂犬病暴露处置",
			"结核病防治", "消毒", "学校卫生", "食源性疾病", "突发公共卫生事件处置", "病媒生物防制", "登革热"},
		bio: []string{
			"O|从事疾病预防控制工作二十余年，参与处置学校诺如病毒、流感聚集性疫情等多起突发公共卫生事件。",
			"负责全县预防接种规范化管理和接种人员技术培训。",
			"擅长现场流行病学调查和疫情风险评估。",
			"熟悉食源性疾病暴发的调查处置流程。",
			"长期在学校开展传染病防控和卫生习惯宣传教育。",
		},
		retired: []string{
			"退休后常到学校和村里讲传染病预防，讲话通俗，一听就懂。",
		},
		emerg: []string{
			"是县突发公共卫生事件应急处置专家组成员，熟悉灾后防疫和环境消杀。",
		},
		topics: []topic{
			{"秋冬季传染病预防", "流感、诺如、手足口病的传播和预防。", aud(aPS, aMS, aPU), 45},
			{"被猫狗咬伤怎么办", "伤口处理、狂犬疫苗接种和犬只管理。", aud(aPU, aFA), 40},
			{"洪涝灾后防病", "饮水、食品、环境卫生和肠道传染病预防。", aud(aFA, aPU, aOF), 45},
		},
		categories: cats(talent.PublicHealth, talent.FoodSafety),
		audiences:  []talent.Audience{aPU, aPS, aMS},
		homes:      []string{county},
	},
	{
		key: "hl.child",
		slots: []slot{
			{1, young, regs(rYT)},
			{1, senior, regs(rSL)},
		},
		female: 0.9,
		junior: doctorJunior,
		senior: doctorSenior,
		orgs: []org{
			{name: "浮梁县妇幼保健院", town: county, posts: []string{"", "儿童保健科主任"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"儿童保健", "营养学", "妇幼保健"},
		skills: []string{"儿童保健", "营养膳食", "儿童生长发育", "青春期健康教育", "学生营养", "肥胖干预", "母乳喂养", "孕产期保健"},
		bio: []string{
			"从事儿童保健工作，擅长儿童生长发育评估和营养指导。",
			"在中小学开展青春期健康教育，讲课亲切，学生愿意听、家长放心。",
			"参与农村学生营养改善计划的膳食指导。",
		},
		retired: []string{
			"退休后仍常受邀到学校为女生讲青春期卫生。",
		},
		topics: []topic{
			{"青春期那些事", "青春期身体和心理的变化，男生女生分别讲。", aud(aMS), 45},
			{"吃好三餐长高个", "儿童营养和合理膳食。", aud(aPS, aPU), 40},
		},
		audiences: []talent.Audience{aPS, aMS, aPU},
		homes:     []string{county},
	},
	{
		key: "hl.dental",
		slots: []slot{
			{1, young, regs(rYT)},
			{1, senior, regs(rSL)},
		},
		female: 0.5,
		junior: doctorJunior,
		senior: doctorSenior,
		orgs: []org{
			{name: "浮梁县人民医院", town: county, posts: []string{"", "口腔科主任"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"口腔医学"},
		skills: []string{"口腔健康", "儿童龋齿", "窝沟封闭", "刷牙方法", "牙周病", "老年义齿"},
		bio: []string{
			"从事口腔临床工作，参与全县适龄儿童窝沟封闭项目。",
			"常到幼儿园和小学教孩子们正确刷牙。",
		},
		topics: []topic{
			{"爱护牙齿从小做起", "龋齿是怎么来的，怎样正确刷牙。", aud(aPS), 40},
		},
		audiences: []talent.Audience{aPS, aEL},
		homes:     []string{county},
	},
	{
		key: "hl.women",
		slots: []slot{
			{1, late, regs(rSL)},
			{1, senior, regs(rSL)},
		},
		female: 1,
		senior: doctorSenior,
		orgs: []org{
			{name: "浮梁县妇幼保健院", town: county, posts: []string{"", "妇产科主任"}},
			{name: "浮梁县人民医院", town: county, posts: []string{"", "妇产科主任"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"妇产科学", "妇女保健"},
		skills: []string{"妇女保健", "两癌筛查", "宫颈癌预防", "乳腺癌筛查", "更年期保健", "孕产期保健"},
		bio: []string{
			"从事妇产科临床三十余年，长期参与农村妇女“两癌”免费筛查。",
			"擅长更年期保健和妇科常见病诊治。",
		},
		retired: []string{
			"退休后常到乡镇为妇女讲“两癌”防治和更年期保健。",
		},
		topics: []topic{
			{"关爱女性健康：“两癌”早筛查", "宫颈癌、乳腺癌的早期发现和HPV疫苗。", aud(aPU, aFA), 60},
		},
		audiences: []talent.Audience{aPU},
		homes:     []string{county},
	},
	{
		key: "hl.pharm",
		slots: []slot{
			{1, senior, regs(rSL)},
			{1, young, regs(rYT)},
		},
		female: 0.6,
		junior: []string{"药师", "主管药师"},
		senior: []string{"主任药师", "副主任药师"},
		orgs: []org{
			{name: "浮梁县人民医院药剂科", town: county, posts: []string{"", "药剂科主任"},
				bio: []string{"从事医院药学工作，擅长用药咨询和药物不良反应监测。"}},
			{name: "浮梁县市场监督管理局", town: county, posts: []string{"", "药品安全监管股干部"},
				bio: []string{"负责药品安全监管和药品不良反应监测。"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"药学", "临床药学"},
		skills: []string{"合理用药", "药品安全", "抗生素合理使用", "老年人用药", "保健品识别", "中药煎服", "家庭小药箱"},
		bio: []string{
			"常到社区讲合理用药，提醒老年人识破保健品骗局。",
		},
		topics: []topic{
			{"老年人用药安全与保健品陷阱", "多病共存怎么吃药，保健品不能代替药品。", aud(aEL, aPU), 60},
			{"家庭小药箱", "家里该备哪些药，过期药怎么处理。", aud(aPU, aEL), 45},
		},
		audiences: []talent.Audience{aEL, aPU},
		homes:     []string{county},
	},
}
