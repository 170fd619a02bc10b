package store

import (
	"context"
	"fmt"
)

// Facts that authorization decisions need, each one query for a batch.

// EngagedOrganizations returns, per expert, the organisations that have an
// accepted, scheduled or completed engagement with them: a requester may see
// the contact data of experts who are coming to it.
func (s *Store) EngagedOrganizations(ctx context.Context, expertIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(expertIDs) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT DISTINCT g.expert_id, r.organization_id
		FROM engagement g JOIN request r ON r.id = g.request_id
		WHERE g.expert_id IN (?) AND g.status IN ('ACCEPTED', 'SCHEDULED', 'COMPLETED')`, expertIDs)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ExpertID int64 `db:"expert_id"`
		OrgID    int64 `db:"organization_id"`
	}
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: engaged organisations: %w", err)
	}
	for _, r := range rows {
		out[r.ExpertID] = append(out[r.ExpertID], r.OrgID)
	}
	return out, nil
}

// RequestOrganization returns the organisation that submitted a request.
func (s *Store) RequestOrganization(ctx context.Context, requestID int64) (int64, error) {
	var org int64
	if err := s.get(ctx, s.db, &org, `SELECT organization_id FROM request WHERE id = ?`, requestID); err != nil {
		return 0, notFound(err, "需求", requestID)
	}
	return org, nil
}

// ExpertOnRequest reports whether an expert was invited to or engaged on a request.
func (s *Store) ExpertOnRequest(ctx context.Context, requestID, expertID int64) (bool, error) {
	var n int
	err := s.get(ctx, s.db, &n, `SELECT
		(SELECT COUNT(*) FROM invitation WHERE request_id = ? AND expert_id = ?) +
		(SELECT COUNT(*) FROM engagement WHERE request_id = ? AND expert_id = ?)`, requestID, expertID, requestID, expertID)
	if err != nil {
		return false, fmt.Errorf("store: expert on request: %w", err)
	}
	return n > 0, nil
}
