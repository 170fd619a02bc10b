package store

import (
	"context"
	"fmt"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

type organizationRow struct {
	ID        int64     `db:"id"`
	Kind      string    `db:"kind"`
	Name      string    `db:"name"`
	Township  string    `db:"township"`
	Address   string    `db:"address"`
	Contact   string    `db:"contact"`
	Phone     string    `db:"phone"`
	Version   int       `db:"version"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

const organizationColumns = `id, kind, name, township, address, contact, phone, version, created_at, updated_at`

func (r organizationRow) organization() *talent.Organization {
	return &talent.Organization{ID: r.ID, Kind: talent.OrganizationKind(r.Kind), Name: r.Name, Township: r.Township,
		Address: r.Address, Contact: r.Contact, Phone: r.Phone, Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

// CreateOrganization stores a school, village, enterprise or department.
// Errors: validation errors, DUPLICATE for the same kind and name.
func (s *Store) CreateOrganization(ctx context.Context, o *talent.Organization) (*talent.Organization, error) {
	if err := s.rules.ValidateOrganization(o); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		now := s.now().UTC()
		o.Version, o.CreatedAt, o.UpdatedAt = 1, now, now
		id, err := s.insert(ctx, tx, `INSERT INTO organization (kind, name, township, address, contact, phone, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, string(o.Kind), o.Name, o.Township, o.Address, o.Contact, o.Phone, 1, now, now)
		if err != nil {
			return err
		}
		o.ID = id
		return s.audit(ctx, tx, "createOrganization", "organization", id, nil, o)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Organization returns one organisation. Errors: NOT_FOUND.
func (s *Store) Organization(ctx context.Context, id int64) (*talent.Organization, error) {
	var r organizationRow
	if err := s.get(ctx, s.db, &r, `SELECT `+organizationColumns+` FROM organization WHERE id = ?`, id); err != nil {
		return nil, notFound(err, "单位", id)
	}
	return r.organization(), nil
}

// FindOrganizations lists organisations, optionally of one kind and
// township, by id after the cursor.
func (s *Store) FindOrganizations(ctx context.Context, kind talent.OrganizationKind, township string, after int64, limit int) ([]*talent.Organization, error) {
	if t, ok := talent.LookupTownship(township); ok {
		township = t.Code
	}
	var rows []organizationRow
	if err := s.sel(ctx, s.db, &rows, `SELECT `+organizationColumns+` FROM organization
		WHERE (? = '' OR kind = ?) AND (? = '' OR township = ?) AND id > ? ORDER BY id LIMIT ?`,
		string(kind), string(kind), township, township, after, limit); err != nil {
		return nil, fmt.Errorf("store: organizations: %w", err)
	}
	out := make([]*talent.Organization, len(rows))
	for i, r := range rows {
		out[i] = r.organization()
	}
	return out, nil
}
