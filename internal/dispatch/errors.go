package dispatch

import "github.com/fuliang/talent/internal/talent"

// Error codes of dispatch, alongside talent's. Codes are part of the API
// contract: never rename one.
const (
	CodeDoubleBooked talent.Code = "DOUBLE_BOOKED"     // the expert already has an engagement at that time
	CodeMonthlyCap   talent.Code = "MONTHLY_CAP"       // the expert's monthly engagement cap is reached
	CodeUnavailable  talent.Code = "UNAVAILABLE"       // the expert marked those dates unavailable
	CodeTaken        talent.Code = "TAKEN"             // the request already has the experts it needs
	CodeNotQualified talent.Code = "NOT_QUALIFIED"     // not an admitted member of a registry that serves this kind
	CodeTooFar       talent.Code = "TOO_FAR"           // beyond the expert's travel limit
	CodeAudience     talent.Code = "AUDIENCE_MISMATCH" // the expert does not serve this audience
	CodeExpired      talent.Code = "EXPIRED"           // the invitation's time to answer has passed
)
