package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

// ImportRecord is one parsed row of a bulk import of experts. The store
// decides what it means: a new expert, a change to a stored one, or nothing.
type ImportRecord struct {
	// Row is where the record came from (the spreadsheet row), for reports.
	Row int
	// ExternalID is the bureau's identifier and the upsert key. Required:
	// without it a second import could not find the expert again.
	ExternalID string
	// Registries the row lists. A missing membership is added as ADMITTED,
	// because a bureau's roster lists people already on it. Existing
	// memberships are never changed or removed: status changes carry a
	// reason and belong to the review workflow, not to a spreadsheet.
	Registries []talent.Registry
	// Set copies the row's values onto an expert: a blank one (with the
	// default monthly cap) for a new expert, a copy of the stored one
	// otherwise. Fields Set leaves alone keep their stored values.
	Set func(e *talent.Expert)
	// Problems found while reading the row (cells that did not parse). The
	// row is still checked against the domain rules, so that the report
	// lists all of its problems at once, but it is never written.
	Problems talent.Errors
}

// ImportProblem is one problem with one row.
type ImportProblem struct {
	Row int
	// Field is the expert field in API spelling ("birthYear",
	// "lectureTopics.0.title", "registry" for memberships), or "" when the
	// problem concerns the whole row.
	Field   string
	Code    talent.Code
	Message string
}

// ImportOptions control ImportExperts.
type ImportOptions struct {
	// DryRun classifies and validates every record without writing.
	DryRun bool
	// Partial writes the valid records even when others have problems.
	// By default one bad record means nothing is written.
	Partial bool
	// BatchSize is how many records are looked up and written together;
	// default 500. Memory use grows with it, not with the number of records.
	BatchSize int
	// Reason is recorded on the status events of added memberships.
	Reason string
	// OnProblem receives every problem as it is found, so that a report of
	// any length can be streamed out.
	OnProblem func(ImportProblem)
	// Authorize, when set, decides whether the caller may make the write a
	// record calls for: change a stored expert (changed) whose memberships
	// are ms (before is nil for a new expert), and add the expert to the
	// registries in newRegs (those the record lists and the expert is not
	// in). Its domain errors (FORBIDDEN) become problems of the record.
	Authorize func(before *talent.Expert, ms []*talent.Membership, changed bool, newRegs []talent.Registry) error
}

// ImportResult counts what an import did (or, in a dry run or when it was
// rejected, what it would have done with the valid records).
type ImportResult struct {
	Rows        int // records read
	Inserted    int // new experts
	Updated     int // stored experts given a new profile (version + 1) or memberships
	Unchanged   int // stored experts already up to date: nothing written
	Invalid     int // records with problems; never written
	Memberships int // memberships added
	Written     bool
}

const defaultImportBatch = 500

// errRejected rolls the import transaction back after a record had problems.
var errRejected = errors.New("store: import rejected")

// ImportExperts upserts experts by external ID from records, which it reads
// once, in batches: one query finds a batch's stored experts, multi-row
// INSERTs write it. Everything happens in one transaction, so an import is
// all-or-nothing (unless opt.Partial) and an interrupted import leaves no
// trace. A record that changes nothing writes nothing: no version bump, no
// outbox row, no audit row.
//
// Records go through the same rules as the API (talent.Rules.ValidateExpert
// and ValidateNewMembership). Problems are reported through opt.OnProblem
// and counted in Invalid; they are not errors. An error from records (an
// unreadable file) or from the database aborts the import and is returned;
// nothing is written then.
//
// Memory is bounded by the batch size, except for the set of external IDs
// seen so far (to reject duplicates within one import): a few dozen bytes
// per record.
func (s *Store) ImportExperts(ctx context.Context, records iter.Seq2[*ImportRecord, error], opt ImportOptions) (ImportResult, error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = defaultImportBatch
	}
	if opt.Reason == "" {
		opt.Reason = "表格导入"
	}
	im := &importer{s: s, opt: opt, seen: map[string]int{}}
	if opt.DryRun {
		im.q = s.db
		return im.res, im.run(ctx, records)
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		im.q, im.tx = tx, tx
		if err := im.run(ctx, records); err != nil {
			return err
		}
		if im.res.Invalid > 0 && !opt.Partial {
			return errRejected
		}
		return nil
	})
	if errors.Is(err, errRejected) {
		return im.res, nil
	}
	im.res.Written = err == nil
	if err == nil && s.dialect == Postgres && im.res.Inserted+im.res.Updated >= analyzeAfter {
		// Fresh statistics after a bulk load, as PostgreSQL advises: without
		// them the planner reads "expert_id IN (500 ids)" as most of the
		// membership table and scans it whole, once per batch of the next
		// import. Autovacuum would get there, minutes later. Only
		// statistics are at stake, so a failure is not the import's.
		_, _ = s.exec(ctx, s.db, `ANALYZE expert, expert_tag, membership`)
	}
	return im.res, err
}

// analyzeAfter is how many written experts make an import refresh the
// planner's statistics.
const analyzeAfter = 1000

// importer is the state of one ImportExperts call.
type importer struct {
	s    *Store
	opt  ImportOptions
	q    sqlx.QueryerContext
	tx   *sqlx.Tx // nil in a dry run
	seen map[string]int
	res  ImportResult
}

// importPlan is what one valid record will do.
type importPlan struct {
	before  *talent.Expert // nil for a new expert
	after   *talent.Expert
	changed bool // the profile must be written
	newRegs []talent.Registry
}

func (im *importer) run(ctx context.Context, records iter.Seq2[*ImportRecord, error]) error {
	batch := make([]*ImportRecord, 0, im.opt.BatchSize)
	for rec, err := range records {
		if err != nil {
			return err
		}
		batch = append(batch, rec)
		if len(batch) == cap(batch) {
			if err := im.batch(ctx, batch); err != nil {
				return err
			}
			clear(batch)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		return im.batch(ctx, batch)
	}
	return nil
}

func (im *importer) batch(ctx context.Context, recs []*ImportRecord) error {
	type key struct {
		ext     string
		problem *talent.Error // missing or repeated
	}
	keys := make([]key, len(recs))
	exts := make([]string, 0, len(recs))
	for i, r := range recs {
		im.res.Rows++
		ext := talent.Clean(r.ExternalID)
		keys[i].ext = ext
		first, dup := im.seen[ext]
		switch {
		case ext == "" && hasProblem(r.Problems, "externalId"): // the cell is bad, not missing
		case ext == "":
			keys[i].problem = talent.Errorf(talent.CodeRequired, "externalId", "外部编号不能为空：导入按外部编号识别专家")
		case dup:
			keys[i].problem = talent.Errorf(talent.CodeDuplicate, "externalId", "外部编号“%s”与第%d行重复，同一文件中每位专家只能出现一次", ext, first)
		default:
			// A clone: ext may share memory with its whole source row.
			im.seen[strings.Clone(ext)] = r.Row
			exts = append(exts, ext)
		}
	}
	stored, memberships, err := im.lookup(ctx, exts)
	if err != nil {
		return err
	}
	plans := make([]*importPlan, 0, len(recs))
	for i, r := range recs {
		k := keys[i]
		var before *talent.Expert
		var ms []*talent.Membership
		if k.problem == nil && k.ext != "" {
			before = stored[k.ext]
		}
		if before != nil {
			ms = memberships[before.ID]
		}
		p, problems := im.plan(r, k.ext, before, ms)
		if k.problem != nil {
			problems = append(talent.Errors{k.problem}, problems...)
		}
		if len(problems) > 0 {
			im.res.Invalid++
			for _, e := range problems {
				if im.opt.OnProblem != nil {
					im.opt.OnProblem(ImportProblem{Row: r.Row, Field: e.Field, Code: e.Code, Message: e.Message})
				}
			}
			continue
		}
		switch {
		case before == nil:
			im.res.Inserted++
		case p.changed || len(p.newRegs) > 0:
			im.res.Updated++
		default:
			im.res.Unchanged++
		}
		im.res.Memberships += len(p.newRegs)
		if p.changed || len(p.newRegs) > 0 {
			plans = append(plans, p)
		}
	}
	// Once a record is bad, a strict import only goes on validating: the
	// transaction is rolled back at the end.
	if im.tx == nil || len(plans) == 0 || (im.res.Invalid > 0 && !im.opt.Partial) {
		return nil
	}
	return im.write(ctx, plans)
}

func hasProblem(list talent.Errors, field string) bool {
	for _, e := range list {
		if e.Field == field {
			return true
		}
	}
	return false
}

// lookup loads the stored experts of a batch and their memberships, two
// queries per batch. When writing, the rows are locked until the end of the
// import so that no concurrent edit slips between the check and the write.
func (im *importer) lookup(ctx context.Context, exts []string) (map[string]*talent.Expert, map[int64][]*talent.Membership, error) {
	s := im.s
	experts := make(map[string]*talent.Expert, len(exts))
	memberships := map[int64][]*talent.Membership{}
	if len(exts) == 0 {
		return experts, memberships, nil
	}
	lock := ""
	if im.tx != nil {
		lock = s.forUpdate()
	}
	q, args, err := s.in(`SELECT `+expertColumns+` FROM expert WHERE external_id IN (?)`+lock, exts)
	if err != nil {
		return nil, nil, err
	}
	var rows []expertRow
	if err := s.sel(ctx, im.q, &rows, q, args...); err != nil {
		return nil, nil, fmt.Errorf("store: import lookup: %w", err)
	}
	ids := make([]int64, 0, len(rows))
	for i := range rows {
		e, err := rows[i].expert()
		if err != nil {
			return nil, nil, err
		}
		experts[e.ExternalID] = e
		ids = append(ids, e.ID)
	}
	if len(ids) == 0 {
		return experts, memberships, nil
	}
	q, args, err = s.in(`SELECT `+membershipColumns+` FROM membership WHERE expert_id IN (?) ORDER BY id`, ids)
	if err != nil {
		return nil, nil, err
	}
	var mrows []membershipRow
	if err := s.sel(ctx, im.q, &mrows, q, args...); err != nil {
		return nil, nil, fmt.Errorf("store: import memberships: %w", err)
	}
	for _, r := range mrows {
		memberships[r.ExpertID] = append(memberships[r.ExpertID], r.membership())
	}
	return experts, memberships, nil
}

// plan applies a record to the stored expert (or a blank one) and checks
// the result with the domain rules. It returns every problem of the record.
func (im *importer) plan(r *ImportRecord, ext string, before *talent.Expert, ms []*talent.Membership) (*importPlan, talent.Errors) {
	rules := im.s.rules
	p := &importPlan{before: before}
	if before == nil {
		p.after = &talent.Expert{MaxEngagementsPerMonth: talent.DefaultMonthCap}
	} else {
		p.after = cloneExpert(before)
	}
	if r.Set != nil {
		r.Set(p.after)
	}
	p.after.ExternalID = ext
	talent.NormalizeExpert(p.after)
	p.changed = before == nil || !reflect.DeepEqual(expertArgs(before), expertArgs(p.after))

	var requested []talent.Registry
	for _, reg := range r.Registries {
		if !memberOf(ms, reg) && !slices.Contains(requested, reg) {
			requested = append(requested, reg)
		}
	}
	// Whether the caller may do this at all comes first: a forbidden row
	// is not also checked for what would have been wrong with it.
	if (p.changed || len(requested) > 0) && im.opt.Authorize != nil {
		if err := im.opt.Authorize(before, ms, p.changed, requested); err != nil {
			return p, mergeProblems(r.Problems, asProblems(err, ""))
		}
	}

	var found talent.Errors
	all := append([]*talent.Membership(nil), ms...)
	for _, reg := range requested {
		if err := rules.ValidateNewMembership(p.after, all, reg, talent.StatusAdmitted, im.opt.Reason); err != nil {
			found = append(found, asProblems(err, "registry")...)
			continue
		}
		all = append(all, &talent.Membership{Registry: reg, Status: talent.StatusAdmitted})
		p.newRegs = append(p.newRegs, reg)
	}
	if p.changed || len(p.newRegs) > 0 {
		if before != nil && before.ArchivedAt != nil && p.changed {
			found.Add(talent.CodeArchived, "", "专家“%s”（外部编号%s）已归档，不能通过导入修改", before.Name, before.ExternalID)
		} else if err := rules.ValidateExpert(p.after, all); err != nil {
			found = append(found, asProblems(err, "")...)
		}
	}
	return p, mergeProblems(r.Problems, found)
}

func memberOf(ms []*talent.Membership, reg talent.Registry) bool {
	for _, m := range ms {
		if m.Registry == reg {
			return true
		}
	}
	return false
}

// asProblems turns a rule's error into problems. Problems with a
// membership's status or reason are filed under field (the registries
// column); those that name a profile field stay there (an age limit is
// about the birth year, a missing category about the categories).
func asProblems(err error, field string) talent.Errors {
	list, ok := talent.AsList(err)
	if !ok {
		return talent.Errors{talent.Errorf(talent.CodeInternal, field, "%v", err)}
	}
	out := make(talent.Errors, len(list))
	for i, e := range list {
		c := *e
		switch c.Field {
		case "status", "reason", "expertId":
			c.Field = field
		}
		out[i] = &c
	}
	return out
}

// mergeProblems joins the problems found while reading a record with those
// the rules found, dropping rule problems about a field whose cell already
// failed to parse: an unparsable birth year would otherwise also be
// reported as a missing one.
func mergeProblems(parsed, checked talent.Errors) talent.Errors {
	if len(parsed) == 0 {
		return checked
	}
	bad := map[string]bool{}
	for _, e := range parsed {
		bad[topField(e.Field)] = true
	}
	out := append(talent.Errors(nil), parsed...)
	for _, e := range checked {
		if !bad[topField(e.Field)] {
			out = append(out, e)
		}
	}
	return out
}

// topField is the first segment of a dotted field path.
func topField(f string) string {
	top, _, _ := strings.Cut(f, ".")
	return top
}

// write stores a batch of valid plans with a handful of multi-row
// statements: the new experts, the changed ones (one guarded UPDATE each),
// their filter tags, the added memberships and their first status events,
// one outbox row per expert and one audit row per written object — the
// same rows that CreateExpert, UpdateExpert and AdmitToRegistry write.
func (im *importer) write(ctx context.Context, plans []*importPlan) error {
	s, tx := im.s, im.tx
	now := s.now().UTC()
	actor := talent.ActorFrom(ctx).Name

	var fresh, changed []*importPlan
	for _, p := range plans {
		switch {
		case p.before == nil:
			fresh = append(fresh, p)
		case p.changed:
			changed = append(changed, p)
		}
	}

	if len(fresh) > 0 {
		rows := make([][]any, len(fresh))
		for i, p := range fresh {
			p.after.Version, p.after.CreatedAt, p.after.UpdatedAt = 1, now, now
			rows[i] = append(expertArgs(p.after), 1, now, now)
		}
		ids, err := insertReturning[struct {
			ID  int64  `db:"id"`
			Ext string `db:"external_id"`
		}](ctx, s, tx, "expert", expertWritable+", version, created_at, updated_at", rows, "id, external_id")
		if err != nil {
			return fmt.Errorf("store: import experts: %w", err)
		}
		byExt := make(map[string]int64, len(ids))
		for _, r := range ids {
			byExt[r.Ext] = r.ID
		}
		for _, p := range fresh {
			p.after.ID = byExt[p.after.ExternalID]
		}
	}

	sets := strings.ReplaceAll(strings.Join(strings.Fields(expertWritable), " "), ",", " = ?,") + " = ?"
	updatedIDs := make([]int64, len(changed))
	for i, p := range changed {
		p.after.Version, p.after.UpdatedAt = p.before.Version+1, now
		args := append(expertArgs(p.after), p.after.Version, now, p.after.ID, p.before.Version)
		res, err := s.exec(ctx, tx, `UPDATE expert SET `+sets+`, version = ?, updated_at = ? WHERE id = ? AND version = ?`, args...)
		if err != nil {
			return fmt.Errorf("store: import update expert: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return talent.Conflict("专家资料")
		}
		updatedIDs[i] = p.after.ID
	}

	if err := im.writeTags(ctx, updatedIDs, append(fresh, changed...)); err != nil {
		return err
	}
	if err := im.writeMemberships(ctx, plans, now, actor); err != nil {
		return err
	}

	outbox := make([][]any, len(plans))
	audit := make([][]any, 0, len(fresh)+len(changed))
	for i, p := range plans {
		outbox[i] = []any{TopicExpert, p.after.ID, now, now}
		if p.changed {
			d, err := auditDiff(p.before, p.after)
			if err != nil {
				return err
			}
			audit = append(audit, []any{now, actor, "importExperts", "expert", p.after.ID, d})
		}
	}
	if err := insertRows(ctx, s, tx, "outbox", "topic, object_id, created_at, available_at", outbox); err != nil {
		return fmt.Errorf("store: import outbox: %w", err)
	}
	// As enqueue does, tell the after-commit hook which experts changed; only
	// when one is set, so that a CLI import keeps its memory bounded.
	if s.afterCommit != nil {
		v, _ := s.touched.LoadOrStore(tx, &touchSet{seen: map[int64]bool{}})
		for _, p := range plans {
			v.(*touchSet).add(p.after.ID)
		}
	}
	if err := insertRows(ctx, s, tx, "audit_log", "at, actor, operation, object_type, object_id, diff", audit); err != nil {
		return fmt.Errorf("store: import audit: %w", err)
	}
	return nil
}

// writeTags replaces the filter tags of the written experts.
func (im *importer) writeTags(ctx context.Context, updatedIDs []int64, written []*importPlan) error {
	s := im.s
	for ids := range slices.Chunk(updatedIDs, 1000) {
		q, args, err := s.in(`DELETE FROM expert_tag WHERE expert_id IN (?)`, ids)
		if err != nil {
			return err
		}
		if _, err := s.exec(ctx, im.tx, q, args...); err != nil {
			return fmt.Errorf("store: import clear tags: %w", err)
		}
	}
	var rows [][]any
	for _, p := range written {
		for _, t := range expertTags(p.after) {
			rows = append(rows, []any{p.after.ID, t.kind, t.value})
		}
	}
	if err := insertRows(ctx, s, im.tx, "expert_tag", "expert_id, kind, value", rows); err != nil {
		return fmt.Errorf("store: import tags: %w", err)
	}
	return nil
}

// writeMemberships adds the memberships the plans call for, ADMITTED from
// now, with their first status event and an audit row each.
func (im *importer) writeMemberships(ctx context.Context, plans []*importPlan, at time.Time, actor string) error {
	s := im.s
	var rows [][]any
	var added []*talent.Membership
	for _, p := range plans {
		for _, reg := range p.newRegs {
			m := &talent.Membership{ExpertID: p.after.ID, Registry: reg, Status: talent.StatusAdmitted,
				Since: at, AdmittedAt: &at, Version: 1, CreatedAt: at, UpdatedAt: at}
			added = append(added, m)
			rows = append(rows, []any{m.ExpertID, string(reg), string(m.Status), at, at, 0, "", 1, at, at})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	ids, err := insertReturning[struct {
		ID       int64  `db:"id"`
		ExpertID int64  `db:"expert_id"`
		Registry string `db:"registry"`
	}](ctx, s, im.tx, "membership", "expert_id, registry, status, since, admitted_at, travel_max_km, travel_note, version, created_at, updated_at", rows, "id, expert_id, registry")
	if err != nil {
		return fmt.Errorf("store: import memberships: %w", err)
	}
	type key struct {
		expert   int64
		registry string
	}
	byKey := make(map[key]int64, len(ids))
	for _, r := range ids {
		byKey[key{r.ExpertID, r.Registry}] = r.ID
	}
	events := make([][]any, len(added))
	audit := make([][]any, len(added))
	for i, m := range added {
		m.ID = byKey[key{m.ExpertID, string(m.Registry)}]
		events[i] = []any{m.ID, "", string(m.Status), at, actor, im.opt.Reason}
		d, err := auditDiff(nil, m)
		if err != nil {
			return err
		}
		audit[i] = []any{at, actor, "importExperts", "membership", m.ID, d}
	}
	if err := insertRows(ctx, s, im.tx, "membership_event", "membership_id, from_status, to_status, at, actor, reason", events); err != nil {
		return fmt.Errorf("store: import membership events: %w", err)
	}
	if err := insertRows(ctx, s, im.tx, "audit_log", "at, actor, operation, object_type, object_id, diff", audit); err != nil {
		return fmt.Errorf("store: import audit: %w", err)
	}
	return nil
}

// auditDiff is the audit_log.diff of a write, as audit records it.
func auditDiff(before, after any) (string, error) {
	d, err := json.Marshal(diff(before, after))
	if err != nil {
		return "", fmt.Errorf("store: audit diff: %w", err)
	}
	return string(d), nil
}

// maxParams bounds the parameters of one statement: PostgreSQL allows
// 65535, SQLite 32766.
const maxParams = 30000

// insertRows inserts rows (each a value per column) with multi-row INSERT
// statements, as many rows per statement as maxParams allows. (COPY on
// PostgreSQL measured no faster here: the time goes to indexes and JSONB.)
func insertRows(ctx context.Context, s *Store, tx *sqlx.Tx, table, columns string, rows [][]any) error {
	for stmt, args := range multiInsert(table, columns, rows) {
		if _, err := s.exec(ctx, tx, stmt, args...); err != nil {
			return err
		}
	}
	return nil
}

// insertReturning is insertRows returning the columns named by returning,
// scanned into T by db tags. The order of the returned rows is unspecified;
// callers match them by a unique key.
func insertReturning[T any](ctx context.Context, s *Store, tx *sqlx.Tx, table, columns string, rows [][]any, returning string) ([]T, error) {
	out := make([]T, 0, len(rows))
	for stmt, args := range multiInsert(table, columns, rows) {
		var part []T
		if err := s.sel(ctx, tx, &part, stmt+" RETURNING "+returning, args...); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, part...)
	}
	return out, nil
}

// multiInsert yields INSERT statements with their arguments covering rows.
func multiInsert(table, columns string, rows [][]any) iter.Seq2[string, []any] {
	return func(yield func(string, []any) bool) {
		if len(rows) == 0 {
			return
		}
		width := len(rows[0])
		tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
		for part := range slices.Chunk(rows, max(1, maxParams/width)) {
			var sb strings.Builder
			sb.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
			args := make([]any, 0, width*len(part))
			for i, r := range part {
				if i > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString(tuple)
				args = append(args, r...)
			}
			if !yield(sb.String(), args) {
				return
			}
		}
	}
}
