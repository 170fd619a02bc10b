package talent

import (
	"errors"
	"fmt"
	"strings"
)

// Code is a stable, English error code. Clients branch on codes; messages are
// for people and are written in Simplified Chinese.
type Code string

// Error codes. Codes are part of the API contract: never rename one.
const (
	CodeInvalid           Code = "INVALID"            // malformed or out-of-range value
	CodeRequired          Code = "REQUIRED"           // a required field is missing or blank
	CodeTooLong           Code = "TOO_LONG"           // text or list longer than allowed
	CodeOutOfRange        Code = "OUT_OF_RANGE"       // number outside its range
	CodeUnknownTownship   Code = "UNKNOWN_TOWNSHIP"   // not one of the county's townships
	CodeAgeLimit          Code = "AGE_LIMIT"          // too old for the youth talent pool
	CodeCategoryRequired  Code = "CATEGORY_REQUIRED"  // emergency expert without a category
	CodeInvalidTransition Code = "INVALID_TRANSITION" // state machine forbids the change
	CodeNotMember         Code = "NOT_MEMBER"         // operation needs a registry membership
	CodeDuplicate         Code = "DUPLICATE"          // unique value already taken
	CodeConsentRequired   Code = "CONSENT_REQUIRED"   // personal data without recorded consent
	CodeNotFound          Code = "NOT_FOUND"          // no such object
	CodeConflict          Code = "CONFLICT"           // stale version: someone else changed it
	CodeArchived          Code = "ARCHIVED"           // object is archived and read-only
	CodeUnauthenticated   Code = "UNAUTHENTICATED"    // no or bad credentials
	CodeForbidden         Code = "FORBIDDEN"          // authenticated but not allowed
	CodeLocked            Code = "LOCKED"             // too many failed logins; try later
	CodeRateLimited       Code = "RATE_LIMITED"       // too many requests; try later
	CodeInternal          Code = "INTERNAL"           // anything unexpected; details only in logs
)

// Error is a domain error: a code, the input field it concerns (a dotted path
// such as "lectureTopics.0.title", empty when it concerns the whole input),
// and a message in Simplified Chinese.
type Error struct {
	Code    Code
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf builds an *Error.
func Errorf(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Errors is a list of problems found together, so that a form can show every
// bad field at once instead of one per round trip.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Add appends an error built from code, field and message.
func (es *Errors) Add(code Code, field, format string, args ...any) {
	*es = append(*es, Errorf(code, field, format, args...))
}

// Err returns nil when the list is empty, so callers can `return errs.Err()`.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// AsList flattens err into domain errors. ok is false when err carries no
// domain error at all (an internal failure).
func AsList(err error) (list Errors, ok bool) {
	var es Errors
	if errors.As(err, &es) {
		return es, true
	}
	var e *Error
	if errors.As(err, &e) {
		return Errors{e}, true
	}
	return nil, false
}

// ErrorCode returns the code of the first domain error in err, or CodeInternal.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	if list, ok := AsList(err); ok && len(list) > 0 {
		return list[0].Code
	}
	return CodeInternal
}

// NotFound reports that an object of the given kind (in Chinese, e.g. "专家")
// does not exist.
func NotFound(field, what string, id any) *Error {
	return Errorf(CodeNotFound, field, "%s不存在（ID：%v）", what, id)
}

// Conflict reports a stale version in optimistic locking.
func Conflict(what string) *Error {
	return Errorf(CodeConflict, "version", "%s已被他人修改，请刷新后重试", what)
}
