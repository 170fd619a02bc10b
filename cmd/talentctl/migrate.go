package main

import (
	"context"
	"fmt"
)

func init() {
	register(&command{
		name: "migrate up", summary: "执行所有未执行的数据库迁移",
		run: func(ctx context.Context, e *env, args []string) error {
			e.cfg.Migrate = false
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.Migrate(ctx, e.stdout); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "数据库（%s）已是最新结构\n", st.Dialect())
			return nil
		},
	})
	register(&command{
		name: "migrate status", summary: "列出各数据库迁移及是否已执行",
		run: func(ctx context.Context, e *env, args []string) error {
			e.cfg.Migrate = false
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			list, err := st.MigrationStatuses(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "数据库：%s\n", st.Dialect())
			for _, m := range list {
				state := "未执行"
				if m.Applied {
					state = "已执行"
				}
				fmt.Fprintf(e.stdout, "  %05d  %-40s %s\n", m.Version, m.Name, state)
			}
			return nil
		},
	})
}
