package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
	"github.com/fuliang/talent/internal/vocab"
)

func init() {
	var days, top int
	register(&command{
		name: "synonyms gaps", summary: "词汇缺口：近期需求里没有任何专家资料含有（连同义词也没有）的词，按需求数排序，供添加同义词",
		flags: func(fs *flag.FlagSet) {
			fs.IntVar(&days, "days", 90, "读最近多少天的需求")
			fs.IntVar(&top, "top", 30, "至多列出多少个词")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if days < 1 || top < 1 {
				return fmt.Errorf("--days 和 --top 须为正数")
			}
			a, err := app.Open(ctx, e.cfg, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			// Builds the index from the database if there is none yet, and
			// applies the officers' synonyms.
			if err := a.InitIndex(ctx); err != nil {
				return err
			}
			reqs, err := a.Store.RequestTexts(ctx, time.Now().AddDate(0, 0, -days), vocab.MaxRequests)
			if err != nil {
				return err
			}
			gaps, err := vocab.Gaps(ctx, a.Matcher.Analyzer(), a.Index, reqs)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "最近 %d 天的 %d 条需求中，专家资料里没有的词 %d 个", days, len(reqs), len(gaps))
			if len(gaps) > top {
				gaps = gaps[:top]
				fmt.Fprintf(e.stdout, "（列出前 %d 个）", top)
			}
			fmt.Fprintln(e.stdout)
			for _, g := range gaps {
				fmt.Fprintf(e.stdout, "  %-10s %3d 条需求  例：%s\n", g.Term, g.Requests, strings.Join(g.Examples, "；"))
			}
			return nil
		},
	})
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
