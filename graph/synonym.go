package graph

import (
	"context"
	"log/slog"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/textproc"
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
