package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/indexer"
)

func init() {
	register(&command{
		name: "reindex", summary: "从数据库重建搜索索引（建新索引后原子切换，期间检索不中断）",
		run: func(ctx context.Context, e *env, args []string) error {
			a, err := app.Open(ctx, e.cfg, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			if _, err := a.Index.Init(ctx); err != nil {
				return err
			}
			start := time.Now()
			last := time.Time{}
			n, err := indexer.Reindex(ctx, a.Store, a.Index, func(done, total int) {
				if time.Since(last) > time.Second || done == total {
					last = time.Now()
					fmt.Fprintf(e.stderr, "\r已索引 %d/%d 位专家", done, total)
				}
			})
			fmt.Fprintln(e.stderr)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "索引已重建：%d 位专家，用时 %s\n", n, time.Since(start).Round(time.Millisecond))
			return nil
		},
	})
	var repair bool
	register(&command{
		name: "index check", summary: "比对数据库与搜索索引，报告缺失、过期和多余的文档",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&repair, "repair", false, "发现差异时就地修复")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			a, err := app.Open(ctx, e.cfg, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			if _, err := a.Index.Init(ctx); err != nil {
				return err
			}
			d, err := indexer.Check(ctx, a.Store, a.Index)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "数据库中在库专家 %d 位，索引中 %d 份文档\n", d.InDatabase, d.InIndex)
			if d.OK() {
				fmt.Fprintln(e.stdout, "索引与数据库一致")
				return nil
			}
			fmt.Fprintf(e.stdout, "缺失 %d 份：%v\n过期 %d 份：%v\n多余 %d 份：%v\n",
				len(d.Missing), head(d.Missing), len(d.Stale), head(d.Stale), len(d.Extra), head(d.Extra))
			if !repair {
				return fmt.Errorf("索引与数据库不一致；用 --repair 修复，或运行 talentctl reindex")
			}
			if err := indexer.Repair(ctx, a.Store, a.Index, d); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, "已修复")
			return nil
		},
	})
}

func head(ids []int64) []int64 {
	if len(ids) > 20 {
		return ids[:20]
	}
	return ids
}
