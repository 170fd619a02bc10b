package dispatch

// Notice is the kind of a message sent to people about a request.
type Notice string

const (
	NoticeInvitation   Notice = "INVITATION"   // to an invited expert
	NoticeCallOut      Notice = "CALL_OUT"     // to an on-call emergency expert
	NoticeFilled       Notice = "FILLED"       // to invitees still pending when others filled the request
	NoticeAcceptance   Notice = "ACCEPTANCE"   // to the requester: an expert accepted or claimed
	NoticeScheduled    Notice = "SCHEDULED"    // to the expert and the requester: the time is fixed
	NoticeReminder     Notice = "REMINDER"     // to the expert and the requester, before the engagement
	NoticeCancellation Notice = "CANCELLATION" // to everyone involved
	NoticeReturned     Notice = "RETURNED"     // to the office: back to dispatch, nobody left to answer
	NoticeExpired      Notice = "EXPIRED"      // to the requester and the office: nobody accepted in time
)

// Recipient is who a notice is for.
type Recipient string

const (
	ToExpert    Recipient = "EXPERT"
	ToRequester Recipient = "REQUESTER"
	ToOffice    Recipient = "OFFICE" // the dispatching officers
)
