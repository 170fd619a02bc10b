package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/talent"
)

func init() {
	var login, password, role, registries, name string
	var expertID, orgID int64
	register(&command{
		name: "user add", summary: "新建用户（首次使用时用它创建管理员）",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&login, "login", "", "登录名（必填）")
			fs.StringVar(&password, "password", "", "密码，至少8位；也可用环境变量 TALENT_NEW_PASSWORD")
			fs.StringVar(&role, "role", "", "角色：ADMIN、REGISTRY_OFFICER、DISPATCHER、EXPERT、REQUESTER、ORGANIZER")
			fs.StringVar(&registries, "registries", "", "人才库管理员所管理的人才库，逗号分隔，如 YOUTH_TALENT,SCIENCE_ENVOY")
			fs.StringVar(&name, "name", "", "显示名")
			fs.Int64Var(&expertID, "expert-id", 0, "专家账号关联的专家编号")
			fs.Int64Var(&orgID, "organization-id", 0, "需求单位账号关联的单位编号")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if password == "" {
				password = os.Getenv("TALENT_NEW_PASSWORD")
			}
			r, ok := talent.ParseEnum(talent.Roles, role)
			if !ok {
				return fmt.Errorf("--role 须为 ADMIN、REGISTRY_OFFICER、DISPATCHER、EXPERT、REQUESTER 或 ORGANIZER")
			}
			var regs []talent.Registry
			for _, s := range strings.Split(registries, ",") {
				if s = strings.TrimSpace(s); s == "" {
					continue
				}
				v, ok := talent.ParseEnum(talent.Registries, s)
				if !ok {
					return fmt.Errorf("人才库 %q 无效", s)
				}
				regs = append(regs, talent.Registry(v))
			}
			hash := ""
			if password != "" {
				h, err := auth.HashPassword(password)
				if err != nil {
					return err
				}
				hash = h
			}
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx = talent.WithActor(ctx, talent.Actor{Name: "talentctl"})
			u, err := st.CreateUser(ctx, &talent.User{Login: login, DisplayName: name, Role: talent.Role(r), Registries: regs,
				ExpertID: expertID, OrganizationID: orgID}, hash)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "已创建用户 %s（编号 %d，角色：%s）\n", u.Login, u.ID, talent.Label(talent.Roles, string(u.Role)))
			if hash == "" {
				fmt.Fprintln(e.stdout, "未设置密码：该用户只能使用 API 令牌（talentctl token create）。")
			}
			return nil
		},
	})
	var tokenLogin, tokenName string
	var ttl time.Duration
	register(&command{
		name: "token create", summary: "为用户创建 API 令牌（供脚本调用 GraphQL）",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&tokenLogin, "login", "", "用户登录名（必填）")
			fs.StringVar(&tokenName, "name", "script", "用途")
			fs.DurationVar(&ttl, "ttl", 30*24*time.Hour, "有效期，如 720h")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			c, err := st.UserCredentials(ctx, tokenLogin)
			if err != nil {
				return fmt.Errorf("用户 %q 不存在", tokenLogin)
			}
			ctx = talent.WithActor(ctx, talent.Actor{Name: "talentctl"})
			token, t, err := auth.New(st).CreateAPIToken(ctx, c.User.ID, tokenName, ttl)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "令牌编号 %s，%s 到期。令牌只显示这一次：\n", strconv.FormatInt(t.ID, 10), t.ExpiresAt.Format(time.RFC3339))
			fmt.Fprintln(e.stdout, token)
			return nil
		},
	})
}
