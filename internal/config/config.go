// Package config holds the settings shared by talentd and talentctl. Every
// setting is a flag with an environment twin (--data-dir / TALENT_DATA_DIR);
// a flag given on the command line wins over the environment.
package config

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
)

// Config is the full configuration.
type Config struct {
	Addr          string
	DataDir       string
	DatabaseURL   string
	MeiliURL      string
	MeiliKey      string
	IndexName     string
	Migrate       bool
	Demo          bool
	YouthAgeLimit int
	LogFormat     string // text or json
	LogLevel      string // debug, info, warn, error
	MaxBodyBytes  int64
	MaxDepth      int
	MaxComplexity int
	Timeout       time.Duration
	RateLimit     float64
	RateBurst     int
	Introspection bool
	CORSOrigins   string

	// Requests and dispatch.
	Worker         bool
	WorkerInterval time.Duration
	InvitationTTL  time.Duration
	CallOutTTL     time.Duration
	CallOutReachKm int
	AutoInvite     string
	SMTPAddr       string
	SMTPFrom       string
	SMTPUser       string
	SMTPPassword   string
	OfficeEmail    string

	envErrs []error // environment values that did not parse
}

// Setting describes one flag and its environment twin, for --help and the
// README's configuration table.
type Setting struct {
	Flag, Env, Default, Usage string
}

// Register defines the flags on fs, with defaults taken from the
// environment, and returns the settings in definition order.
func (c *Config) Register(fs *flag.FlagSet) []Setting {
	r := registrar{fs: fs, c: c}
	r.add(&c.Addr, "addr", "TALENT_ADDR", ":8080", "HTTP 监听地址")
	r.add(&c.DataDir, "data-dir", "TALENT_DATA_DIR", "./data", "数据目录（SQLite 数据库和内置搜索索引）")
	r.add(&c.DatabaseURL, "database-url", "TALENT_DATABASE_URL", "", "数据库：空为数据目录下的 SQLite；postgres://… 为 PostgreSQL")
	r.add(&c.MeiliURL, "meili-url", "TALENT_MEILI_URL", "", "Meilisearch 地址；空为内置搜索索引")
	r.add(&c.MeiliKey, "meili-key", "TALENT_MEILI_KEY", "", "Meilisearch 密钥")
	r.add(&c.IndexName, "index-name", "TALENT_INDEX_NAME", "experts", "搜索索引名（多套环境共用一个 Meilisearch 时区分）")
	r.add(&c.Migrate, "migrate", "TALENT_MIGRATE", true, "启动时自动执行数据库迁移")
	r.add(&c.Demo, "demo", "TALENT_DEMO", false, "启动时载入演示数据（虚构的256位专家、单位），已载入则跳过")
	r.add(&c.YouthAgeLimit, "youth-age-limit", "TALENT_YOUTH_AGE_LIMIT", 40, "青年人才入库年龄上限（周岁）")
	r.add(&c.LogFormat, "log-format", "TALENT_LOG_FORMAT", "text", "日志格式：text 或 json（生产环境）")
	r.add(&c.LogLevel, "log-level", "TALENT_LOG_LEVEL", "info", "日志级别：debug、info、warn、error")
	r.add(&c.MaxBodyBytes, "max-body-bytes", "TALENT_MAX_BODY_BYTES", int64(2<<20), "GraphQL 请求体上限（字节）；导入 1 MB 的 xlsx 经 base64 约 1.4 MB")
	r.add(&c.MaxDepth, "max-depth", "TALENT_MAX_DEPTH", 12, "GraphQL 查询最大嵌套层数")
	r.add(&c.MaxComplexity, "max-complexity", "TALENT_MAX_COMPLEXITY", 20000, "GraphQL 查询估算开销上限（每个字段计1，分页字段乘以 first）")
	r.add(&c.Timeout, "timeout", "TALENT_TIMEOUT", 30*time.Second, "单个请求的超时时间")
	r.add(&c.RateLimit, "rate-limit", "TALENT_RATE_LIMIT", 20.0, "每个令牌（未登录按 IP）每秒请求数上限；0 为不限")
	r.add(&c.RateBurst, "rate-burst", "TALENT_RATE_BURST", 40, "突发请求数上限")
	r.add(&c.Introspection, "introspection", "TALENT_INTROSPECTION", true, "允许 GraphQL 模式查询（introspection）")
	r.add(&c.CORSOrigins, "cors-origins", "TALENT_CORS_ORIGINS", "", "允许跨域调用的来源，逗号分隔（* 为任意）；空为不允许")
	r.add(&c.Worker, "worker", "TALENT_WORKER", true, "运行后台任务：索引同步、过期、提醒、通知发送、自动派单、同义词刷新（多副本可同时运行；关闭时本副本只处理请求）")
	r.add(&c.WorkerInterval, "worker-interval", "TALENT_WORKER_INTERVAL", 5*time.Second, "后台任务间隔")
	r.add(&c.InvitationTTL, "invitation-ttl", "TALENT_INVITATION_TTL", 48*time.Hour, "邀请回复期限")
	r.add(&c.CallOutTTL, "callout-ttl", "TALENT_CALLOUT_TTL", 30*time.Minute, "应急召集回复期限")
	r.add(&c.CallOutReachKm, "callout-reach-km", "TALENT_CALLOUT_REACH_KM", 40, "应急召集范围（公里）")
	r.add(&c.AutoInvite, "auto-invite", "TALENT_AUTO_INVITE", "", "自动邀请匹配前 N 位，如 SCHOOL=3,VILLAGE=2；空为人工派单")
	r.add(&c.SMTPAddr, "smtp-addr", "TALENT_SMTP_ADDR", "", "SMTP host:port；空则通知只写日志")
	r.add(&c.SMTPFrom, "smtp-from", "TALENT_SMTP_FROM", "", "发件人")
	r.add(&c.SMTPUser, "smtp-user", "TALENT_SMTP_USER", "", "SMTP 用户名")
	r.add(&c.SMTPPassword, "smtp-password", "TALENT_SMTP_PASSWORD", "", "SMTP 密码")
	r.add(&c.OfficeEmail, "office-email", "TALENT_OFFICE_EMAIL", "", "派单管理员邮箱")
	return r.settings
}

type registrar struct {
	fs       *flag.FlagSet
	c        *Config
	settings []Setting
}

// add defines one flag of the pointer's type; an environment value becomes
// the default, parsed exactly as the flag would parse it.
func (r *registrar) add(p any, name, env string, def any, usage string) {
	r.settings = append(r.settings, Setting{"--" + name, env, fmt.Sprint(def), usage})
	usage += "（环境变量 " + env + "）"
	switch p := p.(type) {
	case *string:
		r.fs.StringVar(p, name, def.(string), usage)
	case *bool:
		r.fs.BoolVar(p, name, def.(bool), usage)
	case *int:
		r.fs.IntVar(p, name, def.(int), usage)
	case *int64:
		r.fs.Int64Var(p, name, def.(int64), usage)
	case *float64:
		r.fs.Float64Var(p, name, def.(float64), usage)
	case *time.Duration:
		r.fs.DurationVar(p, name, def.(time.Duration), usage)
	default:
		panic(fmt.Sprintf("config: unsupported flag type %T", p))
	}
	if v, ok := os.LookupEnv(env); ok {
		if err := r.fs.Set(name, v); err != nil {
			r.c.envErrs = append(r.c.envErrs, fmt.Errorf("环境变量 %s=%q 无效：%v", env, v, err))
		}
	}
}

// Check validates the configuration after the flags are parsed.
func (c *Config) Check() error {
	errs := append([]error(nil), c.envErrs...)
	switch c.LogFormat {
	case "text", "json":
	default:
		errs = append(errs, fmt.Errorf("--log-format 只能是 text 或 json，不能是 %q", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("--log-level 只能是 debug、info、warn 或 error，不能是 %q", c.LogLevel))
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("--database-url 须以 postgres:// 开头（留空则使用数据目录下的 SQLite）"))
	}
	if c.YouthAgeLimit < 18 || c.YouthAgeLimit > 60 {
		errs = append(errs, errors.New("--youth-age-limit 应在18至60之间"))
	}
	if c.MaxDepth < 2 {
		errs = append(errs, errors.New("--max-depth 至少为2"))
	}
	if _, err := dispatch.ParseAutoInvite(c.AutoInvite); err != nil {
		errs = append(errs, err)
	}
	if c.SMTPAddr != "" && c.SMTPFrom == "" {
		errs = append(errs, errors.New("设置了 --smtp-addr 时须同时设置 --smtp-from"))
	}
	return errors.Join(errs...)
}

// Dispatch returns the dispatch settings.
func (c Config) Dispatch() dispatch.Config {
	auto, _ := dispatch.ParseAutoInvite(c.AutoInvite) // validated in Check
	return dispatch.Config{InvitationTTL: c.InvitationTTL, CallOutTTL: c.CallOutTTL,
		CallOutReachKm: float64(c.CallOutReachKm), AutoInvite: auto}.WithDefaults()
}
