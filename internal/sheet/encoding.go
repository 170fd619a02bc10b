package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Encodings a CSV file is read in.
const (
	EncUTF8    = "UTF-8"
	EncUTF8BOM = "UTF-8 BOM"
	EncGB18030 = "GB18030" // a superset of GBK and GB2312
)

// sniffSize is how much of a CSV file decides its encoding. Rows further on
// that do not decode are still caught, cell by cell (see checkCell).
const sniffSize = 64 << 10

var errUnknownEncoding = errors.New("unknown encoding")

// decodeCSV detects the encoding of a CSV stream and returns a reader of its
// text in UTF-8, without a BOM. The rule: a UTF-8 BOM or valid UTF-8 means
// UTF-8; otherwise the bytes must read as plausible GB18030 (what Excel on
// Chinese Windows writes as "CSV (逗号分隔)"); anything else is rejected
// rather than imported as mojibake.
func decodeCSV(r io.Reader) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", err
	}
	complete := err == io.EOF
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, _ = br.Discard(3)
		return br, EncUTF8BOM, nil
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return nil, "UTF-16", errUnknownEncoding
	case utf8.Valid(trimPartialRune(head, complete)):
		return br, EncUTF8, nil
	case plausibleGB18030(head, complete):
		return transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), EncGB18030, nil
	}
	return nil, "", errUnknownEncoding
}

// trimPartialRune drops a UTF-8 sequence cut off by the end of a sniffed
// prefix, so that the cut alone does not make the prefix invalid.
func trimPartialRune(b []byte, complete bool) []byte {
	if complete {
		return b
	}
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// plausibleGB18030 reports whether b reads as Chinese text in GB18030: every
// multi-byte sequence well formed, and at least four in five double-byte
// characters from GB2312 (the 6763 common hanzi and the usual punctuation),
// where the text of a Chinese office lives. Text in other double-byte
// encodings (Big5, Shift-JIS) also decodes as GB18030, but into rare
// characters, and fails the second test; that is how mojibake is kept out.
func plausibleGB18030(b []byte, complete bool) bool {
	double, common := 0, 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		if c == 0x80 || c == 0xff {
			return false
		}
		if i+1 >= len(b) {
			return !complete && double > 0 && common*5 >= double*4
		}
		t := b[i+1]
		switch {
		case t >= 0x30 && t <= 0x39: // four-byte sequence
			if i+3 >= len(b) {
				return !complete && double > 0 && common*5 >= double*4
			}
			if b[i+2] < 0x81 || b[i+2] > 0xfe || b[i+3] < 0x30 || b[i+3] > 0x39 {
				return false
			}
			i += 4
			continue
		case t < 0x40 || t == 0x7f || t == 0xff:
			return false
		}
		double++
		if c >= 0xa1 && c <= 0xf7 && t >= 0xa1 && t <= 0xfe {
			common++
		}
		i += 2
	}
	return double > 0 && common*5 >= double*4
}

// maxRecordBytes caps one CSV record. A legitimate row is far smaller (16
// cells of at most MaxCellChars characters); without a cap, one line with
// no line break would be read into memory whatever its size.
const maxRecordBytes = 4 << 20

var errRecordTooLarge = errors.New("record too large")

// recordLimiter fails a read once the current CSV record (bytes since the
// last line break outside quotes) exceeds max bytes. Quotes toggle the
// state: in RFC 4180 an escaped quote is two quotes, which toggles twice.
type recordLimiter struct {
	r        io.Reader
	max, n   int
	inQuotes bool
}

func (l *recordLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		switch {
		case c == '"':
			l.inQuotes = !l.inQuotes
		case c == '\n' && !l.inQuotes:
			l.n = 0
			continue
		}
		l.n++
		if l.n > l.max {
			return 0, errRecordTooLarge
		}
	}
	return n, err
}
