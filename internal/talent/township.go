package talent

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Township is one of Fuliang County's towns (镇) and townships (乡).
type Township struct {
	Code        string   // administrative division code (county 360222 + 3 digits)
	Name        string   // current official name
	Kind        string   // "镇" or "乡"
	FormerNames []string // older spellings still found in spreadsheets
	Lat, Lon    float64  // approximate centre, used only by the distance model
}

// CountySeat is the code of 浮梁镇, the county seat.
const CountySeat = "360222100"

// Townships is the county's reference list. The codes follow the national
// division-code pattern for Fuliang County (360222); the coordinates are
// approximate centres good enough for "near or far" and nothing finer.
var Townships = []Township{
	{"360222100", "浮梁镇", "镇", nil, 29.357, 117.215},
	{"360222101", "鹅湖镇", "镇", nil, 29.520, 117.410},
	{"360222102", "经公桥镇", "镇", nil, 29.690, 117.440},
	{"360222103", "蛟潭镇", "镇", nil, 29.545, 117.265},
	{"360222104", "瑶里镇", "镇", nil, 29.580, 117.590},
	{"360222105", "洪源镇", "镇", nil, 29.300, 117.150},
	{"360222106", "寿安镇", "镇", nil, 29.380, 117.060},
	{"360222107", "湘湖镇", "镇", nil, 29.300, 117.330},
	{"360222108", "三龙镇", "镇", nil, 29.440, 117.120},
	{"360222109", "峙滩镇", "镇", []string{"峙滩乡"}, 29.640, 117.050},
	{"360222200", "王港乡", "乡", nil, 29.430, 117.300},
	{"360222201", "庄湾乡", "乡", []string{"臧湾乡"}, 29.450, 117.200},
	{"360222202", "黄坛乡", "乡", nil, 29.600, 117.200},
	{"360222203", "兴田乡", "乡", nil, 29.510, 117.150},
	{"360222204", "江村乡", "乡", nil, 29.670, 117.350},
	{"360222205", "勒功乡", "乡", nil, 29.520, 117.000},
	{"360222206", "西湖乡", "乡", nil, 29.730, 117.150},
}

var townshipIndex = func() map[string]*Township {
	m := make(map[string]*Township)
	for i := range Townships {
		t := &Townships[i]
		m[t.Code] = t
		m[t.Name] = t
		// "浮梁" for "浮梁镇", as people often drop the suffix.
		m[strings.TrimSuffix(strings.TrimSuffix(t.Name, "镇"), "乡")] = t
		for _, f := range t.FormerNames {
			m[f] = t
			m[strings.TrimSuffix(f, "乡")] = t
		}
	}
	return m
}()

// LookupTownship resolves a code, a name, a name without its 镇/乡 suffix, or a
// former name to the township. An address that starts with one also
// resolves, as requesters and clerks write them: 浮梁县鹅湖镇,
// 江西省景德镇市浮梁县鹅湖镇桃墅村, 鹅湖镇桃墅村 (the village is dropped); so
// does a place named after its township (鹅湖工业园, 瑶里古镇景区).
func LookupTownship(s string) (*Township, bool) {
	s = townshipSimplified.Replace(trimSpace(s))
	if t, ok := townshipIndex[s]; ok {
		return t, true
	}
	for _, p := range addressPrefixes {
		if !strings.HasPrefix(s, p) {
			continue
		}
		s = s[len(p):]
		if t, ok := townshipIndex[s]; ok {
			return t, true
		}
	}
	for i := range Townships {
		t := &Townships[i]
		for _, name := range append([]string{t.Name}, t.FormerNames...) {
			if strings.HasPrefix(s, name) {
				return t, true
			}
		}
	}
	// A place named after its township without the suffix (鹅湖工业园,
	// 瑶里古镇景区, 江村小学) is in it; a county or district of that name
	// (浮梁县, 西湖区) is not.
	for i := range Townships {
		t := &Townships[i]
		for _, name := range append([]string{t.Name}, t.FormerNames...) {
			short := strings.TrimSuffix(strings.TrimSuffix(name, "镇"), "乡")
			rest, ok := strings.CutPrefix(s, short)
			if r, _ := utf8.DecodeRuneInString(rest); ok && short != name && rest != "" && !strings.ContainsRune("县市区省", r) {
				return t, true
			}
		}
	}
	return nil, false
}

// addressPrefixes are stripped in order from the start of an address.
var addressPrefixes = []string{"江西省", "江西", "景德镇市", "景德镇", "浮梁县"}

// townshipSimplified writes the traditional forms of the characters in the
// county's place names in simplified ones (湘湖鎮 → 湘湖镇): a spreadsheet
// typed on a Hong Kong or Taiwan input method, or an old document.
var townshipSimplified = strings.NewReplacer(
	"鎮", "镇", "鄉", "乡", "縣", "县", "鵝", "鹅", "經", "经", "橋", "桥", "瑤", "瑶",
	"裡", "里", "壽", "寿", "龍", "龙", "灘", "滩", "莊", "庄", "灣", "湾", "黃", "黄",
	"壇", "坛", "興", "兴",
)

// TownshipName returns the name for a code, or the code itself.
func TownshipName(code string) string {
	if t, ok := townshipIndex[code]; ok {
		return t.Name
	}
	return code
}

// DistanceKm is the great-circle distance between two townships' centres. It
// returns -1 when either code is unknown.
func DistanceKm(codeA, codeB string) float64 {
	a, okA := townshipIndex[codeA]
	b, okB := townshipIndex[codeB]
	if !okA || !okB {
		return -1
	}
	if a == b {
		return 0
	}
	const r = 6371.0
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}
