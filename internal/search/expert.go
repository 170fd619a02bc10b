package search

import (
	"slices"

	"github.com/fuliang/talent/internal/talent"
)

// DocumentFromExpert builds the index document of an expert from the profile
// and its memberships (ms are e's). Lecture topics contribute their titles, abstracts and
// audiences (a lecturer who has a talk for primary schools serves primary
// schools even if the profile's own list forgets it). Archived experts are not
// meant to be indexed: callers delete them instead.
func DocumentFromExpert(e *talent.Expert, ms []*talent.Membership) Document {
	d := Document{
		ID:               e.ID,
		Version:          e.Version,
		Name:             e.Name,
		Title:            e.Title,
		Organization:     e.Organization,
		Bio:              e.Bio,
		Fields:           slices.Clone(e.Fields),
		Expertise:        slices.Clone(e.Expertise),
		Township:         e.Township,
		ServiceTownships: slices.Clone(e.ServiceTownships),
		OnCall:           e.OnCall,
	}
	audiences := make([]string, 0, len(e.Audiences))
	for _, a := range e.Audiences {
		audiences = append(audiences, string(a))
	}
	for _, t := range e.LectureTopics {
		d.TopicTitles = append(d.TopicTitles, t.Title)
		if t.Abstract != "" {
			d.TopicTexts = append(d.TopicTexts, t.Abstract)
		}
		for _, a := range t.Audiences {
			audiences = append(audiences, string(a))
		}
	}
	d.Audiences = talent.CleanList(audiences)
	for _, c := range e.EmergencyCategories {
		d.EmergencyCategories = append(d.EmergencyCategories, string(c))
	}
	for _, m := range ms {
		d.Memberships = append(d.Memberships, Membership{Registry: string(m.Registry), Status: string(m.Status)})
	}
	return d
}
