// Command talentd is the registry server: GraphQL over HTTP, GraphiQL,
// health checks and background workers.
//
//	go run ./cmd/talentd                 # SQLite + embedded index under ./data
//	TALENT_DATABASE_URL=postgres://… talentd
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/demo"
	"github.com/fuliang/talent/internal/logging"
	"github.com/fuliang/talent/internal/server"
	"github.com/fuliang/talent/internal/talent"
)

func main() {
	if err := run(os.Args[1:]); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "talentd:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	var cfg config.Config
	fs := flag.NewFlagSet("talentd", flag.ContinueOnError)
	cfg.Register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Check(); err != nil {
		return err
	}
	log := logging.New(os.Stderr, cfg.LogFormat, cfg.LogLevel)
	slog.SetDefault(log)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	if cfg.Demo {
		sum, err := demo.LoadDefault(talent.WithActor(ctx, talent.Actor{Name: "demo"}), a.Store)
		if err != nil {
			a.Close()
			return fmt.Errorf("载入演示数据失败：%w", err)
		}
		log.Info("演示数据已就绪", "summary", sum.String())
	}
	// Shutdown order: (1) HTTP drains, (2) workers stop, (3) the index and
	// database close. Workers run on a context of their own, so a signal
	// does not stop them while requests are still being served; the
	// deferred function does, after Shutdown has returned.
	workers, stopWorkers := context.WithCancel(context.WithoutCancel(ctx))
	defer func() {
		stopWorkers()
		done := make(chan error, 1)
		go func() { done <- a.Close() }() // waits for the workers
		select {
		case err := <-done:
			if err != nil {
				log.Warn("关闭时出错", "err", err)
			}
			log.Info("已关闭")
		case <-time.After(10 * time.Second):
			// The outbox and SKIP LOCKED claims make an abandoned item
			// safe: another replica, or this one after restart, redoes it.
			log.Warn("后台任务未在 10 秒内停止，直接退出")
		}
	}()
	a.Start(workers)
	srv, err := server.New(a, server.Limits(cfg))
	if err != nil {
		return err
	}
	if n, err := a.Store.CountUsers(ctx); err == nil && n == 0 {
		log.Warn("系统中还没有任何用户。请先创建管理员：go run ./cmd/talentctl user add --login admin --role ADMIN --password '<至少8位>'（使用与本服务相同的 --data-dir / --database-url）；写操作须登录后进行")
	}
	// Requests run on a context of their own, cancelled only when draining
	// overruns. Deriving it from the signal context would cancel every
	// request in flight at the first SIGTERM — before Shutdown could drain
	// them.
	reqCtx, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	httpSrv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.Timeout,
		WriteTimeout:      cfg.Timeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return reqCtx },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("监听 %s 失败：%w", cfg.Addr, err)
	}
	search := "embedded"
	if cfg.MeiliURL != "" {
		search = "meilisearch"
	}
	log.Info("talentd 已启动", "addr", ln.Addr().String(), "database", string(a.Store.Dialect()), "search", search,
		"graphql", "http://"+displayAddr(ln.Addr())+"/graphql")

	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stop() // a second SIGTERM or Ctrl-C now ends the process at once
	// A request may take up to cfg.Timeout; the drain allows that and a
	// margin. Keep the orchestrator's grace period above drain + 10 s.
	drain := cfg.Timeout + 5*time.Second
	log.Info("正在关闭：等待进行中的请求完成", "timeout", drain)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		log.Warn("请求未能在限期内完成，强制关闭", "err", err)
		cancelRequests()
		httpSrv.Close()
	}
	log.Info("HTTP 已关闭，正在停止后台任务")
	return nil
}

func displayAddr(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && t.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", t.Port)
	}
	return a.String()
}
