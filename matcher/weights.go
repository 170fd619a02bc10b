package matcher

// Feature names, stable in the API.
const (
	FeatureText         = "text"
	FeatureTopic        = "topic"
	FeatureRegistry     = "registry"
	FeatureAudience     = "audience"
	FeaturePlace        = "place"
	FeatureAvailability = "availability"
	FeatureWorkload     = "workload"
	FeatureRating       = "rating"
	FeatureOnCall       = "onCall"
)

// Features lists the feature names in the order explanations show them.
var Features = []string{FeatureText, FeatureTopic, FeatureRegistry, FeatureAudience, FeaturePlace,
	FeatureAvailability, FeatureWorkload, FeatureRating, FeatureOnCall}

// Weights are the features' relative weights for each request kind. They
// are the one place to tune the ranking. A feature that does not apply to a
// request (no audience given, no township, no date window) drops out and
// the others are renormalised, so scores stay in [0, 1].
type Weights map[Kind]map[string]float64

// DefaultWeights: what the request is about dominates; the rest orders
// experts who fit the topic. Emergencies weigh being on call and near the
// incident together above the wording of a message written in a hurry, but
// not so far that an on-call expert of the category who knows nothing of
// this incident outranks one who knows it well and is off duty (text 0.22
// against on-call 0.35 did that: emergency nDCG@10 0.833 on the judged set,
// 0.882 with these).
func DefaultWeights() Weights {
	base := map[string]float64{
		FeatureText: 0.42, FeatureTopic: 0.10, FeatureRegistry: 0.14, FeatureAudience: 0.08,
		FeaturePlace: 0.09, FeatureAvailability: 0.06, FeatureWorkload: 0.05, FeatureRating: 0.06,
	}
	clone := func(over map[string]float64) map[string]float64 {
		m := map[string]float64{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range over {
			m[k] = v
		}
		return m
	}
	return Weights{
		School:     clone(map[string]float64{FeatureTopic: 0.12, FeatureAudience: 0.10}),
		Village:    clone(map[string]float64{FeaturePlace: 0.12}),
		Enterprise: clone(nil),
		Emergency: clone(map[string]float64{
			FeatureText: 0.35, FeatureTopic: 0, FeatureRegistry: 0.05, FeatureAudience: 0,
			FeaturePlace: 0.25, FeatureAvailability: 0.08, FeatureWorkload: 0, FeatureRating: 0.05, FeatureOnCall: 0.22,
		}),
	}
}
