package demo

import "github.com/fuliang/talent/internal/talent"

// Enterprises grouped by industry, for envoys assigned to enterprises.
var (
	ceramicFirms = []string{"浮梁县玉青瓷业有限公司", "浮梁县瓷源陶瓷有限公司", "景德镇瓷谷先进陶瓷有限公司"}
	makerFirms   = []string{"浮梁县翔宇航空精密部件有限公司", "浮梁县瓷智科技有限公司", "浮梁县赣新复合材料有限公司", "浮梁县玉青瓷业有限公司"}
)

// Ceramics, general aviation, intelligent manufacturing, electronic
// information and new materials: the industries the county plan names.
var industryTemplates = []template{
	// ---- ceramics ----
	{
		key: "cer.art",
		slots: []slot{
			{5, young, regs(rYT)},
			{3, senior, regs(rSL)},
		},
		female: 0.45,
		junior: []string{"工艺美术师", "助理工艺美术师", "工艺美术师"},
		senior: []string{"高级工艺美术师", "正高级工艺美术师", "高级工艺美术师"},
		orgs: []org{
			{name: "景德镇陶瓷大学美术学院", town: "-", edu: []string{"硕士研究生", "博士研究生"}, titles: []string{"讲师", "副教授", "教授"}, posts: []string{"", "陶瓷艺术系教师"},
				bio: []string{"在陶瓷大学讲授陶瓷装饰和陶艺创作课程。"}},
			{name: "浮梁县瓷韵陶艺工作室", posts: []string{"", "负责人"},
				bio: []string{"创办陶艺工作室，常年接待中小学生研学和游客陶艺体验。"}},
			o("浮梁县陶瓷文化研究会", county),
			{name: "浮梁县文化馆", town: county, posts: []string{"", "美术干部"}},
			{name: "浮梁县玉青瓷业有限公司", town: "湘湖镇", posts: []string{"", "设计总监", "画面设计师"},
				bio: []string{"负责企业日用瓷的画面和器型设计，让老纹样登上新餐具。"}},
		},
		edu:    []string{"大学本科", "硕士研究生", "大专"},
		fields: []string{"陶瓷艺术", "工艺美术", "美术学", "艺术设计"},
		skills: []string{"青花", "粉彩", "釉上彩", "釉下彩", "陶瓷绘画", "手工拉坯", "陶艺创作", "颜色釉装饰", "青花分水",
			"雕塑瓷", "陶瓷装饰设计", "玲珑瓷", "陶艺教学", "陶瓷文创", "瓷板画"},
		persona: [][]string{
			{"师从景德镇青花名家，擅长传统青花山水和分水技法。", "作品以青花山水为主，笔墨浓淡相宜。"},
			{"长期从事粉彩、新彩等釉上装饰的创作与研究，画风清新雅致。"},
			{"专注雕塑瓷创作，作品以浮梁山水人物为题材。"},
			{"擅长把传统瓷器纹样转化为茶具、文具等文创产品。"},
		},
		bio: []string{
			"作品多次在全国陶瓷艺术设计创新评比中获奖，被多家博物馆收藏。",
			"热心陶瓷艺术进校园，在中小学开设陶艺兴趣课，教孩子们拉坯、捏塑和画瓷。",
		},
		retired: []string{
			"退休后仍笔耕不辍，常到学校和社区讲解青花瓷的欣赏与鉴别。",
		},
		honours: []string{"O|被授予“江西省工艺美术大师”称号。", "获景德镇国际陶瓷博览会金奖。", "入选景德镇市“瓷都工匠”。"},
		topics: []topic{
			{"小手捏泥巴：陶艺体验课", "带孩子们体验捏塑、拉坯和画瓷，感受泥土变成瓷器的神奇。", aud(aPS, aMS), 90},
			{"青花瓷的绘制与欣赏", "讲解青花料、分水和构图，示范青花绘制，教大家看懂一件青花瓷。", aud(aMS, aHS, aPU), 60},
			{"瓷上丹青：景德镇陶瓷装饰艺术", "梳理青花、粉彩、玲珑、颜色釉四大名瓷的装饰特点。", aud(aPU, aEL, aOF), 90},
		},
		audiences: []talent.Audience{aPS, aMS, aPU},
		homes:     ceramicTowns,
	},
	{
		key: "cer.artisan",
		slots: []slot{
			{2, mid, regs(rSE)},
			{1, senior, regs(rSL)},
		},
		female: 0.2,
		junior: []string{"技师"},
		senior: []string{"高级技师", "工艺美术师", ""},
		orgs: []org{
			{name: "浮梁县瓷源陶瓷有限公司", town: "洪源镇", posts: []string{"", "成型车间技术师傅"}},
			{name: "瑶里古窑手工制瓷作坊", town: "瑶里镇", posts: []string{"", "作坊主"}},
			{name: "浮梁县瓷韵陶艺工作室", posts: []string{"", "技术师傅"}},
		},
		edu:    []string{"初中", "高中", "中专"},
		fields: []string{"传统手工制瓷", "非物质文化遗产"},
		skills: []string{"手工制瓷技艺", "拉坯", "利坯", "施釉", "满窑", "柴窑烧成", "传统工艺", "非遗传承", "匣钵"},
		bio: []string{
			"O|十六岁学艺，从事手工拉坯、利坯三十余年，是景德镇手工制瓷技艺的传承人之一。",
			"熟悉传统柴窑满窑、看火技艺，能凭火色判断窑温。",
			"O|带徒数十人，坚持传统七十二道工序的手工制瓷流程。",
			"擅长大件器物的拉坯成型。",
		},
		retired: []string{
			"年事渐高后不再上窑，但常给孩子们演示拉坯，讲“做瓷的老规矩”。",
		},
		topics: []topic{
			{"七十二道工序：一只碗的诞生", "现场演示拉坯、利坯、施釉，讲传统手工制瓷的门道。", aud(aPS, aMS, aPU), 60},
		},
		audiences: []talent.Audience{aPS, aMS, aPU, aES},
		homes:     []string{"瑶里镇", "洪源镇", "湘湖镇"},
		logs: []string{
			"为{target}青年工人传授手工拉坯和利坯技艺",
			"指导{target}恢复传统柴窑烧制",
		},
		clients: ceramicFirms,
	},
	{
		key: "cer.glaze",
		slots: []slot{
			{2, mid, regs(rSE)},
			{2, young, regs(rYT)},
			{1, young, regs(rSE, rYT)},
		},
		female: 0.3,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师", "正高级工程师"},
		orgs: []org{
			{name: "景德镇陶瓷大学材料科学与工程学院", town: "-", edu: []string{"硕士研究生", "博士研究生"}, titles: []string{"讲师", "副教授", "教授"}, posts: []string{"", "硕士生导师"},
				bio: []string{
					"主持省级课题“高白度日用瓷低温快烧釉研究”。",
					"能借助X射线荧光、热分析等手段对原料和釉面进行检测分析，找准缺陷根源。",
				}},
			{name: "浮梁县玉青瓷业有限公司", town: "湘湖镇", posts: []string{"", "技术部经理", "总工程师"},
				bio: []string{"在企业一线负责配釉和施釉工艺，处理过大量起泡、针眼、色差等质量问题。"}},
			{name: "浮梁县瓷源陶瓷有限公司", town: "洪源镇", posts: []string{"", "技术部经理", "釉料车间主任"},
				bio: []string{"在企业一线负责配釉和施釉工艺，处理过大量起泡、针眼、色差等质量问题。"}},
			{name: "景德镇市陶瓷研究所", town: "-", posts: []string{"", "工艺研究室主任"},
				bio: []string{"从事陶瓷工艺试验和产品检测，为企业提供配方优化和缺陷分析服务。"}},
		},
		edu:    []string{"硕士研究生", "博士研究生", "大学本科"},
		fields: []string{"材料科学与工程", "硅酸盐工程", "无机非金属材料"},
		skills: []string{"釉料配方", "釉面缺陷分析", "针孔", "釉泡", "缩釉", "烧成制度", "色釉", "坯釉适应性",
			"陶瓷原料检测", "日用瓷生产工艺", "釉面质量控制", "开裂变形", "低温快烧", "化工原料"},
		bio: []string{
			"长期从事日用陶瓷坯釉配方和烧成工艺研究，对针孔、釉泡、缩釉、落渣等釉面缺陷的成因分析有丰富经验。",
			"为县内多家陶瓷企业诊断生产问题，通过调整釉料配方和升温曲线，使产品合格率明显提高。",
			"熟悉坯釉适应性、热膨胀匹配和釉面开裂的控制方法。",
		},
		honours: []string{"获中国轻工业联合会科学技术进步奖二等奖。", "O|授权发明专利五项。", "获景德镇市科技进步奖三等奖。"},
		topics: []topic{
			{"日用瓷常见釉面缺陷的成因与对策", "结合案例分析针孔、釉泡、缩釉、橘釉等缺陷，给出配方和烧成上的改进办法。", aud(aES), 120},
			{"一件瓷器的诞生：从泥土到釉彩", "用通俗的语言讲坯、釉、烧成的科学原理。", aud(aMS, aHS), 60},
		},
		audiences: []talent.Audience{aES},
		homes:     ceramicTowns,
		logs: []string{
			"到{target}诊断釉面针孔和起泡问题，建议调整釉浆细度和烧成升温速度",
			"为{target}技术人员讲授坯釉配方设计",
			"指导{target}建立原料进厂检验制度",
		},
		clients: ceramicFirms,
	},
	{
		key: "cer.kiln",
		slots: []slot{
			{1, mid, regs(rSE)},
			{1, young, regs(rYT)},
		},
		female: 0.1,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师"},
		orgs: []org{
			{name: "景德镇恒焰窑炉工程有限公司", town: "-", posts: []string{"", "技术总工", "调试工程师"},
				bio: []string{"参与设计梭式窑、辊道窑数十座，常年在各地陶瓷厂调试窑炉。"}},
			{name: "浮梁县玉青瓷业有限公司", town: "湘湖镇", posts: []string{"", "烧成车间主任"},
				bio: []string{"负责企业辊道窑和梭式窑的日常运行与维护。"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"热能工程", "硅酸盐工程", "窑炉工程"},
		skills: []string{"窑炉设计", "梭式窑", "隧道窑", "辊道窑", "燃气窑", "窑炉节能改造", "烧成温度曲线", "还原气氛控制", "窑炉安全", "余热利用"},
		bio: []string{
			"从事陶瓷窑炉设计与调试工作，熟悉各类窑炉的结构和烧成特点。",
			"擅长窑炉烧成曲线和气氛的调试，解决过烧成不均、色差、釉面起泡等问题。",
			"主持多家企业“煤改气”和窑炉余热利用节能改造。",
			"对传统柴窑和现代燃气窑的烧成特点都有研究。",
		},
		audiences: []talent.Audience{aES},
		homes:     []string{"湘湖镇", county},
		logs: []string{
			"为{target}调试梭式窑烧成曲线，改善窑内温差",
			"对{target}燃气窑炉开展安全和节能检查",
		},
		clients: ceramicFirms,
	},
	{
		key: "cer.kaolin",
		slots: []slot{
			{1, young, regs(rYT, rEE)}, // a working geologist, also on the geological-hazard team
			{1, senior, regs(rSL)},
		},
		female: 0.2,
		junior: []string{"工程师"},
		senior: []string{"高级工程师", "正高级工程师"},
		orgs: []org{
			{name: "江西省地质局赣东北地质大队", town: "-", posts: []string{"", "项目负责人", "总工程师"}},
			{name: "浮梁县自然资源局", town: county, posts: []string{"", "矿产股干部"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"地质学", "矿产普查与勘探", "矿物学"},
		skills: []string{"高岭土", "瓷石", "矿产勘查", "陶瓷原料", "矿物鉴定", "高岭土选矿", "地质调查", "岩石标本"},
		bio: []string{
			"从事高岭土、瓷石等陶瓷原料的地质勘查，足迹遍布浮梁及赣东北各地。",
			"能根据陶瓷企业需要评价原料成分和可塑性，指导原料选矿和配比。",
			"熟悉“高岭土”因浮梁高岭村而得名、走向世界的历史。",
		},
		retired: []string{
			"退休后致力于地质和陶瓷原料科普，常带学生认识岩石、矿物，讲高岭土的故事。",
		},
		emerg: []string{
			"汛期参与全县地质灾害隐患点巡查和应急调查。",
		},
		honours: []string{"获江西省国土资源科学技术奖三等奖。"},
		topics: []topic{
			{"高岭土：从浮梁走向世界的矿物", "讲高岭土的形成、用途和“高岭”之名的由来。", aud(aMS, aHS, aPU), 60},
			{"认识身边的岩石与矿物", "带着标本讲常见岩石和矿物的识别方法。", aud(aPS, aMS), 45},
		},
		categories: cats(talent.Geological),
		audiences:  []talent.Audience{aMS, aES},
		homes:      []string{"鹅湖镇", county},
	},
	{
		key: "cer.advanced",
		slots: []slot{
			{3, young, regs(rYT)},
		},
		female: 0.4,
		junior: []string{"工程师", "高级工程师"},
		orgs: []org{
			{name: "景德镇陶瓷大学材料科学与工程学院", town: "-", edu: []string{"硕士研究生", "博士研究生"}, titles: []string{"讲师", "副教授"},
				bio: []string{
					"博士毕业后回到景德镇，从事氧化锆、氮化硅等结构陶瓷的制备与应用研究。",
					"研究方向为陶瓷基复合材料及其在航空发动机热端部件中的应用。",
					"主持国家自然科学基金青年项目一项，授权发明专利多项。",
				}},
			{name: "景德镇瓷谷先进陶瓷有限公司", town: "洪源镇", posts: []string{"", "研发部经理"},
				bio: []string{
					"负责企业电子陶瓷基板的研发和中试，熟悉粉体制备、流延成型和烧结工艺。",
					"与高校合作开发陶瓷过滤膜，用于工业废水处理。",
				}},
		},
		edu:    []string{"博士研究生", "博士研究生", "硕士研究生"},
		fields: []string{"材料科学与工程", "先进陶瓷", "无机非金属材料"},
		skills: []string{"先进陶瓷", "结构陶瓷", "氧化锆陶瓷", "氮化硅", "碳化硅", "功能陶瓷", "电子陶瓷", "陶瓷膜",
			"陶瓷基复合材料", "粉体制备", "注射成型", "航空陶瓷部件"},
		bio: []string{
			"关注先进陶瓷在新能源、电子信息和航空领域的应用。",
			"常给中学生讲先进陶瓷和传统日用陶瓷的区别与联系，深入浅出。",
		},
		honours: []string{"入选江西省“双千计划”青年人才项目。", "获景德镇市青年科技奖。"},
		topics: []topic{
			{"不只是碗碟：神奇的先进陶瓷", "从手机、汽车讲到航空发动机，认识陶瓷家族里的“高科技成员”。", aud(aMS, aHS), 60},
		},
		audiences: []talent.Audience{aES, aHS},
		homes:     []string{county, "洪源镇"},
	},
	{
		key: "cer.3dprint",
		slots: []slot{
			{2, young, regs(rYT)},
		},
		female: 0.3,
		junior: []string{"工程师"},
		orgs: []org{
			{name: "景德镇陶瓷大学机械电子工程学院", town: "-", edu: []string{"硕士研究生", "博士研究生"}, titles: []string{"讲师"},
				bio: []string{"指导学生团队获全国大学生3D打印创新设计大赛一等奖。"}},
			{name: "景德镇智瓷三维科技有限公司", town: county, posts: []string{"", "技术负责人"},
				bio: []string{"帮助陶瓷企业用3D打印快速制作模具和样品，缩短新品开发周期。"}},
		},
		edu:    []string{"硕士研究生", "博士研究生"},
		fields: []string{"增材制造", "材料加工工程", "工业设计"},
		skills: []string{"陶瓷3D打印", "增材制造", "光固化成型", "三维建模", "数字化设计", "陶瓷浆料", "3D扫描", "逆向工程"},
		bio: []string{
			"从事陶瓷光固化3D打印技术研发，攻克了陶瓷浆料固含量低、烧结易开裂等难题。",
			"将三维扫描和数字建模引入古陶瓷修复与文创设计。",
		},
		topics: []topic{
			{"3D打印：把设计“打”成瓷器", "演示从三维建模到打印、烧成的全过程。", aud(aMS, aHS, aES), 60},
		},
		audiences: []talent.Audience{aHS, aES},
		homes:     []string{county},
	},
	{
		key: "cer.history",
		slots: []slot{
			{2, senior, regs(rSL)},
			{1, young, regs(rYT)},
		},
		female: 0.4,
		orgs: []org{
			{name: "浮梁县博物馆", town: county, titles: []string{"文博馆员", "副研究馆员", "研究馆员"}, posts: []string{"", "馆长", "保管部主任"},
				bio: []string{"负责馆藏古陶瓷的整理与展陈，策划“瓷之源”专题展览。"}},
			{name: "景德镇市陶瓷考古研究所", town: "-", edu: []string{"硕士研究生", "博士研究生"}, titles: []string{"助理研究员", "副研究员", "研究员"}, posts: []string{"", "副所长"},
				bio: []string{"参加过浮梁境内多处古窑址的调查与发掘，对唐宋以来浮梁制瓷史有深入研究。"}},
			{name: "浮梁县第一中学", town: county, titles: []string{"中学一级教师", "中学高级教师"}, posts: []string{"", "历史教研组长"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"考古学", "陶瓷史", "文物保护"},
		skills: []string{"陶瓷考古", "古窑址", "陶瓷史", "瑶里古窑", "古瓷鉴定", "文物保护", "浮梁县志", "地方文史"},
		bio: []string{
			"熟悉瑶里古窑遗址和传统水碓、龙窑的工作原理。",
			"O|参与编写《浮梁县志》陶瓷篇。",
			"研究浮梁与景德镇瓷业的渊源，撰写过多篇地方陶瓷史文章。",
		},
		retired: []string{
			"退休后编写乡土读本《瓷之源》，常年为中小学生讲家乡瓷业的历史。",
		},
		topics: []topic{
			{"瓷之源：浮梁与景德镇陶瓷的千年故事", "从“新平冶陶”讲到“瓷都”，讲浮梁在中国陶瓷史上的地位。", aud(aPS, aMS, aHS, aPU), 60},
			{"一块古瓷片里的历史", "通过古瓷片认识不同朝代瓷器的特点。", aud(aMS, aHS), 45},
			{"高岭与瑶里：寻访古代制瓷遗址", "带大家走进古矿坑、古窑址和水碓作坊。", aud(aHS, aPU), 90},
		},
		audiences: []talent.Audience{aMS, aPU},
		homes:     []string{county},
	},
	{
		key: "cer.factory",
		slots: []slot{
			{2, senior, regs(rSL)},
		},
		female: 0.15,
		senior: []string{"高级工程师", "教授级高级工程师"},
		orgs: []org{
			{name: "景德镇市某国营瓷厂", town: "-", posts: []string{"总工程师", "技术科科长", "副厂长"}},
		},
		edu:    []string{"大学本科", "大专"},
		fields: []string{"硅酸盐工程", "陶瓷工艺"},
		skills: []string{"日用瓷生产工艺", "釉料配方", "烧成", "质量管理", "陶瓷工业史", "建筑卫生陶瓷"},
		bio: []string{
			"在国营瓷厂工作三十余年，从配料工做到总工程师，经历了从煤窑、油窑到气窑的变迁。",
			"对原料、成型、施釉、烧成全流程都很熟悉，尤其擅长解决釉面和变形问题。",
		},
		retired: []string{
			"退休后受聘为多家民营瓷厂的技术顾问，也常到学校讲“十大瓷厂”的往事。",
		},
		topics: []topic{
			{"十大瓷厂的故事", "讲景德镇陶瓷工业的辉煌与转型。", aud(aPU, aEL, aHS), 90},
			{"陶瓷生产中的质量控制", "面向企业讲生产全流程的质量要点。", aud(aES), 120},
		},
		audiences: []talent.Audience{aES, aPU},
		homes:     []string{county, "湘湖镇"},
	},

	// ---- aviation ----
	{
		key: "av.heli",
		slots: []slot{
			{3, young, regs(rYT)},
			{3, senior, regs(rSL)},
		},
		female: 0.2,
		junior: []string{"工程师", "高级工程师", "工程师"},
		senior: []string{"研究员", "研究员级高级工程师", "高级工程师"},
		orgs: []org{
			{name: "某航空工业直升机研究所", town: "-", posts: []string{"", "", "总体设计室主任", "型号副总设计师"},
				bio: []string{
					"从事直升机旋翼系统设计，参与多个型号研制。",
					"研究方向为直升机空气动力学与飞行性能计算。",
					"熟悉直升机总装、试飞和适航取证流程。",
					"R|在直升机研究所工作近四十年，见证了我国直升机从仿制到自主研制的历程。",
				}},
			{name: "浮梁县翔宇航空精密部件有限公司", town: county, posts: []string{"", "质量部部长", "工艺工程师"},
				bio: []string{
					"负责航空结构件数控加工和质量检验，精通航空零部件无损检测。",
					"参与航空产业园配套企业的质量体系建设，帮助本地企业进入航空供应链。",
				}},
		},
		edu:    []string{"硕士研究生", "博士研究生", "大学本科"},
		fields: []string{"航空宇航科学与技术", "飞行器设计", "机械工程"},
		skills: []string{"直升机设计", "旋翼动力学", "飞行原理", "直升机总装", "飞行控制", "航空复合材料", "适航",
			"振动与噪声", "航空零部件制造", "无损检测", "空气动力学"},
		bio: []string{
			"W|业余时间热心航空科普，多次走进中小学讲飞机和直升机的知识。",
		},
		retired: []string{
			"退休后热心航空科普，常用纸飞机和旋翼模型给孩子们讲飞行原理。",
		},
		honours: []string{"O|获国防科学技术进步奖二等奖。", "获中国航空学会科学技术奖。", "被评为景德镇市“航空英才”。"},
		topics: []topic{
			{"飞机为什么能飞：从纸飞机说起", "用纸飞机、机翼模型和吹气小实验讲升力和伯努利原理。", aud(aPS, aMS), 45},
			{"直升机的秘密", "直升机怎样悬停、前飞和转弯，旋翼里藏着哪些科学。", aud(aPS, aMS, aHS), 60},
			{"中国航空工业发展史", "从新中国第一架飞机讲到国产大飞机和直升机。", aud(aHS, aPU, aOF), 90},
		},
		audiences: []talent.Audience{aMS, aHS, aES},
		homes:     []string{county, county, "洪源镇"},
	},
	{
		key: "av.drone",
		slots: []slot{
			{2, young, regs(rSE)},
			{1, mid, regs(rSE)},
			{1, young, regs(rSE, rYT)},
		},
		female: 0.1,
		junior: []string{"助理农艺师", "", "农艺师"},
		senior: []string{"农艺师", ""},
		orgs: []org{
			{name: "浮梁县绿野飞防植保专业合作社", town: "鹅湖镇", posts: []string{"", "理事长", "飞防队长"},
				bio: []string{"组建全县首支植保无人机服务队，为种粮大户提供病虫害统防统治服务。"}},
			{name: "浮梁县农业技术推广中心", town: county, posts: []string{"", "农机植保员"}},
			{name: "浮梁县翼展通用航空有限公司", town: county, posts: []string{"", "农林作业部飞手"},
				bio: []string{"负责公司农林航空作业业务，组织水稻、油茶林的无人机飞防。"}},
		},
		edu:    []string{"大专", "中专", "大学本科"},
		fields: []string{"农业工程", "植物保护", "航空植保"},
		skills: []string{"无人机植保", "飞防作业", "无人机操控", "病虫害统防统治", "农药喷施", "变量施肥", "无人机播种",
			"农用无人机维修", "航化作业", "无人机驾驶员培训"},
		bio: []string{
			"持有民航无人机驾驶员执照，年均开展水稻、茶园飞防作业数万亩次。",
			"熟悉不同作物飞防药剂的选择、稀释配比和安全间隔期。",
			"培训农村青年无人机飞手百余名。",
			"开展无人机撒播油菜籽、撒施颗粒肥试验，帮助种植户省工节本。",
		},
		honours: []string{"获江西省农业无人机植保技能竞赛二等奖。"},
		topics: []topic{
			{"植保无人机安全作业", "讲飞防作业前的检查、航线规划、药剂配比和安全防护。", aud(aFA), 90},
		},
		audiences: []talent.Audience{aFA},
		homes:     []string{"鹅湖镇", "王港乡", "寿安镇", county},
		logs: []string{
			"为{target}水稻开展无人机飞防作业，防治稻飞虱和稻纵卷叶螟",
			"在{target}开展植保无人机操作培训",
			"为{target}开展无人机统防统治示范",
		},
		coop: []string{"水稻", "粮食种植"},
	},
	{
		key: "av.model",
		slots: []slot{
			{2, young, regs(rYT)},
			{1, senior, regs(rSL)},
		},
		female: 0.25,
		orgs: []org{
			{name: "浮梁县第一中学", town: county, titles: []string{"中学二级教师", "中学一级教师", "中学高级教师"}, posts: []string{"", "物理教师", "科技辅导员"}},
			{name: "浮梁县青少年校外活动中心", town: county, titles: []string{"中学一级教师", "小学一级教师", "中学高级教师"}, posts: []string{"", "航模辅导员"}},
			{name: "浮梁县实验学校", town: county, titles: []string{"中学二级教师", "中学一级教师", "中学高级教师"}, posts: []string{"", "科学教师", "科技辅导员"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"科学教育", "航空科普", "物理"},
		skills: []string{"航模", "航空模型制作", "青少年航空科普", "无人机编程", "科技竞赛辅导", "纸飞机", "模型火箭", "橡筋动力飞机"},
		bio: []string{
			"组建学校航模社团，辅导学生在全国青少年航空航天模型锦标赛中获奖。",
			"擅长用自制教具讲解伯努利原理和飞行原理。",
			"带领学生开展无人机编程飞行和模型火箭发射活动。",
			"每年组织“航空科普周”，邀请航空企业工程师进校园。",
		},
		retired: []string{
			"M|退休后仍坚持义务辅导航模兴趣小组，孩子们都叫他“飞机爷爷”。",
			"F|退休后仍坚持义务辅导航模兴趣小组，孩子们都叫她“飞机奶奶”。",
		},
		topics: []topic{
			{"动手做一架会飞的橡筋动力飞机", "每人动手制作一架模型飞机，边做边学飞行原理。", aud(aPS, aMS), 90},
			{"无人机编程入门", "用图形化编程控制小型无人机完成飞行任务。", aud(aMS, aHS), 60},
			{"纸飞机里的大学问", "折出飞得最远的纸飞机，认识升力、阻力和重心。", aud(aPS), 40},
		},
		audiences: []talent.Audience{aPS, aMS},
		homes:     []string{county},
	},
	{
		key: "av.ga",
		slots: []slot{
			{1, young, regs(rYT, rEE)},
			{1, young, regs(rYT)},
		},
		female: 0.1,
		junior: []string{"工程师", "助理工程师"},
		orgs: []org{
			{name: "浮梁县翼展通用航空有限公司", town: county, posts: []string{"", "运行控制部副经理", "飞行员"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"交通运输（民航）", "通用航空"},
		skills: []string{"通用航空运营", "低空经济", "航空应急救援", "空域申请", "直升机航拍", "航空护林", "飞行培训", "通航机场运行"},
		bio: []string{
			"从事通航运营管理，熟悉低空飞行空域申请和通用机场运行保障。",
			"参与组织直升机航空护林巡查和吊桶灭火任务。",
			"负责公司航空应急救援、航拍测绘和空中游览等业务。",
		},
		emerg: []string{
			"森林防火期参与航空护林值守，熟悉直升机吊桶取水灭火的组织协调。",
		},
		categories: cats(talent.ForestFire),
		topics: []topic{
			{"低空经济与通用航空", "介绍通航的应用场景和县域发展低空经济的机会。", aud(aOF, aES, aPU), 60},
		},
		audiences: []talent.Audience{aES, aOF},
		homes:     []string{county},
	},

	// ---- intelligent manufacturing, electronic information, new materials ----
	{
		key: "mfg.smart",
		slots: []slot{
			{4, young, regs(rYT)},
			{1, mid, regs(rSE)},
		},
		female: 0.2,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师", "正高级工程师"},
		orgs: []org{
			{name: "景德镇学院机械电子工程学院", town: "-", edu: []string{"硕士研究生", "博士研究生"}, titles: []string{"讲师", "副教授"},
				bio: []string{"研究机器视觉缺陷检测，开发了瓷器表面瑕疵自动识别系统。"}},
			{name: "浮梁县职业技术学校", town: county, titles: []string{"助理讲师", "讲师", "高级讲师"}, posts: []string{"", "实训中心主任", "机电专业教师"},
				bio: []string{"在职业学校讲授数控和工业机器人课程，指导学生获省职业院校技能大赛一等奖。"}},
			{name: "浮梁县翔宇航空精密部件有限公司", town: county, posts: []string{"", "设备部经理"},
				bio: []string{"熟悉金属3D打印和精密数控加工，为航空零件加工解决复杂工艺难题。"}},
			{name: "浮梁县瓷智科技有限公司", town: county, posts: []string{"", "自动化部经理", "项目经理"},
				bio: []string{"指导陶瓷企业引入机器人施釉和自动检测线，减少了粉尘岗位用工。"}},
		},
		edu:    []string{"大学本科", "硕士研究生"},
		fields: []string{"机械工程", "控制科学与工程", "智能制造"},
		skills: []string{"工业机器人", "PLC编程", "数控加工", "智能产线", "MES系统", "工业互联网", "机器视觉", "自动化改造",
			"数字化车间", "金属3D打印", "设备运维"},
		bio: []string{
			"参与企业数字化车间建设，完成多条生产线的自动化和智能化改造。",
			"擅长工业机器人集成应用和PLC控制系统调试。",
		},
		honours: []string{"获江西省技术能手称号。", "获景德镇市科技进步二等奖。"},
		topics: []topic{
			{"走进智能工厂", "机器人、传感器和数据怎样让工厂“聪明”起来。", aud(aMS, aHS, aES), 60},
		},
		audiences: []talent.Audience{aES, aHS},
		homes:     []string{county, county, "洪源镇"},
		logs: []string{
			"为{target}诊断生产线自动化改造需求并提出方案",
			"到{target}培训设备操作人员PLC基础",
		},
		clients: makerFirms,
	},
	{
		key: "ei.it",
		slots: []slot{
			{5, young, regs(rYT)},
		},
		female: 0.3,
		junior: []string{"工程师", "助理工程师", "高级工程师"},
		orgs: []org{
			{name: "某通信运营商浮梁分公司", town: county, posts: []string{"", "网络部经理", "网络优化工程师"},
				bio: []string{"负责全县5G基站规划建设和网络优化，推动5G在工业园区的应用。"}},
			{name: "景德镇学院信息工程学院", town: "-", edu: []string{"硕士研究生", "博士研究生"}, titles: []string{"讲师", "副教授"},
				bio: []string{"研究方向为深度学习与计算机视觉，开发了茶树病虫害图像识别小程序。", "为中小学开设人工智能启蒙课，带学生体验语音识别和图像识别。"}},
			{name: "浮梁县数字化发展服务中心", town: county, posts: []string{"", "数据科科长"},
				bio: []string{"熟悉数字乡村和农村信息化建设，参与全县政务云平台建设。", "从事网络安全工作，为县内机关和企业开展网络安全和数据安全培训。"}},
			{name: "浮梁县瓷智科技有限公司", town: county, posts: []string{"", "物联网工程师"},
				bio: []string{"参与建设“智慧茶园”物联网监测平台，实时监测茶园温湿度、土壤墒情和虫情。"}},
		},
		edu:    []string{"大学本科", "硕士研究生", "博士研究生"},
		fields: []string{"电子信息", "通信工程", "计算机科学与技术", "人工智能"},
		skills: []string{"5G网络", "物联网", "传感器", "大数据", "人工智能", "机器学习", "智慧农业", "智慧茶园", "数字乡村",
			"网络安全", "云计算", "计算机视觉", "大模型应用", "嵌入式开发"},
		bio: []string{
			"探索大模型在政务服务和农技问答中的应用。",
			"关注信息技术在县域产业中的落地，常给企业和学校做科普讲座。",
		},
		honours: []string{"获江西省“互联网+”大学生创新创业大赛金奖（指导教师）。", "入选景德镇市青年科技人才托举计划。"},
		topics: []topic{
			{"人工智能离我们有多远", "从手机里的语音助手讲起，认识AI能做什么、不能做什么。", aud(aMS, aHS, aPU), 60},
			{"5G与物联网改变生活", "5G、物联网和智慧农业的通俗讲解。", aud(aHS, aPU, aOF), 60},
		},
		audiences: []talent.Audience{aES, aHS, aOF},
		homes:     []string{county},
	},
	{
		key: "mat.new",
		slots: []slot{
			{2, young, regs(rYT)},
			{1, mid, regs(rSE)},
		},
		female: 0.35,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师"},
		orgs: []org{
			{name: "浮梁县赣新复合材料有限公司", town: "三龙镇", posts: []string{"", "研发中心主任", "工艺工程师"},
				bio: []string{"从事碳纤维增强复合材料成型工艺研究，产品用于直升机舱门、整流罩等部件。"}},
			{name: "景德镇陶瓷大学材料科学与工程学院", town: "-", edu: []string{"硕士研究生", "博士研究生"}, titles: []string{"讲师", "副教授"},
				bio: []string{"研究锂离子电池正极材料，参与企业中试线建设。"}},
		},
		edu:    []string{"硕士研究生", "博士研究生"},
		fields: []string{"材料科学与工程", "高分子材料", "复合材料"},
		skills: []string{"碳纤维复合材料", "高分子材料", "锂电池材料", "石墨烯", "涂层材料", "材料检测", "新能源材料", "航空复合材料"},
		bio: []string{
			"负责新材料产品理化性能检测和质量体系建设。",
			"帮助园区企业解决复合材料固化变形、分层等工艺问题。",
		},
		topics: []topic{
			{"身边的新材料", "从碳纤维自行车到手机电池，认识改变生活的新材料。", aud(aMS, aHS), 45},
		},
		audiences: []talent.Audience{aES},
		homes:     []string{"三龙镇", county},
		logs: []string{
			"到{target}解决复合材料制品分层问题",
			"为{target}开展材料检测方法培训",
		},
		clients: makerFirms,
	},
	{
		key: "energy.power",
		slots: []slot{
			{1, young, regs(rYT)},
			{1, mid, regs(rSE)},
		},
		female: 0.2,
		junior: []string{"工程师", "助理工程师"},
		senior: []string{"高级工程师"},
		orgs: []org{
			{name: "浮梁县供电公司", town: county, posts: []string{"", "运检部主任", "供电所所长", "配电运维班班长"}},
		},
		edu:    []string{"大学本科"},
		fields: []string{"电气工程", "新能源"},
		skills: []string{"农村电网", "安全用电", "分布式光伏", "新能源", "配电运维", "电动汽车充电", "防触电", "节约用电"},
		bio: []string{
			"从事农村配电网运维，熟悉乡村线路和台区情况。",
			"推广屋顶分布式光伏，为农户讲解并网流程和收益测算。",
			"经常进村入户宣传安全用电，排查私拉乱接和老化线路隐患。",
		},
		topics: []topic{
			{"农村安全用电常识", "讲家庭用电、农用电器和防触电常识。", aud(aFA, aEL, aPU), 60},
			{"电从哪里来", "从发电厂、光伏板讲到家里的插座。", aud(aPS, aMS), 45},
		},
		audiences: []talent.Audience{aFA, aPU},
		homes:     []string{county, "蛟潭镇"},
		logs: []string{
			"到{target}开展安全用电宣传并检查村民家中线路",
			"为{target}讲解屋顶光伏并网流程",
		},
		coop: []string{"光伏", "水稻"},
	},
}
