package talent

import "fmt"

// transitions is the membership state machine: from → allowed targets.
// EXITED → NOMINATED lets a person who left be nominated again.
var transitions = map[MembershipStatus][]MembershipStatus{
	StatusNominated:   {StatusUnderReview, StatusAdmitted, StatusExited},
	StatusUnderReview: {StatusAdmitted, StatusNominated, StatusExited},
	StatusAdmitted:    {StatusSuspended, StatusExited},
	StatusSuspended:   {StatusAdmitted, StatusExited},
	StatusExited:      {StatusNominated},
}

// InitialStatuses are the states a new membership may start in. ADMITTED is
// allowed so that bureaus can enter people already on their rosters.
var InitialStatuses = []MembershipStatus{StatusNominated, StatusUnderReview, StatusAdmitted}

// CanTransition reports whether a membership may move from one state to another.
func CanTransition(from, to MembershipStatus) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// NextStatuses lists the states reachable from s.
func NextStatuses(s MembershipStatus) []MembershipStatus { return transitions[s] }

// reasonRequired: leaving or pausing a roster must say why.
func reasonRequired(to MembershipStatus) bool {
	return to == StatusSuspended || to == StatusExited
}

// ValidateTransition checks a status change of membership m of expert e.
// It enforces the state machine, a reason where one is needed, and the
// registry's admission rules.
func (r Rules) ValidateTransition(e *Expert, m *Membership, to MembershipStatus, reason string) error {
	var errs Errors
	if !Valid(MembershipStatuses, string(to)) {
		errs.Add(CodeInvalid, "status", "入库状态“%s”无效", to)
		return errs
	}
	if m.Status == to {
		errs.Add(CodeInvalidTransition, "status", "%s的状态已经是“%s”", Label(Registries, string(m.Registry)), Label(MembershipStatuses, string(to)))
		return errs
	}
	if !CanTransition(m.Status, to) {
		errs.Add(CodeInvalidTransition, "status", "不能从“%s”变为“%s”；可变为：%s",
			Label(MembershipStatuses, string(m.Status)), Label(MembershipStatuses, string(to)), statusLabels(NextStatuses(m.Status)))
		return errs
	}
	r.validateEntry(&errs, e, m.Registry, to, reason)
	return errs.Err()
}

// ValidateNewMembership checks adding expert e to registry reg in status.
func (r Rules) ValidateNewMembership(e *Expert, existing []*Membership, reg Registry, status MembershipStatus, reason string) error {
	var errs Errors
	if !Valid(Registries, string(reg)) {
		errs.Add(CodeInvalid, "registry", "人才库“%s”无效", reg)
		return errs
	}
	for _, m := range existing {
		if m.Registry == reg {
			errs.Add(CodeDuplicate, "registry", "该专家已在%s中（状态：%s），请改用变更状态", Label(Registries, string(reg)), Label(MembershipStatuses, string(m.Status)))
			return errs
		}
	}
	ok := false
	for _, s := range InitialStatuses {
		ok = ok || s == status
	}
	if !ok {
		errs.Add(CodeInvalidTransition, "status", "新入库的初始状态只能是：%s", statusLabels(InitialStatuses))
		return errs
	}
	if e.ArchivedAt != nil {
		errs.Add(CodeArchived, "expertId", "专家“%s”已归档，不能加入人才库", e.Name)
		return errs
	}
	r.validateEntry(&errs, e, reg, status, reason)
	return errs.Err()
}

func (r Rules) validateEntry(errs *Errors, e *Expert, reg Registry, to MembershipStatus, reason string) {
	if reasonRequired(to) && trimSpace(reason) == "" {
		errs.Add(CodeRequired, "reason", "变更为“%s”须填写原因", Label(MembershipStatuses, string(to)))
	}
	if runeLen(reason) > MaxNote {
		errs.Add(CodeTooLong, "reason", "原因不能超过%d个字", MaxNote)
	}
	if to != StatusAdmitted {
		return
	}
	switch reg {
	case YouthTalent:
		if e.BirthYear == 0 {
			errs.Add(CodeRequired, "birthYear", "入选青年人才储备库须填写出生年份")
		} else if age := r.now().Year() - e.BirthYear; age > r.YouthAgeLimit {
			errs.Add(CodeAgeLimit, "birthYear", "青年人才入库年龄不超过%d周岁，该专家今年%d岁", r.YouthAgeLimit, age)
		}
	case EmergencyExpert:
		if len(e.EmergencyCategories) == 0 {
			errs.Add(CodeCategoryRequired, "emergencyCategories", "应急科普专家至少需要一个应急类别")
		}
	}
}

func statusLabels(ss []MembershipStatus) string {
	s := ""
	for i, st := range ss {
		if i > 0 {
			s += "、"
		}
		s += fmt.Sprintf("%s（%s）", Label(MembershipStatuses, string(st)), st)
	}
	if s == "" {
		return "无"
	}
	return s
}
