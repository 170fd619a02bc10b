package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
	"github.com/fuliang/talent/internal/vocab"
	"github.com/graphql-go/graphql"
)

func init() { parts = append(parts, synonymPart) }

var synonymGroupType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "SynonymGroup",
	Description: "一组同义词：检索和匹配时互相替代（如 茶 / 茶叶 / 浮梁茶）。",
	Fields: graphql.Fields{
		"id":        get(graphql.ID, "编号；内置的词组没有编号。", func(g store.SynonymGroup) any { return nilIfZeroID(g.ID) }),
		"terms":     get(nonNullStrList, "词。", func(g store.SynonymGroup) any { return g.Terms }),
		"builtIn":   get(nonNullBool, "是否为系统内置（内置的不能删除）。", func(g store.SynonymGroup) any { return g.ID == 0 }),
		"createdBy": get(graphql.String, "添加人。", func(g store.SynonymGroup) any { return nilIfEmpty(g.CreatedBy) }),
	},
})

var vocabularyGapType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "VocabularyGap",
	Description: "需求里用到、但没有一位专家的资料里有（连同义词也没有）的词：可据此添加同义词组。",
	Fields: graphql.Fields{
		"term":     get(nonNullString, "词。", func(g vocab.Gap) any { return g.Term }),
		"requests": get(graphql.NewNonNull(graphql.Int), "用到它的需求数。", func(g vocab.Gap) any { return g.Requests }),
		"examples": get(nonNullStrList, "用到它的需求标题，最新的在前，至多3个。", func(g vocab.Gap) any { return nonNil(g.Examples) }),
	},
})

// maxGapDays bounds the window of vocabularyGaps.
const maxGapDays = 3660

func nilIfZeroID(id int64) any {
	if id == 0 {
		return nil
	}
	return idString(id)
}

func synonymPart(r *Resolver, t *Types) (graphql.Fields, graphql.Fields) {
	payloadT := payloadType("SynonymGroupPayload", "group", synonymGroupType, nil)
	changed := func(ctx context.Context) {
		if r.SynonymsChanged != nil {
			if err := r.SynonymsChanged(ctx); err != nil {
				// Saved all the same; every replica re-reads synonyms within a minute.
				slog.WarnContext(ctx, "applying synonyms failed", "err", err)
			}
		}
	}
	queries := graphql.Fields{
		"synonymGroups": &graphql.Field{
			Type:        listOf(synonymGroupType),
			Description: "同义词组：系统内置的在前，管理员添加的在后。",
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				var out []store.SynonymGroup
				for _, g := range textproc.DefaultSynonyms().Groups() {
					out = append(out, store.SynonymGroup{Terms: g})
				}
				added, err := r.Store.SynonymGroups(p.Context)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				return append(out, added...), nil
			},
		},
	}
	queries["vocabularyGaps"] = &graphql.Field{
		Type: listOf(vocabularyGapType),
		Description: "词汇缺口：近期需求（至多最近500条）里最能说明需求的词中，没有任何专家资料含有（连同义词也没有）的，" +
			"按用到的需求数从多到少。人才库管理员可据此添加同义词组（当地说法 ↔ 专家资料的用语）。",
		Args: graphql.FieldConfigArgument{
			"days":  {Type: graphql.Int, DefaultValue: 90, Description: "读最近多少天的需求（1–3660）。"},
			"first": {Type: graphql.Int, DefaultValue: 30, Description: "至多返回多少个词（1–200）。"},
		},
		Resolve: func(p graphql.ResolveParams) (interface{}, error) {
			days, _ := p.Args["days"].(int)
			first, _ := p.Args["first"].(int)
			if days < 1 || days > maxGapDays {
				return nil, fieldError(p.Context, talent.Errorf(talent.CodeOutOfRange, "days", "days 应在1至%d之间", maxGapDays))
			}
			if first < 1 || first > 200 {
				return nil, fieldError(p.Context, talent.Errorf(talent.CodeOutOfRange, "first", "first 应在1至200之间"))
			}
			reqs, err := r.Store.RequestTexts(p.Context, time.Now().AddDate(0, 0, -days), vocab.MaxRequests)
			if err != nil {
				return nil, fieldError(p.Context, err)
			}
			gaps, err := vocab.Gaps(p.Context, r.Matcher.Analyzer(), r.Search, reqs)
			if err != nil {
				return nil, searchError(p.Context, err)
			}
			if len(gaps) > first {
				gaps = gaps[:first]
			}
			return gaps, nil
		},
	}
	mutations := graphql.Fields{
		"addSynonymGroup": mutation("添加一组同义词（如当地说法与专业用语），检索和匹配随即生效。", inputObject("AddSynonymGroupInput", "", graphql.InputObjectConfigFieldMap{
			"terms": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))), Description: "至少两个词。"},
		}), payloadT, func(ctx context.Context, in input) (any, error) {
			g, err := r.Store.AddSynonymGroup(ctx, in.strs("terms"))
			if err == nil {
				changed(ctx)
				return payload(ctx, "group", *g, nil)
			}
			return payload(ctx, "group", nil, err)
		}),
		"removeSynonymGroup": mutation("删除管理员添加的一组同义词。", inputObject("RemoveSynonymGroupInput", "", graphql.InputObjectConfigFieldMap{
			"id": {Type: nonNullID},
		}), payloadT, func(ctx context.Context, in input) (any, error) {
			err := r.Store.RemoveSynonymGroup(ctx, argInt(in, "id"))
			if err == nil {
				changed(ctx)
			}
			return payload(ctx, "group", nil, err)
		}),
	}
	return queries, mutations
}
