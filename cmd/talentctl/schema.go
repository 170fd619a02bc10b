package main

import (
	"context"
	"fmt"

	"github.com/fuliang/talent/graph"
)

func init() {
	register(&command{
		name: "schema", summary: "打印 GraphQL 模式（SDL）",
		run: func(ctx context.Context, e *env, args []string) error {
			sdl, err := graph.SDL()
			if err != nil {
				return err
			}
			fmt.Fprint(e.stdout, sdl)
			return nil
		},
	})
}
