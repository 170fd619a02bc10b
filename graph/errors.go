package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/fuliang/talent/internal/talent"
)

// userError is the GraphQL UserError object: a problem with the input that
// the client can show next to a form field.
type userError struct {
	Field   string
	Code    string
	Message string
}

// userErrors converts a domain error into user errors. ok is false for
// anything that is not a domain error: those are internal failures.
func userErrors(err error) (list []userError, ok bool) {
	es, ok := talent.AsList(err)
	if !ok {
		return nil, false
	}
	for _, e := range es {
		list = append(list, userError{Field: e.Field, Code: string(e.Code), Message: e.Message})
	}
	return list, true
}

// gqlError is a GraphQL error with a stable code in extensions.
type gqlError struct {
	code string
	msg  string
}

func (e *gqlError) Error() string { return e.msg }

// Extensions implements gqlerrors.ExtendedError.
func (e *gqlError) Extensions() map[string]interface{} {
	return map[string]interface{}{"code": e.code}
}

var errInternal = &gqlError{code: string(talent.CodeInternal), msg: "服务器内部错误，请稍后重试；如果问题持续，请联系管理员"}

// fieldError maps an error to what a query field returns: domain errors keep
// their code and Chinese message, anything else is logged and hidden behind
// a generic internal error so that no SQL or stack trace reaches a client.
func fieldError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if es, ok := talent.AsList(err); ok && len(es) > 0 {
		return &gqlError{code: string(es[0].Code), msg: es[0].Message}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &gqlError{code: "TIMEOUT", msg: "请求超时或已取消"}
	}
	slog.ErrorContext(ctx, "graphql resolver failed", "err", err)
	return errInternal
}

// payload builds a mutation payload: on a domain error the object is null
// and userErrors lists the problems; other errors become a GraphQL error.
func payload(ctx context.Context, key string, obj any, err error) (any, error) {
	if err != nil {
		if list, ok := userErrors(err); ok {
			return map[string]any{key: nil, "userErrors": list}, nil
		}
		return nil, fieldError(ctx, err)
	}
	return map[string]any{key: obj, "userErrors": []userError{}}, nil
}
