// Package migrations embeds the SQL migrations, one folder per dialect. The
// two folders evolve in lock step: every version exists in both, and
// internal/store tests that the resulting schemas behave the same.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
