package talent

// Registry-specific records: validation for youth talent recommendations,
// science envoy assignments and service logs.

// ValidateRecommendation checks a programme or award nomination.
func (r Rules) ValidateRecommendation(rec *Recommendation) error {
	var errs Errors
	rec.Programme = trimSpace(rec.Programme)
	rec.Note = trimSpace(rec.Note)
	if rec.Programme == "" {
		errs.Add(CodeRequired, "programme", "推荐项目名称不能为空")
	} else if runeLen(rec.Programme) > MaxShortText {
		errs.Add(CodeTooLong, "programme", "推荐项目名称不能超过%d个字", MaxShortText)
	}
	if !Valid(RecommendationLevels, string(rec.Level)) {
		errs.Add(CodeInvalid, "level", "级别“%s”无效，应为国家级、省级、市级或县级", rec.Level)
	}
	if max := r.now().Year() + 1; rec.Year < 2000 || rec.Year > max {
		errs.Add(CodeOutOfRange, "year", "推荐年份%d不在2000至%d之间", rec.Year, max)
	}
	if rec.Outcome == "" {
		rec.Outcome = OutcomePending
	}
	if !Valid(RecommendationOutcomes, string(rec.Outcome)) {
		errs.Add(CodeInvalid, "outcome", "评审结果“%s”无效", rec.Outcome)
	}
	if runeLen(rec.Note) > MaxNote {
		errs.Add(CodeTooLong, "note", "备注不能超过%d个字", MaxNote)
	}
	return errs.Err()
}

// ValidateAssignment checks a science envoy's assignment to a service target.
func (r Rules) ValidateAssignment(a *EnvoyAssignment) error {
	var errs Errors
	a.TargetName = trimSpace(a.TargetName)
	if !Valid(ServiceTargetKinds, string(a.TargetKind)) {
		errs.Add(CodeInvalid, "targetKind", "服务对象类型“%s”无效", a.TargetKind)
	}
	if a.TargetName == "" {
		errs.Add(CodeRequired, "targetName", "服务对象名称不能为空")
	} else if runeLen(a.TargetName) > MaxShortText {
		errs.Add(CodeTooLong, "targetName", "服务对象名称不能超过%d个字", MaxShortText)
	}
	if t, ok := LookupTownship(a.Township); ok {
		a.Township = t.Code
	} else if a.Township != "" {
		errs.Add(CodeUnknownTownship, "township", "乡镇“%s”不是浮梁县的乡镇", a.Township)
	}
	start, e1 := ValidDate("termStart", "服务期开始日期", a.TermStart)
	if e1 != nil {
		errs = append(errs, e1)
	}
	if a.TermEnd != "" {
		end, e2 := ValidDate("termEnd", "服务期结束日期", a.TermEnd)
		if e2 != nil {
			errs = append(errs, e2)
		} else if e1 == nil && end.Before(start) {
			errs.Add(CodeInvalid, "termEnd", "服务期结束日期不能早于开始日期")
		}
	}
	return errs.Err()
}

// ValidateServiceLog checks a science envoy's service record.
func (r Rules) ValidateServiceLog(l *ServiceLog) error {
	var errs Errors
	l.Target = trimSpace(l.Target)
	l.Content = trimSpace(l.Content)
	if d, e := ValidDate("date", "服务日期", l.Date); e != nil {
		errs = append(errs, e)
	} else if d.After(r.now()) {
		errs.Add(CodeInvalid, "date", "服务日期%s晚于今天，只能登记已完成的服务", l.Date)
	}
	if l.Target == "" {
		errs.Add(CodeRequired, "target", "服务对象不能为空")
	} else if runeLen(l.Target) > MaxShortText {
		errs.Add(CodeTooLong, "target", "服务对象不能超过%d个字", MaxShortText)
	}
	if l.Content == "" {
		errs.Add(CodeRequired, "content", "服务内容不能为空")
	} else if runeLen(l.Content) > MaxNote {
		errs.Add(CodeTooLong, "content", "服务内容不能超过%d个字", MaxNote)
	}
	if l.PeopleTrained < 0 || l.PeopleTrained > 100000 {
		errs.Add(CodeOutOfRange, "peopleTrained", "培训人数应在0至100000之间")
	}
	return errs.Err()
}

// ValidateOrganization checks an organisation.
func (r Rules) ValidateOrganization(o *Organization) error {
	var errs Errors
	o.Name = trimSpace(o.Name)
	if !Valid(OrganizationKinds, string(o.Kind)) {
		errs.Add(CodeInvalid, "kind", "单位类型“%s”无效", o.Kind)
	}
	if o.Name == "" {
		errs.Add(CodeRequired, "name", "单位名称不能为空")
	} else if runeLen(o.Name) > MaxShortText {
		errs.Add(CodeTooLong, "name", "单位名称不能超过%d个字", MaxShortText)
	}
	if t, ok := LookupTownship(o.Township); ok {
		o.Township = t.Code
	} else if o.Township != "" {
		errs.Add(CodeUnknownTownship, "township", "乡镇“%s”不是浮梁县的乡镇", o.Township)
	}
	if runeLen(o.Address) > MaxShortText*2 {
		errs.Add(CodeTooLong, "address", "地址不能超过%d个字", MaxShortText*2)
	}
	if o.Phone != "" && !mobileRe.MatchString(o.Phone) && !landlineRe.MatchString(o.Phone) {
		errs.Add(CodeInvalid, "phone", "电话号码“%s”格式不正确", o.Phone)
	}
	return errs.Err()
}
