package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

// expertRow mirrors the expert table; list-valued columns hold JSON.
type expertRow struct {
	ID                     int64          `db:"id"`
	ExternalID             sql.NullString `db:"external_id"`
	Name                   string         `db:"name"`
	Gender                 string         `db:"gender"`
	BirthYear              int            `db:"birth_year"`
	Title                  string         `db:"title"`
	Organization           string         `db:"organization"`
	Township               string         `db:"township"`
	Fields                 []byte         `db:"fields"`
	Expertise              []byte         `db:"expertise"`
	Bio                    string         `db:"bio"`
	LectureTopics          []byte         `db:"lecture_topics"`
	Audiences              []byte         `db:"audiences"`
	ServiceTownships       []byte         `db:"service_townships"`
	Availability           []byte         `db:"availability"`
	MaxEngagementsPerMonth int            `db:"max_engagements_per_month"`
	EmergencyCategories    []byte         `db:"emergency_categories"`
	OnCall                 bool           `db:"on_call"`
	Phone                  string         `db:"phone"`
	Email                  string         `db:"email"`
	ConsentGivenAt         sql.NullTime   `db:"consent_given_at"`
	ConsentPurpose         string         `db:"consent_purpose"`
	ArchivedAt             sql.NullTime   `db:"archived_at"`
	Version                int            `db:"version"`
	CreatedAt              time.Time      `db:"created_at"`
	UpdatedAt              time.Time      `db:"updated_at"`
}

const expertColumns = `id, external_id, name, gender, birth_year, title, organization, township,
	fields, expertise, bio, lecture_topics, audiences, service_townships, availability,
	max_engagements_per_month, emergency_categories, on_call, phone, email,
	consent_given_at, consent_purpose, archived_at, version, created_at, updated_at`

func (r *expertRow) expert() (*talent.Expert, error) {
	e := &talent.Expert{
		ID: r.ID, ExternalID: r.ExternalID.String, Name: r.Name, Gender: talent.Gender(r.Gender),
		BirthYear: r.BirthYear, Title: r.Title, Organization: r.Organization, Township: r.Township,
		Bio: r.Bio, MaxEngagementsPerMonth: r.MaxEngagementsPerMonth, OnCall: r.OnCall,
		Phone: r.Phone, Email: r.Email, Version: r.Version,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if r.ConsentGivenAt.Valid {
		e.Consent = &talent.Consent{GivenAt: r.ConsentGivenAt.Time.UTC(), Purpose: r.ConsentPurpose}
	}
	if r.ArchivedAt.Valid {
		t := r.ArchivedAt.Time.UTC()
		e.ArchivedAt = &t
	}
	for _, c := range []struct {
		raw []byte
		dst any
	}{
		{r.Fields, &e.Fields}, {r.Expertise, &e.Expertise}, {r.LectureTopics, &e.LectureTopics},
		{r.Audiences, &e.Audiences}, {r.ServiceTownships, &e.ServiceTownships},
		{r.Availability, &e.Availability}, {r.EmergencyCategories, &e.EmergencyCategories},
	} {
		if len(c.raw) == 0 {
			continue
		}
		if err := json.Unmarshal(c.raw, c.dst); err != nil {
			return nil, fmt.Errorf("store: decode expert %d: %w", r.ID, err)
		}
	}
	return e, nil
}

// jsonOf encodes a list or object column; nil lists become [] so that the
// column is never JSON null.
func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	if string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// expertArgs are the values of every writable column, in expertWritable order.
func expertArgs(e *talent.Expert) []any {
	var ext any
	if e.ExternalID != "" {
		ext = e.ExternalID
	}
	var consentAt any
	purpose := ""
	if e.Consent != nil {
		consentAt, purpose = e.Consent.GivenAt.UTC(), e.Consent.Purpose
	}
	return []any{
		ext, e.Name, string(e.Gender), e.BirthYear, e.Title, e.Organization, e.Township,
		jsonOf(e.Fields), jsonOf(e.Expertise), e.Bio, jsonOf(e.LectureTopics), jsonOf(e.Audiences),
		jsonOf(e.ServiceTownships), jsonOf(e.Availability), e.MaxEngagementsPerMonth,
		jsonOf(e.EmergencyCategories), e.OnCall, e.Phone, e.Email, consentAt, purpose,
	}
}

const expertWritable = `external_id, name, gender, birth_year, title, organization, township,
	fields, expertise, bio, lecture_topics, audiences, service_townships, availability,
	max_engagements_per_month, emergency_categories, on_call, phone, email,
	consent_given_at, consent_purpose`

// CreateExpert validates and stores a new expert. Errors: validation
// errors (talent.Errors), DUPLICATE for a taken externalId.
func (s *Store) CreateExpert(ctx context.Context, e *talent.Expert) (*talent.Expert, error) {
	talent.NormalizeExpert(e)
	now := s.now().UTC()
	if e.Consent != nil && e.Consent.GivenAt.IsZero() {
		e.Consent.GivenAt = now
	}
	if err := s.rules.ValidateExpert(e, nil); err != nil {
		return nil, err
	}
	e.Version, e.CreatedAt, e.UpdatedAt, e.ArchivedAt = 1, now, now, nil
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO expert (`+expertWritable+`, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(expertArgs(e), e.Version, now, now)...)
		if err != nil {
			return err
		}
		e.ID = id
		return s.afterExpertWrite(ctx, tx, "createExpert", nil, e)
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// afterExpertWrite keeps derived rows in step with a profile write: the
// filter tags, the search outbox and the audit log.
func (s *Store) afterExpertWrite(ctx context.Context, tx *sqlx.Tx, op string, before, after *talent.Expert) error {
	if err := s.writeTags(ctx, tx, after); err != nil {
		return err
	}
	if err := s.enqueue(ctx, tx, TopicExpert, after.ID); err != nil {
		return err
	}
	return s.audit(ctx, tx, op, "expert", after.ID, before, after)
}

// Tag kinds in expert_tag.
const (
	tagField    = "field"
	tagAudience = "audience"
	tagTownship = "township" // home township and service townships
	tagCategory = "category"
)

// expertTag is one row of expert_tag.
type expertTag struct{ kind, value string }

// expertTags lists the filter tags of a profile, without duplicates. Bulk
// import writes the same tags as writeTags through this one function.
func expertTags(e *talent.Expert) []expertTag {
	var tags []expertTag
	seen := map[expertTag]bool{}
	add := func(kind, v string) {
		t := expertTag{kind, v}
		if v != "" && !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	for _, f := range e.Fields {
		add(tagField, f)
	}
	for _, a := range e.Audiences {
		add(tagAudience, string(a))
	}
	for _, t := range e.LectureTopics {
		for _, a := range t.Audiences {
			add(tagAudience, string(a))
		}
	}
	add(tagTownship, e.Township)
	for _, t := range e.ServiceTownships {
		add(tagTownship, t)
	}
	for _, c := range e.EmergencyCategories {
		add(tagCategory, string(c))
	}
	return tags
}

func (s *Store) writeTags(ctx context.Context, tx *sqlx.Tx, e *talent.Expert) error {
	if _, err := s.exec(ctx, tx, `DELETE FROM expert_tag WHERE expert_id = ?`, e.ID); err != nil {
		return fmt.Errorf("store: clear tags: %w", err)
	}
	tags := expertTags(e)
	if len(tags) == 0 {
		return nil
	}
	var sb strings.Builder
	args := make([]any, 0, 3*len(tags))
	sb.WriteString(`INSERT INTO expert_tag (expert_id, kind, value) VALUES `)
	for i, t := range tags {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(?, ?, ?)")
		args = append(args, e.ID, t.kind, t.value)
	}
	if _, err := s.exec(ctx, tx, sb.String(), args...); err != nil {
		return fmt.Errorf("store: write tags: %w", err)
	}
	return nil
}

// forUpdate locks selected rows on PostgreSQL. SQLite needs no row locks:
// its transactions take the database write lock at BEGIN (_txlock=immediate).
func (s *Store) forUpdate() string {
	if s.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

func (s *Store) getExpert(ctx context.Context, q sqlx.QueryerContext, id int64, lock bool) (*talent.Expert, error) {
	var r expertRow
	query := `SELECT ` + expertColumns + ` FROM expert WHERE id = ?`
	if lock {
		query += s.forUpdate()
	}
	if err := s.get(ctx, q, &r, query, id); err != nil {
		return nil, notFound(err, "专家", id)
	}
	return r.expert()
}

// Expert returns one expert, archived or not. Errors: NOT_FOUND.
func (s *Store) Expert(ctx context.Context, id int64) (*talent.Expert, error) {
	return s.getExpert(ctx, s.db, id, false)
}

// ExpertByExternalID returns the expert with the bureau's identifier.
func (s *Store) ExpertByExternalID(ctx context.Context, ext string) (*talent.Expert, error) {
	var r expertRow
	if err := s.get(ctx, s.db, &r, `SELECT `+expertColumns+` FROM expert WHERE external_id = ?`, ext); err != nil {
		return nil, notFound(err, "专家", ext)
	}
	return r.expert()
}

// ExpertsByIDs returns the experts with the given ids in one query, keyed by
// id; missing ids are absent from the map.
func (s *Store) ExpertsByIDs(ctx context.Context, ids []int64) (map[int64]*talent.Expert, error) {
	out := make(map[int64]*talent.Expert, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT `+expertColumns+` FROM expert WHERE id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var rows []expertRow
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: experts by id: %w", err)
	}
	for i := range rows {
		e, err := rows[i].expert()
		if err != nil {
			return nil, err
		}
		out[e.ID] = e
	}
	return out, nil
}

// UpdateExpert applies change to the expert if it is still at version.
// Errors: NOT_FOUND; CONFLICT when the stored version differs (someone else
// saved first); ARCHIVED; validation errors. Nothing is written on error.
func (s *Store) UpdateExpert(ctx context.Context, id int64, version int, change func(e *talent.Expert) error) (*talent.Expert, error) {
	var after *talent.Expert
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.getExpert(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if before.Version != version {
			return talent.Conflict("专家资料")
		}
		if before.ArchivedAt != nil {
			return talent.Errorf(talent.CodeArchived, "id", "专家“%s”已归档，不能修改", before.Name)
		}
		after = cloneExpert(before)
		if err := change(after); err != nil {
			return err
		}
		talent.NormalizeExpert(after)
		if after.Consent != nil && after.Consent.GivenAt.IsZero() {
			after.Consent.GivenAt = s.now().UTC()
		}
		ms, err := s.membershipsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.rules.ValidateExpert(after, ms); err != nil {
			return err
		}
		return s.saveExpert(ctx, tx, "updateExpert", before, after)
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// saveExpert writes after over before, guarded by before's version.
func (s *Store) saveExpert(ctx context.Context, tx *sqlx.Tx, op string, before, after *talent.Expert) error {
	after.Version = before.Version + 1
	after.UpdatedAt = s.now().UTC()
	var archived any
	if after.ArchivedAt != nil {
		archived = after.ArchivedAt.UTC()
	}
	sets := strings.ReplaceAll(strings.Join(strings.Fields(expertWritable), " "), ",", " = ?,") + " = ?"
	args := append(expertArgs(after), archived, after.Version, after.UpdatedAt, after.ID, before.Version)
	res, err := s.exec(ctx, tx, `UPDATE expert SET `+sets+`, archived_at = ?, version = ?, updated_at = ?
		WHERE id = ? AND version = ?`, args...)
	if err != nil {
		return fmt.Errorf("store: update expert: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return talent.Conflict("专家资料")
	}
	return s.afterExpertWrite(ctx, tx, op, before, after)
}

// ArchiveExpert takes an expert off every list and out of search while
// keeping the record and its history. version 0 skips the version check.
func (s *Store) ArchiveExpert(ctx context.Context, id int64, version int, reason string) (*talent.Expert, error) {
	reason = talent.Clean(reason)
	if len([]rune(reason)) > talent.MaxNote {
		return nil, talent.Errorf(talent.CodeTooLong, "reason", "原因不能超过%d个字", talent.MaxNote)
	}
	var after *talent.Expert
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.getExpert(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if version != 0 && before.Version != version {
			return talent.Conflict("专家资料")
		}
		if before.ArchivedAt != nil {
			return talent.Errorf(talent.CodeArchived, "id", "专家“%s”已经归档", before.Name)
		}
		after = cloneExpert(before)
		now := s.now().UTC()
		after.ArchivedAt = &now
		after.OnCall = false
		return s.saveExpert(ctx, tx, "archiveExpert", before, after)
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// SetOnCall switches an emergency expert's on-call state. It is a plain set,
// not a read-modify-write, so it needs no version. Errors: NOT_FOUND,
// NOT_MEMBER when the expert is not an admitted emergency expert.
func (s *Store) SetOnCall(ctx context.Context, id int64, onCall bool) (*talent.Expert, error) {
	var after *talent.Expert
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.getExpert(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if before.ArchivedAt != nil {
			return talent.Errorf(talent.CodeArchived, "id", "专家“%s”已归档", before.Name)
		}
		ms, err := s.membershipsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if onCall && !hasStatus(ms, talent.EmergencyExpert, talent.StatusAdmitted) {
			return talent.Errorf(talent.CodeNotMember, "onCall", "只有已入库的应急科普专家才能值守")
		}
		after = cloneExpert(before)
		after.OnCall = onCall
		return s.saveExpert(ctx, tx, "setOnCall", before, after)
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

func hasStatus(ms []*talent.Membership, reg talent.Registry, st talent.MembershipStatus) bool {
	for _, m := range ms {
		if m.Registry == reg && m.Status == st {
			return true
		}
	}
	return false
}

// cloneExpert deep-copies through JSON-able fields so that a change function
// cannot alias the "before" image used for the audit diff.
func cloneExpert(e *talent.Expert) *talent.Expert {
	c := *e
	c.Fields = append([]string(nil), e.Fields...)
	c.Expertise = append([]string(nil), e.Expertise...)
	c.Audiences = append([]talent.Audience(nil), e.Audiences...)
	c.ServiceTownships = append([]string(nil), e.ServiceTownships...)
	c.EmergencyCategories = append([]talent.EmergencyCategory(nil), e.EmergencyCategories...)
	c.LectureTopics = make([]talent.LectureTopic, len(e.LectureTopics))
	for i, t := range e.LectureTopics {
		t.Audiences = append([]talent.Audience(nil), t.Audiences...)
		c.LectureTopics[i] = t
	}
	c.Availability.Weekdays = append([]int(nil), e.Availability.Weekdays...)
	c.Availability.Unavailable = append([]talent.DateRange(nil), e.Availability.Unavailable...)
	if e.Consent != nil {
		cc := *e.Consent
		c.Consent = &cc
	}
	return &c
}
