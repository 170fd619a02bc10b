package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/fuliang/talent/internal/demo"
)

func init() {
	var seed uint64
	var list bool
	register(&command{
		name:    "demo",
		summary: "载入演示数据：虚构的四库专家名册及学校、村、企业、部门（可重复执行）",
		flags: func(fs *flag.FlagSet) {
			fs.Uint64Var(&seed, "seed", demo.EvalSeed, "随机种子；默认值生成的名册即 testdata/eval 评测所用名册")
			fs.BoolVar(&list, "list", false, "只打印名册文本，不写数据库")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("demo 不接受参数：%v", args)
			}
			data := demo.Roster(seed)
			if list {
				return data.WriteText(e.stdout)
			}
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			fmt.Fprintf(e.stdout, "正在载入演示名册（种子 %d，专家 %d 人，单位 %d 个）到 %s 数据库……\n",
				seed, len(data.Experts), len(data.Organizations), st.Dialect())
			sum, err := demo.Load(ctx, st, data)
			// Print what was written even on failure: the load is resumable,
			// and the operator should see how far it got.
			fmt.Fprint(e.stdout, sum.String())
			if err != nil {
				return err
			}
			if sum.ExpertsCreated > 0 {
				fmt.Fprintln(e.stdout, "完成。搜索索引由后台同步任务更新；如需立即重建，请运行 talentctl reindex。")
			} else {
				fmt.Fprintln(e.stdout, "演示数据此前已载入，未作改动。")
			}
			return nil
		},
	})
}
