// Command talentctl is the operator's tool: migrations, schema, import and
// export, reindexing, users and demo data.
//
// Every subcommand accepts the same connection flags as talentd
// (--database-url, --data-dir, --meili-url, …) with the same environment
// twins, plus its own flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// command is one subcommand. Commands live one per file and register
// themselves in init, so adding one touches no shared file.
type command struct {
	name    string // e.g. "migrate" or "import experts"
	summary string // one line, Chinese
	usage   string // argument synopsis
	// flags defines the command's own flags (optional).
	flags func(fs *flag.FlagSet)
	run   func(ctx context.Context, env *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// env is what a running command gets.
type env struct {
	cfg    config.Config
	stdout io.Writer
	stderr io.Writer
	stdin  io.Reader
}

// openStore opens (and, when cfg.Migrate, migrates) the configured database.
func (e *env) openStore(ctx context.Context) (*store.Store, error) {
	rules := talent.DefaultRules()
	rules.YouthAgeLimit = e.cfg.YouthAgeLimit
	st, err := store.Open(ctx, store.Options{DatabaseURL: e.cfg.DatabaseURL, DataDir: e.cfg.DataDir, Rules: rules})
	if err != nil {
		return nil, err
	}
	if e.cfg.Migrate {
		if err := st.Migrate(ctx, nil); err != nil {
			st.Close()
			return nil, err
		}
	}
	return st, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "talentctl:", err)
		os.Exit(1)
	}
}

// run finds the longest command name that prefixes args ("import experts"
// before "import"), parses its flags and runs it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var cmd *command
	var rest []string
	for n := min(len(args), 3); n >= 1; n-- {
		if c, ok := commands[strings.Join(args[:n], " ")]; ok {
			cmd, rest = c, args[n:]
			break
		}
	}
	if cmd == nil {
		usage(stderr)
		if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
			return flag.ErrHelp
		}
		return fmt.Errorf("未知命令 %q", strings.Join(args, " "))
	}
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin}
	fs := flag.NewFlagSet("talentctl "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	e.cfg.Register(fs)
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法：talentctl %s [选项] %s\n%s\n\n选项：\n", cmd.name, cmd.usage, cmd.summary)
		fs.PrintDefaults()
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if err := e.cfg.Check(); err != nil {
		return err
	}
	return cmd.run(ctx, e, fs.Args())
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "talentctl：人才专家库运维工具\n\n用法：talentctl <命令> [选项] [参数]\n\n命令：")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-18s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\n每个命令都接受 talentd 的连接选项（--database-url、--data-dir 等），用 talentctl <命令> -h 查看。")
}
