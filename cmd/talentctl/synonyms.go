package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

func init() {
	register(&command{
		name: "synonyms list", summary: "列出同义词组（内置的和管理员添加的）",
		run: func(ctx context.Context, e *env, args []string) error {
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, g := range textproc.DefaultSynonyms().Groups() {
				fmt.Fprintf(e.stdout, "  内置  %s\n", strings.Join(g, " "))
			}
			added, err := st.SynonymGroups(ctx)
			if err != nil {
				return err
			}
			for _, g := range added {
				fmt.Fprintf(e.stdout, "  %4d  %s（%s 添加）\n", g.ID, strings.Join(g.Terms, " "), g.CreatedBy)
			}
			return nil
		},
	})
	register(&command{
		name: "synonyms add", summary: "添加一组同义词，如：talentctl synonyms add 打药 植保 飞防（运行中的服务一分钟内生效）",
		usage: "词 词 [词…]",
		run: func(ctx context.Context, e *env, args []string) error {
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			g, err := st.AddSynonymGroup(talent.WithActor(ctx, talent.Actor{Name: "talentctl"}), args)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "已添加同义词组 %d：%s\n", g.ID, strings.Join(g.Terms, " "))
			return nil
		},
	})
	register(&command{
		name: "synonyms remove", summary: "删除管理员添加的一组同义词", usage: "编号",
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("用法：talentctl synonyms remove <编号>")
			}
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("编号 %q 无效", args[0])
			}
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.RemoveSynonymGroup(talent.WithActor(ctx, talent.Actor{Name: "talentctl"}), id); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "已删除同义词组 %d\n", id)
			return nil
		},
	})
}
